// The command line of `newsidx`: each subcommand adds its flags to the app and, when it runs,
// sets the exit code. The man page and completions are generated from the same definitions.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/options.h"
#include "common/error.h"

namespace newsidx {

/// What the subcommands share.
struct CommandContext {
    int exit_code = kExitOk;
    std::string config_file;  // --config FILE; empty: the default file, if there is one
};

/// Defines every option and subcommand of `newsidx` on `app`: main() parses with it, and
/// newsidx-docgen walks it to write the man page and the shell completions.
void define_indexer_cli(CLI::App& app, CommandContext& context);

void add_build_command(CLI::App& app, CommandContext& context);
void add_parse_command(CLI::App& app, CommandContext& context);
/// --max-article-size of build and parse: a size in bytes with an optional unit (4MB, 512k).
void add_max_article_size_option(CLI::App& cmd, size_t& bytes);
/// stats, rm and compact.
void add_maintenance_commands(CLI::App& app, CommandContext& context);

/// Runs `newsidx-search ARGS...` from the folder of this binary (or from PATH if it is not
/// there): what `newsidx search ARGS...` does. Returns only if it cannot be started.
int exec_searcher(std::vector<char*> args);

}  // namespace newsidx
