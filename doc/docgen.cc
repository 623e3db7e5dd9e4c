// newsidx-docgen: writes the man pages and shell completions at build time, from the CLI11
// definitions that the binaries parse with (so neither can miss an option that --help shows),
// and newsidx-query(7) from the marked parts of README.md. Not installed.
//
//   newsidx-docgen man newsidx|newsidx-search OUT   newsidx(1), newsidx-search(1)
//   newsidx-docgen bash OUT | zsh OUT               completions of both binaries
//   newsidx-docgen query README.md OUT              newsidx-query(7)
#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "indexer/commands.h"
#include "searcher/search_cli.h"

namespace {

using newsidx::CommandContext;
using newsidx::SearchCli;

// ---------------------------------------------------------------------------------------------
// Roff.

// Text for roff: backslashes and hyphens escaped, a leading dot or quote made harmless.
std::string roff(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\') {
            out += "\\e";
        } else if (c == '-') {
            out += "\\-";
        } else {
            out += c;
        }
    }
    if (!out.empty() && (out[0] == '.' || out[0] == '\'')) {
        out = "\\&" + out;
    }
    return out;
}

std::string bold(std::string_view text) { return "\\fB" + roff(text) + "\\fR"; }
std::string italic(std::string_view text) { return "\\fI" + roff(text) + "\\fR"; }

// ---------------------------------------------------------------------------------------------
// What CLI11 knows of an option, as the man page and the completions need it.

// The values an option accepts, from the type name --help prints: "text|json" (restrict_to()
// in cli/options.h), or CLI11's "TEXT:{text,json}"; empty if it takes any.
std::vector<std::string> choices(const CLI::Option* opt) {
    std::string type = opt->get_type_name();
    if (type.find('|') != type.npos && type.find('{') == type.npos) {
        std::vector<std::string> out;
        std::stringstream list(type);
        for (std::string item; std::getline(list, item, '|');) {
            out.push_back(item);
        }
        return out;
    }
    auto open = type.find('{');
    auto close = type.find('}', open);
    if (open == type.npos || close == type.npos) {
        return {};
    }
    std::vector<std::string> out;
    std::stringstream list(type.substr(open + 1, close - open - 1));
    for (std::string item; std::getline(list, item, ',');) {
        out.push_back(item.substr(0, item.find("->")));
    }
    return out;
}

bool takes_value(const CLI::Option* opt) { return opt->get_expected_min() > 0; }

bool numeric(const CLI::Option* opt) {
    std::string type = opt->get_type_name();
    return type.starts_with("UINT") || type.starts_with("INT") || type.starts_with("FLOAT") ||
           type.starts_with("NUMBER");
}

// Every name of an option: "-n", "--limit".
std::vector<std::string> names(const CLI::Option* opt) {
    std::vector<std::string> out;
    for (const auto& s : opt->get_snames()) {
        out.push_back("-" + s);
    }
    for (const auto& l : opt->get_lnames()) {
        out.push_back("--" + l);
    }
    return out;
}

std::vector<CLI::App*> subcommands(CLI::App& app) {
    return app.get_subcommands([](CLI::App*) { return true; });
}

// ---------------------------------------------------------------------------------------------
// Man pages.

void man_option(std::ostream& out, const CLI::Option* opt) {
    out << ".TP\n";
    if (opt->nonpositional()) {
        std::string line;
        for (const auto& name : names(opt)) {
            line += (line.empty() ? "" : ", ") + bold(name);
        }
        if (takes_value(opt)) {
            auto values = choices(opt);
            std::string value;
            for (const auto& v : values) {
                value += (value.empty() ? "" : "|") + v;
            }
            if (value.empty()) {
                std::string type = opt->get_type_name();
                value = type.substr(0, type.find(':'));
            }
            line += " " + italic(value);
        }
        out << line << '\n';
    } else {
        out << italic(opt->get_name()) << (opt->get_items_expected_max() > 1 ? " ..." : "") << '\n';
    }
    std::string text = opt->get_description();
    if (!opt->get_default_str().empty()) {
        text += " (default: " + opt->get_default_str() + ")";
    }
    if (!opt->get_envname().empty()) {
        text += " [environment: " + opt->get_envname() + "]";
    }
    out << roff(text) << '\n';
}

