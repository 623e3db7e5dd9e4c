// The subcommands of `newsidx`: each adds its flags to the app and sets the exit code.
#pragma once

#include <CLI/CLI.hpp>

namespace newsidx {

void add_build_command(CLI::App& app, int& exit_code);
void add_parse_command(CLI::App& app, int& exit_code);
/// --max-article-size of build and parse: a size in bytes with an optional unit (4MB, 512k).
void add_max_article_size_option(CLI::App& cmd, size_t& bytes);
/// stats, rm and compact.
void add_maintenance_commands(CLI::App& app, int& exit_code);

/// `newsidx search ARGS...` runs `newsidx-search ARGS...` from the folder of this binary
/// (or from PATH if it is not there). Returns only if it cannot be started.
int exec_searcher(int argc, char** argv);

}  // namespace newsidx
