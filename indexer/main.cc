// newsidx: builds and inspects the index. The only place that catches and picks exit codes.
#include <cstring>
#include <iostream>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/error.h"
#include "indexer/commands.h"

int main(int argc, char** argv) {
    using namespace newsidx;
    // `newsidx [--config FILE] search ARGS...` runs `newsidx-search [--config FILE] ARGS...`.
    int command = 1;
    if (argc > 2 && std::strcmp(argv[1], "--config") == 0) {
        command = 3;
    } else if (argc > 1 && std::string_view(argv[1]).starts_with("--config=")) {
        command = 2;
    }
    if (command < argc && std::strcmp(argv[command], "search") == 0) {
        std::vector<char*> args(argv + 1, argv + command);
        args.insert(args.end(), argv + command + 1, argv + argc);
        return exec_searcher(std::move(args));
    }
    std::ios::sync_with_stdio(false);
    CLI::App app;
    CommandContext context;
    define_indexer_cli(app, context);
    try {
        app.parse(argc, argv);  // runs the chosen command's callback
    } catch (const CLI::ParseError& e) {
        return print_parse_error(app, e, "newsidx");
    } catch (const Xapian::Error& e) {
        print_error("newsidx", e.get_description());
        return kExitError;
    } catch (const std::exception& e) {
        print_error("newsidx", e.what());
        return kExitError;
    }
    return context.exit_code;
}
