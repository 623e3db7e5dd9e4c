// newsidx-search: the read-only searcher. Flags here; the work is run_search() in run.cc.
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <map>
#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "common/error.h"
#include "searcher/run.h"
#include "searcher/saved_run.h"

namespace {

// Columns of text output: the terminal's, else $COLUMNS, else no limit (a pipe or a file).
size_t output_width(bool terminal) {
    winsize size{};
    if (terminal && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    const char* columns = std::getenv("COLUMNS");
    return columns ? std::strtoul(columns, nullptr, 10) : 0;
}

// The n-th word of the command line (0: the first) that is neither an option nor an
// option's value, before any "--"; empty if there is none. Only as the first word is "show",
// "similar" or "saved" a command (elsewhere it is a word of the query), and only as the
// second word after "saved" is "add", "run"... one of its verbs.
std::string_view nth_word(const CLI::App& app, int argc, char** argv, int n) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--") {
            return {};
        }
        if (arg.size() > 1 && arg[0] == '-') {
            const CLI::Option* opt = app.get_option_no_throw(std::string(arg));
            if (opt && opt->get_expected_min() > 0 && arg.find('=') == arg.npos) {
                ++i;  // its value
            }
            continue;
        }
        if (n-- == 0) {
            return arg;
        }
    }
    return {};
}

// Disables the subcommands of `parent` but the one named `word`, if it names one; CLI11
// would otherwise take a query word for a command.
void enable_only(CLI::App& parent, std::string_view word) {
    for (CLI::App* sub : parent.get_subcommands([](CLI::App*) { return true; })) {
        sub->disabled(sub->get_name() != word);
    }
}

