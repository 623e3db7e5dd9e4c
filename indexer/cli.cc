// The whole command line of `newsidx`, apart from main() so that newsidx-docgen can walk it.
#include "common/version.h"
#include "indexer/commands.h"

namespace newsidx {

void define_indexer_cli(CLI::App& app, CommandContext& context) {
    app.name("newsidx");
    app.description("newsidx: full-text search for news archives (indexer)");
    app.set_version_flag("--version", version_line("newsidx"));
    add_config_option(app, context.config_file);
    app.require_subcommand(1);
    app.footer("Run `newsidx search --help` for searching.");
    add_build_command(app, context);
    add_parse_command(app, context);
    add_maintenance_commands(app, context);
    app.add_subcommand("search", "Search the index (runs newsidx-search)");
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        sub->fallthrough();  // --config may come after the command
    }
}

}  // namespace newsidx