// The options of `app`, positionals first, as --help lists them.
void man_options(std::ostream& out, CLI::App& app) {
    for (bool positional : {true, false}) {
        for (const CLI::Option* opt : app.get_options()) {
            if (opt->nonpositional() != positional && !opt->get_group().empty()) {
                man_option(out, opt);
            }
        }
    }
}

// path: the command names from the program's down to `app`'s ("newsidx-search saved").
void man_commands(std::ostream& out, CLI::App& app, const std::string& path) {
    for (CLI::App* sub : subcommands(app)) {
        std::string name = path + " " + sub->get_name();
        out << ".SS \"" << roff(name) << "\"\n" << roff(sub->get_description()) << '\n';
        if (sub->get_fallthrough()) {
            out << ".br\nThe options of " << bold(path) << " may be given too.\n";
        }
        man_options(out, *sub);
        man_commands(out, *sub, name);
    }
}

// Prose that the options do not carry: written once here, for both pages.
const char* const kConfigSection = R"(.SH CONFIGURATION
Defaults can be set once in a TOML file,
\fI$XDG_CONFIG_HOME/newsidx/config.toml\fR (else \fI~/.config/newsidx/config.toml\fR),
or the file named by \fB\-\-config\fR.
A missing default file is not an error; a missing \fB\-\-config\fR file is.
Keys (all optional):
.TP
\fBdb\fR = "\fIPATH\fR"
the database (a leading \fB~/\fR stands for \fB$HOME\fR)
.TP
\fBjobs\fR = \fIN\fR
threads of \fBnewsidx build\fR (1 to 256)
.TP
\fBcolor\fR = "auto"|"always"|"never"
colour of \fBnewsidx\-search\fR
.PP
A value given on the command line wins over the environment (\fBNEWSIDX_DB\fR, \fBNO_COLOR\fR),
which wins over the file, which wins over the built-in default.
An invalid file, an unknown key or a value of the wrong type is an error naming the file and
line (exit status 2).
)";

const char* const kExitSection = R"(.SH EXIT STATUS
As grep:
.B 0
something matched, or the job succeeded;
.B 1
nothing matched;
.B 2
an error (a missing database, a bad option, an impossible date, a failed write, a remote
shard that does not answer, an input file that was skipped).
)";

struct Page {
    std::string_view name, summary, synopsis, description, environment, files, see_also;
};

const Page kIndexerPage{
    "newsidx",
    "build and look after a full-text index of news articles",
    ".B newsidx\n[\\fB\\-\\-config\\fR \\fIFILE\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR] "
    "[\\fIARGS\\fR]\n",
    "indexes article folders (Anadolu Agency plain text, *.txt, and JSON Lines, *.jsonl) into a\n"
    "Xapian database, incrementally: a file unchanged since the last build is not read again.\n"
    "Text is analysed with ICU (case and accent folding, word segmentation) and English\n"
    "stemming. \\fBnewsidx search\\fR runs \\fBnewsidx\\-search\\fR(1).\n",
    ".TP\n\\fBXDG_CONFIG_HOME\\fR, \\fBHOME\\fR\nwhere the configuration file is looked for\n"
    ".TP\n\\fBXAPIAN_MAX_CHANGESETS\\fR\nmakes each commit write a changeset for "
    "xapian\\-replicate(1)\n",
    ".TP\n\\fIDB\\fR/\nthe database: a Xapian database folder, or a sharded archive (a stub "
    "\\fIXAPIANDB\\fR, \\fImeta/\\fR and the shards)\n",
    ".BR newsidx\\-search (1),\n.BR newsidx\\-query (7),\n.BR xapian\\-delve (1),\n"
    ".BR xapian\\-check (1)\n",
};

