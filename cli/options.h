// What both command lines share, defined once, for the CLI libraries of newsidx and
// newsidx-search (the only code that links CLI11): the shared options, options that take one
// of a few names, and how a refused command line is reported.
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

/// Restricts `option` to `names` (any case; each item of a delimited option): --help and the
/// man page show them as `a|b|c`, and another value is refused in words ("--sort: newst is
/// not one of relevance, newest, oldest"). CLI11's own IsMember and CheckedTransformer also
/// take a mapped value ("--sort 2") and describe themselves in type notation.
CLI::Option* restrict_to(CLI::Option* option, std::vector<std::string> names);

/// An option `target` of which takes one of `choices` by name (restrict_to()).
template <class T>
CLI::Option* add_choice_option(CLI::App& app, const std::string& names, T& target,
                               const std::string& help,
                               std::vector<std::pair<std::string, T>> choices) {
    std::vector<std::string> words;
    for (const auto& choice : choices) {
        words.push_back(choice.first);
    }
    CLI::Option* option = app.add_option_function<std::string>(
        names,
        [&target, choices](const std::string& value) {
            for (const auto& [name, v] : choices) {
                if (name == value) {
                    target = v;
                }
            }
        },
        help);
    return restrict_to(option, words);
}

/// What main() prints for a command line CLI11 refuses (or --help, --version), and the exit
/// code. A refusal is one line, "PROGRAM: reason", with what the user typed made
/// terminal_safe (CLI11 echoes arguments): an unknown option or command names the nearest
/// one ("unknown option --limt (did you mean --limit?)"), a missing command lists them.
int print_parse_error(const CLI::App& app, const CLI::ParseError& e, std::string_view program);

/// The name among `candidates` nearest to `typed` (at most a third of its letters changed,
/// transposed, added or left out), if any: for "did you mean".
std::optional<std::string> nearest_name(std::string_view typed,
                                        const std::vector<std::string>& candidates);

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
