// The options both command lines share, defined once: for the CLI libraries of newsidx and
// newsidx-search (which link CLI11; the common library itself does not).
#pragma once

#include <iostream>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "common/config.h"
#include "common/error.h"
#include "common/utf8.h"

namespace newsidx {

/// --config FILE.
inline CLI::Option* add_config_option(CLI::App& app, std::string& file) {
    return app.add_option("--config", file,
                          "Configuration file (default: $XDG_CONFIG_HOME/newsidx/config.toml, "
                          "else ~/.config/newsidx/config.toml, if it exists)");
}

/// --db PATH, also taken from $NEWSIDX_DB; use_config_value() then applies the config file's.
inline CLI::Option* add_db_option(CLI::App& app, std::string& path) {
    return app
        .add_option("--db", path,
                    std::string("Database directory (default: $NEWSIDX_DB, else the config "
                                "file's db, else ./") +
                        kDefaultDbPath + ")")
        ->envname("NEWSIDX_DB");
}

/// Sets `target` from the configuration file's `value` when the option was given neither on
/// the command line nor through its environment variable (CLI11 counts both).
template <class T>
void use_config_value(const CLI::Option* option, T& target, const std::optional<T>& value) {
    if (option->count() == 0 && value) {
        target = *value;
    }
}

/// What main() prints for a command line CLI11 refuses (or --help, --version), and the exit
/// code: CLI11's message with what the user typed made terminal_safe (it echoes arguments).
inline int print_parse_error(const CLI::App& app, const CLI::ParseError& e) {
    std::ostringstream out, err;
    int code = app.exit(e, out, err);
    std::cout << out.str() << std::flush;
    std::cerr << terminal_safe(err.str());
    return code == 0 ? kExitOk : kExitError;  // CLI11 would exit with 100+
}

/// The line main() prints for an error that stopped the command: "PROGRAM: reason", the
/// reason made terminal_safe on one line (messages echo arguments, file names and values of
/// files).
inline void print_error(std::string_view program, std::string_view reason) {
    std::cerr << program << ": " << terminal_safe(reason, Newlines::kReplace) << '\n';
}

/// load_config(file), saying its warning (a default file that cannot be read) on `err` as
/// "PROGRAM: warning: ...". Throws as load_config().
inline Config load_config_warning(const std::string& file, std::string_view program,
                                  std::ostream& err) {
    Config config = load_config(file);
    if (config.warning) {
        err << program << ": warning: " << terminal_safe(*config.warning) << '\n';
    }
    return config;
}

}  // namespace newsidx
