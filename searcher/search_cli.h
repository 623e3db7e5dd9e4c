// The command line of newsidx-search: every option and subcommand, and the variables they
// fill. main() parses with it; newsidx-docgen walks it to write the man page and completions.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/options.h"
#include "common/config.h"
#include "searcher/run.h"
#include "searcher/saved_run.h"

namespace newsidx {

/// Holds the App and what its options write to; the App keeps pointers into the other
/// members, so a SearchCli is neither copied nor moved.
struct SearchCli {
    CLI::App app{"newsidx-search: ranked search of a newsidx database (read-only)",
                 "newsidx-search"};
    SearchOptions opts;
    Color color = Color::kAuto;
    bool no_synonyms = false;
    std::string config_file;  // --config; empty: the default file, if there is one
    std::string id;           // of show and similar
    SavedCommand saved_command;
    std::vector<std::string> saved_query;
    std::vector<std::pair<CLI::App*, SavedVerb>> saved_verbs;
    CLI::App* show = nullptr;
    CLI::App* similar = nullptr;
    CLI::App* saved = nullptr;
    CLI::Option* db_option = nullptr;
    CLI::Option* color_option = nullptr;
    CLI::Option* allow_remote_program_option = nullptr;

    SearchCli() = default;
    SearchCli(const SearchCli&) = delete;
    SearchCli& operator=(const SearchCli&) = delete;
};

/// Adds every option and subcommand of newsidx-search to cli.app.
void define_search_cli(SearchCli& cli);

}  // namespace newsidx