const Page kSearchPage{
    "newsidx-search",
    "ranked search of a newsidx database",
    ".B newsidx\\-search\n[\\fIOPTIONS\\fR] \\fIQUERY\\fR...\n.br\n"
    ".B newsidx\\-search\n[\\fIOPTIONS\\fR] \\fBshow\\fR|\\fBsimilar\\fR \\fIID\\fR\n.br\n"
    ".B newsidx\\-search\n[\\fIOPTIONS\\fR] \\fBsaved\\fR \\fIVERB\\fR [\\fINAME\\fR] "
    "[\\fIQUERY\\fR...]\n",
    "opens a database made by \\fBnewsidx build\\fR read-only and answers ranked queries (BM25)\n"
    "as text for people or JSON for scripts. The query language (fields, phrases, dates,\n"
    "saved searches) and the index schema are in \\fBnewsidx\\-query\\fR(7). \\fBshow\\fR, "
    "\\fBsimilar\\fR and \\fBsaved\\fR are commands only as the first word.\n",
    ".TP\n\\fBNEWSIDX_TODAY\\fR\n\\fIYYYY\\-MM\\-DD\\fR: the day relative dates count from\n"
    ".TP\n\\fBNO_COLOR\\fR\nno colour unless \\fB\\-\\-color always\\fR\n"
    ".TP\n\\fBCOLUMNS\\fR\nthe width of text output when it is not a terminal\n"
    ".TP\n\\fBXDG_CONFIG_HOME\\fR, \\fBHOME\\fR\nwhere the configuration file is looked for\n",
    ".TP\n\\fIDB\\fR.saved.toml\nthe saved searches (\\fIDB\\fR.saved.toml.state: what "
    "\\fB\\-\\-new\\fR reported)\n",
    ".BR newsidx (1),\n.BR newsidx\\-query (7)\n",
};

void write_man(std::ostream& out, CLI::App& app, const Page& page) {
    std::string upper(page.name);
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    out << ".\\\" Generated by newsidx-docgen from the command-line definitions: do not edit.\n"
        << ".TH " << roff(upper) << " 1 \"\" \"newsidx " << NEWSIDX_VERSION
        << "\" \"User Commands\"\n"
        << ".SH NAME\n"
        << roff(page.name) << " \\- " << roff(page.summary) << '\n'
        << ".SH SYNOPSIS\n"
        << page.synopsis << ".SH DESCRIPTION\n.B " << roff(page.name) << '\n'
        << page.description << ".SH OPTIONS\n";
    man_options(out, app);
    if (!subcommands(app).empty()) {
        out << ".SH COMMANDS\n";
        man_commands(out, app, app.get_name());
    }
    out << kConfigSection << ".SH ENVIRONMENT\n";
    std::set<std::string> envs;
    std::function<void(CLI::App&)> collect = [&](CLI::App& a) {
        for (const CLI::Option* opt : a.get_options()) {
            if (!opt->get_envname().empty() && envs.insert(opt->get_envname()).second) {
                out << ".TP\n"
                    << bold(opt->get_envname()) << "\ndefault of " << bold(names(opt).back())
                    << '\n';
            }
        }
        for (CLI::App* sub : subcommands(a)) {
            collect(*sub);
        }
    };
    collect(app);
    out << page.environment << ".SH FILES\n"
        << ".TP\n\\fI~/.config/newsidx/config.toml\\fR\nthe configuration file (see "
           "CONFIGURATION)\n"
        << page.files << kExitSection << ".SH SEE ALSO\n"
        << page.see_also;
}

// ---------------------------------------------------------------------------------------------
// Completions: one table of each program's command paths, read by a small walker, the same
// for bash and zsh (the table is plain `case` syntax both shells run).

