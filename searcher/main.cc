// newsidx-search: the read-only searcher. The flags are in search_cli.cc; here the command is
// chosen and run, the work being run_search() and the others in run.cc and saved_run.cc.
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "common/config.h"
#include "common/error.h"
#include "searcher/run.h"
#include "searcher/saved_run.h"
#include "searcher/search_cli.h"

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
    change.values = {"", req.filters, req.sort, req.limit, req.facets};
    for (const auto& field : newsidx::kSavedFields) {
        if (given(std::string(field.option))) {
            change.give(field.key);
        }
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

// The configuration file's values, where neither the command line nor the environment gave
// one.
void apply_config(newsidx::SearchCli& cli, const newsidx::Config& config) {
    newsidx::use_config_value(cli.db_option, cli.opts.db_path, config.db);
    newsidx::use_config_value(cli.color_option, cli.color, config.color);
    newsidx::use_config_value(cli.allow_remote_program_option,
                              cli.opts.searcher.allow_remote_program, config.allow_remote_program);
}

// --color always or never decides; NO_COLOR (the environment) outranks the config file's
// color, and auto colours a terminal.
bool use_color(const newsidx::SearchCli& cli, bool terminal) {
    using newsidx::Color;
    const char* no_color = std::getenv("NO_COLOR");
    bool env_off = no_color && *no_color;
    if (cli.color_option->count() > 0) {
        return cli.color == Color::kAlways || (cli.color == Color::kAuto && terminal && !env_off);
    }
    if (env_off) {
        return false;
    }
    return cli.color == Color::kAlways || (cli.color == Color::kAuto && terminal);
}

}  // namespace

int main(int argc, char** argv) {
    using namespace newsidx;
    hold_closed_standard_streams();
    std::signal(SIGPIPE, SIG_IGN);  // a closed pipe is a failed write (finish_output), not a signal
    std::ios::sync_with_stdio(false);
    SearchCli cli;
    define_search_cli(cli);
    CLI::App& app = cli.app;
    SearchOptions& opts = cli.opts;
    CLI::App* show = cli.show;
    CLI::App* similar = cli.similar;
    CLI::App* saved = cli.saved;
    SavedCommand& saved_command = cli.saved_command;
    const std::string& id = cli.id;
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
        apply_config(cli, load_config_warning(cli.config_file, "newsidx-search", std::cerr));
        bool terminal = isatty(STDOUT_FILENO);
        opts.layout.color = use_color(cli, terminal);
        opts.layout.width = output_width(terminal);
        opts.searcher.synonyms = !cli.no_synonyms;
        if (show->parsed()) {
            return run_show(opts, id, std::cout, std::cerr);
        }
        if (saved->parsed()) {
            for (auto [sub, verb] : cli.saved_verbs) {
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
            saved_command.change = saved_change(app, opts.request, cli.saved_query);
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
        return run_search(opts, std::cout, std::cerr);
    } catch (const OutputClosed& e) {
        return e.status;  // `| head -1`: quiet, as grep and ripgrep
    } catch (const CLI::ParseError& e) {
        return print_parse_error(app, e, "newsidx-search");
    } catch (const Xapian::Error& e) {
        print_error("newsidx-search", e.get_description());
    } catch (const std::exception& e) {
        print_error("newsidx-search", e.what());
    }
    return kExitError;
}
