// The command line of newsidx-search, apart from main() so that newsidx-docgen can walk it.
#include "searcher/search_cli.h"

#include <map>

#include "common/version.h"
#include "searcher/facets.h"

namespace newsidx {

namespace {

// `saved` and its verbs. Their options are those of any search (on `app`, reached by
// fallthrough), plus --all and --new.
CLI::App* add_saved_commands(CLI::App& app, SavedCommand& command, std::vector<std::string>& query,
                             std::vector<std::pair<CLI::App*, SavedVerb>>& verbs) {
    auto* saved = app.add_subcommand(
        "saved", "Saved searches: add, list, show, edit, rm, run (--new: only what is new), reset");
    saved->require_subcommand(1, 1);
    struct Verb {
        const char* name;
        SavedVerb verb;
        const char* help;
    };
    const Verb table[] = {
        {"add", SavedVerb::kAdd, "Save QUERY and the search options given under NAME"},
        {"list", SavedVerb::kList, "List the saved searches"},
        {"show", SavedVerb::kShow, "Show one saved search"},
        {"edit", SavedVerb::kEdit, "Replace the query (if given) and the options given"},
        {"rm", SavedVerb::kRm, "Remove a saved search and what it reported"},
        {"run", SavedVerb::kRun, "Run a saved search (or --all) like any search"},
        {"reset", SavedVerb::kReset, "Forget what --new reported (NAME or --all)"},
    };
    for (const auto& v : table) {
        auto* sub = saved->add_subcommand(v.name, v.help);
        verbs.emplace_back(sub, v.verb);
        if (v.verb == SavedVerb::kList) {
            continue;
        }
        auto* name = sub->add_option("name", command.name, "Name: letters, digits, - and _");
        if (v.verb == SavedVerb::kAdd || v.verb == SavedVerb::kEdit) {
            name->required();
            sub->add_option("query", query, "Query (as for any search)");
        } else if (v.verb == SavedVerb::kRun || v.verb == SavedVerb::kReset) {
            sub->add_flag("--all", command.all, "Every saved search");
        } else {
            name->required();
        }
        if (v.verb == SavedVerb::kRun) {
            sub->add_flag("--new", command.only_new,
                          "Only matches not reported before (all of them, newest first), "
                          "then remember them");
        }
    }
    for (auto* sub : saved->get_subcommands([](CLI::App*) { return true; })) {
        sub->fallthrough();
    }
    saved->fallthrough();
    return saved;
}

}  // namespace

void define_search_cli(SearchCli& cli) {
    CLI::App& app = cli.app;
    SearchOptions& opts = cli.opts;
    app.set_version_flag("--version", version_line("newsidx-search"));
    add_config_option(app, cli.config_file);
    cli.db_option = add_db_option(app, opts.db_path);
    SearchRequest& req = opts.request;
    // Checked as signed numbers: CLI11 reads "-1" into a size_t as its largest value.
    app.add_option("-n,--limit", req.limit, "Results to show")
        ->capture_default_str()
        ->check(CLI::Range(int64_t{0}, int64_t{SearchRequest::kMaxLimit}));
    app.add_option("--offset", req.offset, "Results to skip")
        ->capture_default_str()
        ->check(CLI::Range(int64_t{0}, int64_t{SearchRequest::kMaxOffset}));
    add_choice_option(
        app, "-s,--sort", req.sort, "Order: relevance (ties: newest first), newest, oldest",
        {{"relevance", Sort::kRelevance}, {"newest", Sort::kNewest}, {"oldest", Sort::kOldest}});
    app.add_option("--since", req.filters.since,
                   "Published on or after this date (2025-09-01, 2025, 7d, 3m, yesterday, ...)");
    app.add_option("--until", req.filters.until, "Published on or before this date");
    // One value per occurrence (CLI11 would let a vector option swallow the query words).
    app.add_option("--category", req.filters.categories,
                   "Only this category (repeatable: any of them); does not change ranking")
        ->allow_extra_args(false);
    app.add_option("--author", req.filters.authors, "Only articles by this author (repeatable)")
        ->allow_extra_args(false);
    app.add_option("--dateline", req.filters.datelines,
                   "Only articles with this dateline (repeatable)")
        ->allow_extra_args(false);
    app.add_option("--language", req.filters.languages,
                   "Only articles in this language (tr, pt-BR; repeatable): query words are "
                   "stemmed in it alone")
        ->allow_extra_args(false);
    add_choice_option(app, "-f,--format", opts.format, "Output format: text, json, jsonl or ids",
                      {{"text", Format::kText},
                       {"json", Format::kJson},
                       {"jsonl", Format::kJsonl},
                       {"ids", Format::kIds}});
    restrict_to(app.add_option("--facets", req.facets,
                               "Count these over all matches: category, dateline, author, "
                               "language, year, month (comma-separated)")
                    ->delimiter(',')
                    ->allow_extra_args(false),
                {std::begin(kFacetNames), std::end(kFacetNames)});
    app.add_option("--queries", opts.queries_file,
                   "Batch mode: one query per line of FILE (- for standard input), each "
                   "answered as one JSON line");
    app.add_flag("-c,--count", opts.count_only, "Print only the number of matching articles");
    app.add_flag("--exact-total", req.exact_total,
                 "Count every match, however many (by default a total above 1000 may be "
                 "estimated)");
    app.add_flag("--explain", req.explain,
                 "Show, for each result, the terms that matched, their fields and weights");
    app.add_flag("--correct", req.correct,
                 "When the query matches little and a better spelling is known, run that instead");
    app.add_flag("--no-synonyms", cli.no_synonyms,
                 "Do not expand words with the database's synonyms");
    cli.color_option = add_choice_option(
        app, "--color", cli.color,
        "Colour: auto (on a terminal, unless NO_COLOR is set), always, never (default: the "
        "config file's color, else auto)",
        std::vector<std::pair<std::string, Color>>(std::begin(kColorNames), std::end(kColorNames)));
    cli.allow_remote_program_option = app.add_flag(
        "--allow-remote-program", opts.searcher.allow_remote_program,
        "Open stub lines `remote :PROGRAM ARGS`, which run PROGRAM (default: the config file's "
        "allow_remote_program, else refused)");
    app.add_option("--saved-file", opts.saved_file,
                   "Saved searches (default: $NEWSIDX_SAVED, else the database path + "
                   ".saved.toml)")
        ->envname("NEWSIDX_SAVED");
    app.add_option("query", opts.words,
                   "Query (see README: fields, phrases, date ranges, saved:NAME); may be left out "
                   "when a filter option is given. A query starting with the word show, similar "
                   "or saved goes after --");
    auto* show = app.add_subcommand("show", "Print the whole article with this id");
    show->add_option("id", cli.id, "Article id (as in the results)")->required();
    auto* similar =
        app.add_subcommand("similar", "List the articles most like the one with this id");
    similar->add_option("id", cli.id, "Article id (as in the results)")->required();
    for (auto* sub : {show, similar}) {
        sub->fallthrough();  // --db, --format, --since... may come after the subcommand
    }
    cli.saved = add_saved_commands(app, cli.saved_command, cli.saved_query, cli.saved_verbs);
    cli.show = show;
    cli.similar = similar;
    app.require_subcommand(0, 1);
}

}  // namespace newsidx
