// The flags of `newsidx stats`, `newsidx rm` and `newsidx compact`; the work is in
// maintenance.cc.
#include <functional>
#include <iostream>
#include <memory>

#include "common/config.h"
#include "indexer/commands.h"
#include "indexer/maintenance.h"

namespace newsidx {

namespace {

// --db, and the path the command is to use: the option, else $NEWSIDX_DB, else the config
// file's, else ./newsidx.db. Call the result only when the command runs.
std::function<std::string()> db_option(CLI::App* cmd, const CommandContext& context) {
    auto db_path = std::make_shared<std::string>(kDefaultDbPath);
    auto* option = add_db_option(*cmd, *db_path);
    return [db_path, option, &context] {
        use_config_value(option, *db_path,
                         load_config_warning(context.config_file, "newsidx", std::cerr).db);
        return *db_path;
    };
}

}  // namespace

void add_maintenance_commands(CLI::App& app, CommandContext& context) {
    struct Options {
        std::string format = "text";
        std::vector<std::string> ids;
        std::vector<std::string> shards;
    };
    auto opts = std::make_shared<Options>();

    auto* stats = app.add_subcommand("stats", "What is in the database");
    auto stats_db = db_option(stats, context);
    restrict_to(stats->add_option("-f,--format", opts->format, "text or json"), {"text", "json"});
    stats->callback([opts, stats_db, &context] {
        context.exit_code = run_stats(stats_db(), opts->format == "json", std::cout);
    });

    auto* rm = app.add_subcommand("rm", "Remove articles by id");
    auto rm_db = db_option(rm, context);
    rm->add_option("ids", opts->ids, "Article ids")->required();
    rm->callback([opts, rm_db, &context] {
        context.exit_code = run_rm(rm_db(), opts->ids, std::cout, std::cerr);
    });

    auto* compact = app.add_subcommand(
        "compact", "Compact the database into a fresh copy and swap it in atomically");
    auto compact_db = db_option(compact, context);
    compact->add_option("--shard", opts->shards,
                        "Only this database of a sharded archive (meta, shard-2019...); "
                        "repeatable");
    compact->callback([opts, compact_db, &context] {
        context.exit_code = run_compact(compact_db(), opts->shards, std::cout);
    });
}

}  // namespace newsidx