void table_function(std::ostream& out, CLI::App& app, const std::string& fn) {
    struct Row {
        std::string path, subs, opts, valued;
        bool files = false;
    };
    std::vector<Row> rows;
    std::vector<std::string> choice_rows;
    // parent: the row of the command above, whose options a fallthrough command takes too.
    std::function<void(CLI::App&, const std::string&, const Row*)> visit =
        [&](CLI::App& a, const std::string& path, const Row* parent) {
            Row row{path, "", "", "", false};
            if (parent && a.get_fallthrough()) {
                row.opts = parent->opts;
                row.valued = parent->valued;
            }
            for (const CLI::Option* opt : a.get_options()) {
                if (!opt->nonpositional()) {
                    row.files = row.files || opt->get_name() == "paths";
                    continue;
                }
                for (const auto& name : names(opt)) {
                    if ((row.opts + " ").find(" " + name + " ") != std::string::npos) {
                        continue;  // -h, --help: of each command and its parent
                    }
                    row.opts += " " + name;
                    if (!takes_value(opt)) {
                        continue;
                    }
                    row.valued += " " + name;
                    auto values = choices(opt);
                    std::string words;
                    for (const auto& v : values) {
                        words += (words.empty() ? "" : " ") + v;
                    }
                    if (!words.empty() || numeric(opt)) {
                        choice_rows.push_back("        \"" + path + (path.empty() ? "" : " ") +
                                              name + "\") choices=\"" +
                                              (words.empty() ? "-" : words) + "\" ;;");
                    }
                }
            }
            for (CLI::App* sub : subcommands(a)) {
                row.subs += (row.subs.empty() ? "" : " ") + sub->get_name();
            }
            rows.push_back(row);
            for (CLI::App* sub : subcommands(a)) {
                visit(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), &row);
            }
        };
    visit(app, "", nullptr);
    out << "# " << app.get_name()
        << " COMMAND-PATH: sets subs, opts, valued (options that take a value), files\n"
        << fn << "() {\n    case $1 in\n";
    for (const auto& row : rows) {
        out << "        \"" << row.path << "\") subs=\"" << row.subs << "\" opts=\""
            << row.opts.substr(row.opts.empty() ? 0 : 1) << "\" valued=\"" << row.valued
            << " \" files=" << (row.files ? 1 : 0) << " ;;\n";
    }
    out << "    esac\n}\n# " << app.get_name()
        << " \"COMMAND-PATH OPTION\": sets choices (- for a number, empty for a file)\n"
        << fn << "_choices() {\n    choices=\n    case $1 in\n";
    for (const auto& row : choice_rows) {
        out << row << '\n';
    }
    out << "    esac\n}\n";
}

void write_tables(std::ostream& out) {
    CLI::App indexer;
    CommandContext context;
    newsidx::define_indexer_cli(indexer, context);
    SearchCli search;
    newsidx::define_search_cli(search);
    out << "# Generated by newsidx-docgen from the command-line definitions: do not edit.\n";
    table_function(out, indexer, "_newsidx_table_newsidx");
    table_function(out, search.app, "_newsidx_table_newsidx_search");
}

// The walker: finds the command path before the cursor, skipping option values; `newsidx
// search` goes on in newsidx-search's table. Sets the shell's candidates through the
// functions given: $1 words, $2 "files".
const char* const kWalker = R"(
# _newsidx_walk TABLE FIRST-INDEX: the completion of words[FIRST-INDEX..] in TABLE.
_newsidx_walk() {
    local table=$1 i=$2 cmdpath="" subs opts valued files choices w
    _newsidx_table_$table ""
    while ((i < _newsidx_cword)); do
        w=${_newsidx_words[i]}
        if [[ " $valued " == *" $w "* ]]; then
            ((i += 2))
            continue
        fi
        if [[ $w != -* && " $subs " == *" $w "* ]]; then
            if [[ $table == newsidx && -z $cmdpath && $w == search ]]; then
                _newsidx_walk newsidx_search $((i + 1))
                return
            fi
            cmdpath=${cmdpath:+$cmdpath }$w
            local parent_valued=$valued
            _newsidx_table_$table "$cmdpath"
            valued="$valued $parent_valued"
        fi
        ((i++))
    done
    local cur=${_newsidx_words[_newsidx_cword]} prev=${_newsidx_words[_newsidx_cword - 1]}
    if ((_newsidx_cword > $2)) && [[ " $valued " == *" $prev "* ]]; then
        _newsidx_table_${table}_choices "${cmdpath:+$cmdpath }$prev"
        [[ -z $choices && -n $cmdpath ]] && _newsidx_table_${table}_choices "$prev"
        case $choices in
            -) ;;
            "") _newsidx_add "" files ;;
            *) _newsidx_add "$choices" ;;
        esac
        return
    fi
    if [[ $cur == -* ]]; then
        _newsidx_add "$opts"
        return
    fi
    _newsidx_add "$subs" $( ((files)) && echo files)
}
)";

