// newsidx: builds and inspects the index. The only place that catches and picks exit codes.
#include <cstring>
#include <iostream>

#include <xapian.h>

#include "common/error.h"
#include "indexer/commands.h"

int main(int argc, char** argv) {
    using namespace newsidx;
    if (argc >= 2 && std::strcmp(argv[1], "search") == 0) {
        return exec_searcher(argc, argv);
    }
    std::ios::sync_with_stdio(false);
    CLI::App app{"newsidx: full-text search for news archives (indexer)", "newsidx"};
    CommandContext context;
    define_indexer_cli(app, context);
    try {
        app.parse(argc, argv);  // runs the chosen command's callback
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kExitOk : kExitError;  // CLI11 would exit with 100+
    } catch (const Xapian::Error& e) {
        std::cerr << "newsidx: " << e.get_description() << '\n';
        return kExitError;
    } catch (const std::exception& e) {
        std::cerr << "newsidx: " << e.what() << '\n';
        return kExitError;
    }
    return context.exit_code;
}