// `saved` and its verbs. Their options are those of any search (on `app`, reached by
// fallthrough), plus --all and --new.
CLI::App* add_saved_commands(CLI::App& app, newsidx::SavedCommand& command,
                             std::vector<std::string>& query,
                             std::vector<std::pair<CLI::App*, newsidx::SavedVerb>>& verbs) {
    using newsidx::SavedVerb;
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

// What the command line gives of a saved search: the options given, with their values.
newsidx::SavedChange saved_change(const CLI::App& app, const newsidx::SearchRequest& req,
                                  const std::vector<std::string>& query) {
    newsidx::SavedChange change;
    auto given = [&](const std::string& option) { return app.get_option(option)->count() > 0; };
    if (!query.empty()) {
        change.query = "";
        for (const auto& word : query) {
            *change.query += (change.query->empty() ? "" : " ") + word;
        }
    }
    if (given("--sort")) {
        change.sort = req.sort;
    }
    if (given("--limit")) {
        change.limit = req.limit;
    }
    if (given("--facets")) {
        change.facets = req.facets;
    }
    if (given("--category")) {
        change.categories = req.filters.categories;
    }
    if (given("--author")) {
        change.authors = req.filters.authors;
    }
    if (given("--dateline")) {
        change.datelines = req.filters.datelines;
    }
    if (given("--since")) {
        change.since = req.filters.since;
    }
    if (given("--until")) {
        change.until = req.filters.until;
    }
    return change;
}

// A closed standard stream's descriptor would be taken by the next file opened (the
// saved-search lock or state), and output would go there: hold its place with /dev/null,
// read-only for standard output so that writing to it fails (exit 2) as it should.
void hold_closed_standard_streams() {
    for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
        if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
            int held = open("/dev/null", fd == STDOUT_FILENO ? O_RDONLY : O_RDWR);
            if (held >= 0 && held != fd) {
                dup2(held, fd);
                close(held);
            }
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    using namespace newsidx;
    hold_closed_standard_streams();
    std::signal(SIGPIPE, SIG_IGN);  // a closed pipe is a failed write: exit 2, not a signal
    std::ios::sync_with_stdio(false);
    CLI::App app{"newsidx-search: ranked search of a newsidx database (read-only)",
                 "newsidx-search"};
    app.set_version_flag("--version", std::string("newsidx-search ") + NEWSIDX_VERSION +
                                          " (Xapian " + Xapian::version_string() + ")");
    SearchOptions opts;
    Color color = Color::kAuto;
    app.add_option("--db", opts.db_path,
                   "Database directory (default: $NEWSIDX_DB, else ./newsidx.db)")
        ->envname("NEWSIDX_DB");
    SearchRequest& req = opts.request;
    app.add_option("-n,--limit", req.limit, "Results to show")->capture_default_str();
    app.add_option("--offset", req.offset, "Results to skip")->capture_default_str();
    app.add_option("-s,--sort", req.sort, "Order: relevance (ties: newest first), newest, oldest")
        ->transform(
            CLI::CheckedTransformer(std::map<std::string, Sort>{{"relevance", Sort::kRelevance},
                                                                {"newest", Sort::kNewest},
                                                                {"oldest", Sort::kOldest}},
                                    CLI::ignore_case));
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
    app.add_option("-f,--format", opts.format, "Output format: text, json, jsonl or ids")
        ->transform(CLI::CheckedTransformer(std::map<std::string, Format>{{"text", Format::kText},
                                                                          {"json", Format::kJson},
                                                                          {"jsonl", Format::kJsonl},
                                                                          {"ids", Format::kIds}},
                                            CLI::ignore_case));
    std::vector<std::string> facet_names(std::begin(kFacetNames), std::end(kFacetNames));
    app.add_option("--facets", req.facets,
                   "Count these over all matches: category, dateline, author, year, month "
                   "(comma-separated)")
        ->delimiter(',')
        ->allow_extra_args(false)
        ->check(CLI::IsMember(facet_names));
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
    bool no_synonyms = false;
    app.add_flag("--no-synonyms", no_synonyms, "Do not expand words with the database's synonyms");
    app.add_option("--color", color,
                   "Colour: auto (on a terminal, unless NO_COLOR is set), always, never")
        ->transform(CLI::CheckedTransformer(
            std::map<std::string, Color>{
                {"auto", Color::kAuto}, {"always", Color::kAlways}, {"never", Color::kNever}},
            CLI::ignore_case));
    app.add_option("--saved-file", opts.saved_file,
                   "Saved searches (default: $NEWSIDX_SAVED, else the database path + "
                   ".saved.toml)")
        ->envname("NEWSIDX_SAVED");
    app.add_option("query", opts.words,
                   "Query (see README: fields, phrases, date ranges, saved:NAME); may be left out "
                   "when a filter option is given. A query starting with the word show, similar "
                   "or saved goes after --");
    std::string id;
    auto* show = app.add_subcommand("show", "Print the whole article with this id");
    show->add_option("id", id, "Article id (as in the results)")->required();
    auto* similar =
        app.add_subcommand("similar", "List the articles most like the one with this id");
    similar->add_option("id", id, "Article id (as in the results)")->required();
    for (auto* sub : {show, similar}) {
        sub->fallthrough();  // --db, --format, --since... may come after the subcommand
    }
    SavedCommand saved_command;
    std::vector<std::string> saved_query;
    std::vector<std::pair<CLI::App*, SavedVerb>> saved_verbs;
    auto* saved = add_saved_commands(app, saved_command, saved_query, saved_verbs);
    app.require_subcommand(0, 1);
    std::string_view first = nth_word(app, argc, argv, 0);
    enable_only(app, first);
    if (first == "saved") {
        enable_only(*saved, nth_word(app, argc, argv, 1));
    }
    try {
        app.parse(argc, argv);
        if ((show->parsed() || similar->parsed()) && !opts.words.empty()) {
            throw Error("give one article id after " +
                        std::string(show->parsed() ? "show" : "similar"));
        }
        if (saved->parsed() && !opts.words.empty()) {
            throw Error(
                "unexpected words after the saved search's name: give the query of saved "
                "add or edit after the name, and one name to the others");
        }
        const char* no_color = std::getenv("NO_COLOR");
        bool terminal = isatty(STDOUT_FILENO);
        opts.layout.color = color == Color::kAlways ||
                            (color == Color::kAuto && terminal && !(no_color && *no_color));
        opts.layout.width = output_width(terminal);
        opts.synonyms = !no_synonyms;
        if (show->parsed()) {
            return run_show(opts, id, std::cout, std::cerr);
        }
        if (saved->parsed()) {
            for (auto [sub, verb] : saved_verbs) {
                if (sub->parsed()) {
                    saved_command.verb = verb;
                }
            }
            bool takes_all =
                saved_command.verb == SavedVerb::kRun || saved_command.verb == SavedVerb::kReset;
            if (takes_all && saved_command.all == !saved_command.name.empty()) {
                throw Error("give saved " + std::string(nth_word(app, argc, argv, 1)) +
                            " one name or --all");
            }
            saved_command.change = saved_change(app, opts.request, saved_query);
            return run_saved(opts, saved_command, std::cout, std::cerr);
        }
        if (similar->parsed()) {
            return run_similar(opts, id, std::cout);
        }
        if (opts.queries_file == "-") {
            return run_batch(opts, std::cin, std::cout);
        }
        if (!opts.queries_file.empty()) {
            std::ifstream in(opts.queries_file);
            if (!in) {
                throw Error("cannot open " + opts.queries_file);
            }
            return run_batch(opts, in, std::cout);
        }
        return run_search(opts, std::cout);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kExitOk : kExitError;  // CLI11 would exit with 100+
    } catch (const Xapian::Error& e) {
        std::cerr << "newsidx-search: " << e.get_description() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "newsidx-search: " << e.what() << '\n';
    }
    return kExitError;
}
