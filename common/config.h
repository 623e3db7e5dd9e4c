// The optional configuration file: defaults set once for both binaries.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace newsidx {

/// Colour of text output: auto (a terminal, unless NO_COLOR is set), always or never.
enum class Color { kAuto, kAlways, kNever };

/// The names of the Color values, as the config file and --color take them.
inline constexpr std::pair<std::string_view, Color> kColorNames[] = {
    {"auto", Color::kAuto}, {"always", Color::kAlways}, {"never", Color::kNever}};

/// The most threads `build -j` and the config file's jobs may ask for.
inline constexpr unsigned kMaxJobs = 256;

/// What a configuration file sets; each value is used only where neither the command line nor
/// the environment gives one (command line > environment > this file > built-in default).
struct Config {
    std::optional<std::string> db;             // database path, `~/` expanded to $HOME
    std::optional<unsigned> jobs;              // build -j
    std::optional<Color> color;                // newsidx-search --color
    std::optional<bool> allow_remote_program;  // newsidx-search --allow-remote-program
    /// Set when the default file exists but cannot be read (a $HOME the user may not enter,
    /// a file of mode 000): why, for one `warning:` line; the values are then the defaults.
    std::optional<std::string> warning;
};

/// The keys a file may hold, as listed in errors and documentation.
/// The database both programs use when neither --db, $NEWSIDX_DB nor the file's db names one.
inline constexpr const char* kDefaultDbPath = "newsidx.db";

inline constexpr std::string_view kConfigKeys = "db, jobs, color, allow_remote_program";

/// `$XDG_CONFIG_HOME/newsidx/config.toml`, else `$HOME/.config/newsidx/config.toml` (an
/// unset, empty or relative XDG_CONFIG_HOME is ignored, as the XDG specification says);
/// empty when neither variable helps.
std::string default_config_path();

/// Parses the TOML `text` of the file `path`. Throws Error "path:line: reason" for invalid
/// TOML, an unknown key or a value of the wrong type or range.
Config parse_config(std::string_view text, const std::string& path);

/// Reads `file` if it is not empty (a missing or unreadable file is an Error), else the
/// default file if it exists (a missing default file is an empty Config; one that cannot be
/// read is too, with Config::warning set). Throws as parse_config().
Config load_config(const std::string& file);

}  // namespace newsidx
