#include "cli/options.h"

#include <algorithm>
#include <cctype>

namespace newsidx {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : std::string(separator)) + item;
    }
    return out;
}

// Letters changed, transposed, added or left out between a and b (optimal string alignment).
size_t distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) {
        d[i][0] = i;
    }
    for (size_t j = 0; j <= b.size(); ++j) {
        d[0][j] = j;
    }
    for (size_t i = 1; i <= a.size(); ++i) {
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

// The command being parsed when the error came: the deepest subcommand chosen.
const CLI::App* innermost(const CLI::App& app) {
    const CLI::App* at = &app;
    while (!at->get_subcommands().empty()) {
        at = at->get_subcommands().front();
    }
    return at;
}

// The options `at` accepts: its own and, where it falls through, its parents'.
std::vector<std::string> option_names(const CLI::App* at) {
    std::vector<std::string> names;
    for (; at; at = at->get_parent()) {
        for (const CLI::Option* opt : at->get_options()) {
            for (const auto& name : opt->get_lnames()) {
                names.push_back("--" + name);
            }
            for (const auto& name : opt->get_snames()) {
                names.push_back("-" + name);
            }
        }
        if (!at->get_fallthrough()) {
            break;
        }
    }
    return names;
}

std::vector<std::string> command_names(const CLI::App* at) {
    std::vector<std::string> names;
    for (const CLI::App* sub : at->get_subcommands([](const CLI::App*) { return true; })) {
        if (!sub->get_name().empty()) {
            names.push_back(sub->get_name());
        }
    }
    return names;
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& names) {
    auto near = nearest_name(typed, names);
    return near ? " (did you mean " + *near + "?)" : "";
}

// What a refused command line means, in one line; empty to keep CLI11's own words.
std::string reason_of(const CLI::App& app, const CLI::ParseError& e) {
    const CLI::App* at = innermost(app);
    std::string what = e.what();
    std::vector<std::string> extra;
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) {  // "...not expected: a b"
        std::string list = what.substr(std::min(what.find(": "), what.size() - 1) + 2);
        for (size_t b = 0; b < list.size();) {
            size_t end = std::min(list.find(' ', b), list.size());
            extra.push_back(list.substr(b, end - b));
            b = end + 1;
        }
    }
    bool wants_command = what.find("subcommand is required") != what.npos;
    if (wants_command) {
        extra = app.remaining(true);
    }
    std::vector<std::string> commands = command_names(at);
    if (!extra.empty()) {
        const std::string& first = extra.front();
        if (first.size() > 1 && first[0] == '-') {
            std::string name = first.substr(0, first.find('='));
            return "unknown option " + name + did_you_mean(name, option_names(at));
        }
        if (!commands.empty() && (wants_command || at->get_require_subcommand_min() > 0)) {
            return "unknown command " + first + did_you_mean(first, commands) +
                   "; the commands are " + joined(commands, ", ");
        }
        return "unexpected argument " + first;
    }
    if (wants_command) {
        return "give a command: " + joined(commands, ", ");
    }
    return what;
}

}  // namespace

CLI::Option* restrict_to(CLI::Option* option, std::vector<std::string> names) {
    std::string words = joined(names, ", ");
    option->type_name(joined(names, "|"));
    return option->check(CLI::Validator(
        [names, words](std::string& value) -> std::string {
            for (const auto& name : names) {
                if (lower(name) == lower(value)) {
                    value = name;
                    return {};
                }
            }
            return value + " is not one of " + words;
        },
        "", "one of"));
}

std::optional<std::string> nearest_name(std::string_view typed,
                                        const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    size_t best_distance = std::max<size_t>(1, typed.size() / 3) + 1;
    for (const auto& candidate : candidates) {
        size_t d = distance(lower(typed), lower(candidate));
        if (d < best_distance) {
            best = candidate;
            best_distance = d;
        }
    }
    return best;
}

int print_parse_error(const CLI::App& app, const CLI::ParseError& e, std::string_view program) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {  // --help, --version
        std::ostringstream out, err;
        app.exit(e, out, err);
        std::cout << out.str() << std::flush;
        std::cerr << terminal_safe(err.str());
        return kExitOk;
    }
    print_error(program, reason_of(app, e));
    return kExitError;
}

}  // namespace newsidx
