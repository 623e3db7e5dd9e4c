// The optional configuration file: defaults set once for both binaries.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsidx {

/// What a configuration file sets; each value is used only where neither the command line nor
/// the environment gives one (command line > environment > this file > built-in default).
struct Config {
    std::optional<std::string> db;     // database path, `~/` expanded to $HOME
    std::optional<unsigned> jobs;      // build -j
    std::optional<std::string> color;  // auto, always or never (newsidx-search --color)
};

/// The keys a file may hold, as listed in errors and documentation.
inline constexpr std::string_view kConfigKeys = "db, jobs, color";

/// `$XDG_CONFIG_HOME/newsidx/config.toml`, else `$HOME/.config/newsidx/config.toml` (an
/// unset, empty or relative XDG_CONFIG_HOME is ignored, as the XDG specification says);
/// empty when neither variable helps.
std::string default_config_path();

/// Parses the TOML `text` of the file `path`. Throws Error "path:line: reason" for invalid
/// TOML, an unknown key or a value of the wrong type or range.
Config parse_config(std::string_view text, const std::string& path);

/// Reads `file` if it is not empty (a missing or unreadable file is an Error), else the
/// default file if it exists (a missing default file is an empty Config). Throws as
/// parse_config().
Config load_config(const std::string& file);

}  // namespace newsidx
