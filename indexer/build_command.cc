// The flags of `newsidx build`; the work is run_build() in build.cc.
#include <iostream>
#include <memory>
#include <unistd.h>

#include "common/config.h"
#include "common/language.h"
#include "indexer/build.h"
#include "indexer/commands.h"

namespace newsidx {

void add_max_article_size_option(CLI::App& cmd, size_t& bytes) {
    cmd.add_option("--max-article-size", bytes,
                   "Skip an article file or JSON line larger than this (units: k, MB)")
        ->transform(CLI::AsSizeValue(false))
        ->check(CLI::Range(size_t{1}, size_t{1} << 40))
        ->default_str("4MB");
}

void add_build_command(CLI::App& app, CommandContext& context) {
    auto opts = std::make_shared<BuildOptions>();
    auto* cmd = app.add_subcommand("build", "Index article files and folders into a database");
    auto* db = add_db_option(*cmd, opts->db_path);
    auto* jobs = cmd->add_option("-j,--jobs", opts->jobs,
                                 "Threads that read, parse and analyse (default: the config "
                                 "file's jobs, else one per hardware thread)")
                     ->check(CLI::Range(1u, kMaxJobs));
    cmd->add_option("--batch-size", opts->batch_size, "Articles written between two commits")
        ->check(CLI::Range(1u, 10'000'000u))
        ->capture_default_str();
    cmd->add_option("--shard-min-files", opts->shard_min_files,
                    "A first build of this many files or more writes parallel shards and merges "
                    "them")
        ->check(CLI::Range(int64_t{0}, int64_t{1} << 40))  // as signed: "-1" would wrap
        ->capture_default_str();
    auto shards = std::make_shared<unsigned>(0);
    auto shard_by = std::make_shared<std::string>();
    auto* shards_opt =
        cmd->add_option("--shards", *shards,
                        "Spread a new archive over N shards by a hash of the article id "
                        "(a stub folder: see README, Scale-out)")
            ->check(CLI::Range(1u, 1024u));
    restrict_to(
        cmd->add_option("--shard-by", *shard_by, "Spread a new archive over a shard per year"),
        {"year"})
        ->excludes(shards_opt);
    cmd->add_flag("--force", opts->force,
                  "Read every file given again, whatever the last build recorded of it, and "
                  "write what the database lacks (an article removed with rm) or holds "
                  "otherwise");
    cmd->add_flag("--strict", opts->strict,
                  "Report every bad line of a JSON Lines file at each build (by default one "
                  "reported once is not reported again while it stays as it is)");
    cmd->add_flag("--keep-removed", opts->keep_removed,
                  "Keep the articles of files that disappeared from the folders given");
    cmd->add_flag("--allow-mass-removal", opts->allow_mass_removal,
                  "Remove the articles of files that disappeared even when they are more than "
                  "half of the archive");
    cmd->add_option("--synonyms", opts->synonyms_file,
                    "Replace the database's synonyms by the groups in FILE (one a line: "
                    "DPRK = North Korea = Pyongyang regime)");
    add_max_article_size_option(*cmd, opts->max_article_bytes);
    cmd->add_option("--language", opts->language,
                    "The language of the articles read that do not give theirs (BCP 47: tr, "
                    "pt-BR); default: detected from each article's text")
        ->transform([](std::string tag) {
            auto normal = normalize_language_tag(tag);
            if (!normal) {
                throw CLI::ValidationError("--language",
                                           tag + " is not a language tag (write it as tr, pt-BR)");
            }
            return *normal;
        });
    cmd->add_flag("--wait", opts->wait, "Wait for another build's lock instead of failing");
    cmd->add_flag("-q,--quiet", opts->quiet,
                  "No progress line and no summary: only problems, on stderr");
    cmd->add_flag("-v,--verbose", opts->verbose, "A line for each file indexed or removed");
    cmd->add_option("paths", opts->inputs,
                    "Files and folders (*.txt, *.jsonl), or - for JSON Lines on standard input");
    cmd->callback([opts, shards, shard_by, db, jobs, &context] {
        if (opts->inputs.empty() && opts->synonyms_file.empty()) {
            throw CLI::RequiredError("paths");
        }
        if (*shards > 0) {
            opts->layout = ShardLayout::hashed(*shards);
        } else if (*shard_by == "year") {
            opts->layout = ShardLayout::by_year();
        }
        Config config = load_config_warning(context.config_file, "newsidx", std::cerr);
        use_config_value(db, opts->db_path, config.db);
        use_config_value(jobs, opts->jobs, config.jobs);
        opts->progress = isatty(STDERR_FILENO);
        context.exit_code = run_build(*opts, std::cout, std::cerr);
    });
}

}  // namespace newsidx