void write_bash(std::ostream& out) {
    out << "# bash completion for newsidx and newsidx-search -*- shell-script -*-\n";
    write_tables(out);
    out << kWalker << R"(
# $1: words to offer; $2 "files": file names too.
_newsidx_add() {
    COMPREPLY+=($(compgen -W "$1" -- "${_newsidx_words[_newsidx_cword]}"))
    [[ $2 == files ]] && _filedir
}

_newsidx() {
    local cur prev words cword
    _init_completion || return
    local _newsidx_words=("${words[@]}") _newsidx_cword=$cword
    COMPREPLY=()
    local table=newsidx
    [[ ${words[0]##*/} == newsidx-search ]] && table=newsidx_search
    _newsidx_walk $table 1
} &&
    complete -F _newsidx newsidx newsidx-search
)";
}

void write_zsh(std::ostream& out) {
    out << "#compdef newsidx newsidx-search\n"
           "# zsh completion for newsidx and newsidx-search\n";
    write_tables(out);
    out << kWalker << R"(
# $1: words to offer; $2 "files": file names too.
_newsidx_add() {
    [[ -n $1 ]] && compadd -- ${=1}
    [[ $2 == files ]] && _files
}

_newsidx() {
    emulate -L zsh
    setopt ksh_arrays
    local -a _newsidx_words=("${words[@]}")
    local _newsidx_cword=$((CURRENT - 1))
    local table=newsidx
    [[ ${words[0]:t} == newsidx-search ]] && table=newsidx_search
    _newsidx_walk $table 1
}

_newsidx "$@"
)";
}

// ---------------------------------------------------------------------------------------------
// newsidx-query(7): the parts of README.md between `<!-- newsidx-query(7) -->` and
// `<!-- /newsidx-query(7) -->`, Markdown turned into roff (headings, paragraphs, lists, code
// blocks, tables for tbl, `code` and **bold**, links as their text).

std::string inline_roff(std::string_view text) {
    std::string out;
    bool in_bold = false;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '`') {
            size_t end = text.find('`', i + 1);
            if (end != text.npos) {
                out += bold(text.substr(i + 1, end - i - 1));
                i = end;
                continue;
            }
        }
        if (text.substr(i, 2) == "**") {
            out += in_bold ? "\\fR" : "\\fB";
            in_bold = !in_bold;
            ++i;
            continue;
        }
        if (text[i] == '[') {
            size_t mid = text.find("](", i);
            size_t end = mid == text.npos ? mid : text.find(')', mid);
            if (end != text.npos) {
                out += inline_roff(text.substr(i + 1, mid - i - 1));
                i = end;
                continue;
            }
        }
        std::string one = roff(text.substr(i, 1));
        out += one.starts_with("\\&") ? one.substr(2) : one;
    }
    if (!out.empty() && (out[0] == '.' || out[0] == '\'')) {
        out = "\\&" + out;
    }
    return out;
}

std::vector<std::string> table_cells(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    for (size_t i = 1; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
            cell += '|';
            ++i;
        } else if (line[i] == '|') {
            auto first = cell.find_first_not_of(' ');
            auto last = cell.find_last_not_of(' ');
            cells.push_back(first == cell.npos ? "" : cell.substr(first, last - first + 1));
            cell.clear();
        } else {
            cell += line[i];
        }
    }
    return cells;
}

void write_table(std::ostream& out, const std::vector<std::string>& lines) {
    auto head = table_cells(lines[0]);
    out << ".TS\nallbox tab(@);\n";
    for (size_t c = 0; c < head.size(); ++c) {
        out << (c ? " " : "") << "lb";
    }
    out << '\n';
    for (size_t c = 0; c < head.size(); ++c) {
        out << (c ? " " : "") << (c + 1 == head.size() ? "lx" : "l");
    }
    out << " .\n";
    for (size_t r = 0; r < lines.size(); ++r) {
        if (r == 1) {
            continue;  // |---|---|
        }
        auto cells = table_cells(lines[r]);
        cells.resize(head.size());
        for (size_t c = 0; c < cells.size(); ++c) {
            out << (c ? "@" : "") << "T{\n" << inline_roff(cells[c]) << "\nT}";
        }
        out << '\n';
    }
    out << ".TE\n";
}

