// The flags of `newsidx build`; the work is run_build() in build.cc.
#include <iostream>
#include <memory>

#include "indexer/build.h"
#include "indexer/commands.h"

namespace newsidx {

void add_build_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<BuildOptions>();
    auto* cmd = app.add_subcommand("build", "Index article files and folders into a database");
    cmd->add_option("--db", opts->db_path,
                    "Database directory (default: $NEWSIDX_DB, else ./newsidx.db)")
        ->envname("NEWSIDX_DB");
    cmd->add_option("--batch-size", opts->batch_size, "Articles per commit")
        ->check(CLI::Range(1u, 10'000'000u))
        ->capture_default_str();
    cmd->add_option("paths", opts->inputs, "Article files and folders (searched for *.txt)")
        ->required();
    cmd->callback([opts, &exit_code] { exit_code = run_build(*opts, std::cout, std::cerr); });
}

}  // namespace newsidx
