// Reads config.toml with toml++ (Debian's libtomlplusplus), the library of the saved searches.
#include "common/config.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <toml++/toml.h>

#include "common/atomic_file.h"
#include "common/error.h"

namespace newsidx {

namespace {

std::string at(const std::string& path, const toml::node& node) {
    return path + ":" + std::to_string(node.source().begin.line) + ": ";
}

std::string expand_home(std::string path) {
    const char* home = std::getenv("HOME");
    if (path.starts_with("~/") && home && *home) {
        path = home + path.substr(1);
    }
    return path;
}

std::string string_value(const std::string& path, std::string_view key, const toml::node& node) {
    const auto* value = node.as_string();
    if (!value || value->get().empty()) {
        throw Error(at(path, node) + std::string(key) + " must be a non-empty string");
    }
    return value->get();
}

}  // namespace

std::string default_config_path() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg == '/') {
        return std::string(xdg) + "/newsidx/config.toml";
    }
    const char* home = std::getenv("HOME");
    if (home && *home) {
        return std::string(home) + "/.config/newsidx/config.toml";
    }
    return {};
}

Config parse_config(std::string_view text, const std::string& path) {
    toml::table doc;
    try {
        doc = toml::parse(text, std::string_view(path));
    } catch (const toml::parse_error& e) {
        throw Error(path + ":" + std::to_string(e.source().begin.line) + ": " +
                    std::string(e.description()));
    }
    Config config;
    for (auto&& [key, node] : doc) {
        if (key == "db") {
            config.db = expand_home(string_value(path, "db", node));
        } else if (key == "jobs") {
            auto jobs = node.value<int64_t>();
            if (!node.is_integer() || !jobs || *jobs < 1 || *jobs > kMaxJobs) {
                throw Error(at(path, node) + "jobs must be a whole number from 1 to " +
                            std::to_string(kMaxJobs));
            }
            config.jobs = static_cast<unsigned>(*jobs);
        } else if (key == "color") {
            std::string color = string_value(path, "color", node);
            for (auto [name, value] : kColorNames) {
                if (color == name) {
                    config.color = value;
                }
            }
            if (!config.color) {
                throw Error(at(path, node) + "color must be \"auto\", \"always\" or \"never\"");
            }
        } else if (key == "allow_remote_program") {
            if (!node.is_boolean()) {
                throw Error(at(path, node) + "allow_remote_program must be true or false");
            }
            config.allow_remote_program = node.value<bool>();
        } else {
            throw Error(path + ":" + std::to_string(key.source().begin.line) + ": unknown key " +
                        std::string(key.str()) + " (known: " + std::string(kConfigKeys) + ")");
        }
    }
    return config;
}

Config load_config(const std::string& file) {
    std::string path = file.empty() ? default_config_path() : file;
    if (path.empty()) {
        return {};
    }
    std::optional<std::string> text;
    try {
        text = read_file(path);
    } catch (const Error& e) {
        if (!file.empty()) {
            throw;
        }
        // The default file is optional: one that cannot be read must not stop every command
        // when a missing one does not. A file named with --config is the user's intent, so
        // there it stays an error.
        Config defaults;
        defaults.warning = std::string(e.what()) + " (the default configuration file: ignored)";
        return defaults;
    }
    if (!text) {
        if (file.empty()) {
            return {};  // no default file: the built-in defaults
        }
        throw Error("cannot read config file " + path + ": " + std::strerror(ENOENT));
    }
    return parse_config(*text, path);
}

}  // namespace newsidx
