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
    app.set_version_flag("--version", std::string("newsidx ") + NEWSIDX_VERSION + " (Xapian " +
                                          Xapian::version_string() + ")");
    app.require_subcommand(1);
    app.footer("Run `newsidx search --help` for searching.");
    int exit_code = kExitOk;
    add_build_command(app, exit_code);
    add_parse_command(app, exit_code);
    add_maintenance_commands(app, exit_code);
    app.add_subcommand("search", "Search the index (runs newsidx-search)");
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
    return exit_code;
}
