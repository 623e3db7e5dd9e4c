// The flags of `newsidx stats`, `newsidx rm` and `newsidx compact`; the work is in
// maintenance.cc.
#include <iostream>
#include <memory>

#include "indexer/commands.h"
#include "indexer/maintenance.h"

namespace newsidx {

namespace {

void add_db_option(CLI::App* cmd, std::string& db_path) {
    cmd->add_option("--db", db_path, "Database directory (default: $NEWSIDX_DB, else ./newsidx.db)")
        ->envname("NEWSIDX_DB");
}

}  // namespace

void add_maintenance_commands(CLI::App& app, int& exit_code) {
    struct Options {
        std::string db_path = "newsidx.db";
        std::string format = "text";
        std::vector<std::string> ids;
        std::vector<std::string> shards;
    };
    auto opts = std::make_shared<Options>();

    auto* stats = app.add_subcommand("stats", "What is in the database");
    add_db_option(stats, opts->db_path);
    stats->add_option("-f,--format", opts->format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    stats->callback([opts, &exit_code] {
        exit_code = run_stats(opts->db_path, opts->format == "json", std::cout);
    });

    auto* rm = app.add_subcommand("rm", "Remove articles by id");
    add_db_option(rm, opts->db_path);
    rm->add_option("ids", opts->ids, "Article ids")->required();
    rm->callback(
        [opts, &exit_code] { exit_code = run_rm(opts->db_path, opts->ids, std::cout, std::cerr); });

    auto* compact = app.add_subcommand(
        "compact", "Compact the database into a fresh copy and swap it in atomically");
    add_db_option(compact, opts->db_path);
    compact->add_option("--shard", opts->shards,
                        "Only this database of a sharded archive (meta, shard-2019...); "
                        "repeatable");
    compact->callback(
        [opts, &exit_code] { exit_code = run_compact(opts->db_path, opts->shards, std::cout); });
}

}  // namespace newsidx