void write_query_man(std::istream& readme, std::ostream& out) {
    out << "'\\\" t\n"
        << ".\\\" Generated by newsidx-docgen from README.md: do not edit.\n"
        << ".TH NEWSIDX-QUERY 7 \"\" \"newsidx " << NEWSIDX_VERSION << "\" \"newsidx\"\n"
        << ".SH NAME\nnewsidx\\-query \\- the query language, text analysis and index schema of "
           "newsidx\n";
    bool inside = false, code = false;
    std::vector<std::string> table;
    std::string line;
    auto flush_table = [&] {
        if (!table.empty()) {
            write_table(out, table);
            table.clear();
        }
    };
    while (std::getline(readme, line)) {
        if (line == "<!-- newsidx-query(7) -->") {
            inside = true;
            continue;
        }
        if (line == "<!-- /newsidx-query(7) -->") {
            flush_table();
            inside = false;
            continue;
        }
        if (!inside) {
            continue;
        }
        if (line.starts_with("```")) {
            out << (code ? ".fi\n.RE\n" : ".PP\n.RS 4\n.nf\n");
            code = !code;
        } else if (code) {
            out << roff(line) << '\n';
        } else if (line.starts_with("|")) {
            table.push_back(line);
        } else {
            flush_table();
            std::string_view text = line;
            size_t indent = text.find_first_not_of(' ');
            if (text.starts_with("## ")) {
                std::string title(text.substr(3));
                std::transform(title.begin(), title.end(), title.begin(), ::toupper);
                out << ".SH " << roff(title) << '\n';
            } else if (text.starts_with("### ")) {
                out << ".SS " << roff(text.substr(4)) << '\n';
            } else if (indent == text.npos) {
                out << ".PP\n";
            } else if (text.substr(indent).starts_with("- ")) {
                out << ".IP \\(bu 2\n" << inline_roff(text.substr(indent + 2)) << '\n';
            } else if (indent == 0 && text.size() > 2 && std::isdigit(text[0]) &&
                       text.substr(1, 2) == ". ") {
                out << ".IP " << text[0] << ". 4\n" << inline_roff(text.substr(3)) << '\n';
            } else {
                out << inline_roff(text.substr(indent)) << '\n';
            }
        }
    }
    out << ".SH SEE ALSO\n.BR newsidx (1),\n.BR newsidx\\-search (1)\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() < 2) {
        std::cerr << "usage: newsidx-docgen man PROGRAM OUT | bash OUT | zsh OUT | query README "
                     "OUT\n";
        return 2;
    }
    std::function<void(std::ostream&)> write;  // the request; OUT is opened once it is known
    std::ifstream readme;
    if (args[0] == "man" && args[1] == "newsidx") {
        write = [](std::ostream& out) {
            CLI::App app;
            CommandContext context;
            newsidx::define_indexer_cli(app, context);
            write_man(out, app, kIndexerPage);
        };
    } else if (args[0] == "man" && args[1] == "newsidx-search") {
        write = [](std::ostream& out) {
            SearchCli cli;
            newsidx::define_search_cli(cli);
            write_man(out, cli.app, kSearchPage);
        };
    } else if (args[0] == "bash") {
        write = write_bash;
    } else if (args[0] == "zsh") {
        write = write_zsh;
    } else if (args[0] == "query" && args.size() == 3) {
        readme.open(args[1]);
        if (!readme) {
            std::cerr << "newsidx-docgen: cannot read " << args[1] << '\n';
            return 2;
        }
        write = [&readme](std::ostream& out) { write_query_man(readme, out); };
    } else {
        std::cerr << "newsidx-docgen: unknown request " << args[0] << '\n';
        return 2;
    }
    std::ofstream out(args.back());
    write(out);
    out.close();
    if (!out) {
        std::cerr << "newsidx-docgen: cannot write " << args.back() << '\n';
        return 2;
    }
    return 0;
}
