// The flags of `newsidx parse`; the work is run_parse() in parse.cc.
#include <iostream>
#include <memory>

#include "indexer/build.h"
#include "indexer/commands.h"
#include "indexer/parse.h"

namespace newsidx {

void add_parse_command(CLI::App& app, CommandContext& context) {
    auto inputs = std::make_shared<std::vector<std::string>>();
    auto* cmd = app.add_subcommand("parse", "Print what the reader understood, as JSON lines");
    auto max_bytes = std::make_shared<size_t>(kDefaultMaxArticleBytes);
    cmd->add_option("paths", *inputs, "Article files and folders")->required();
    add_max_article_size_option(*cmd, *max_bytes);
    cmd->callback([inputs, max_bytes, &context] {
        context.exit_code = run_parse(*inputs, *max_bytes, std::cout, std::cerr);
    });
}

}  // namespace newsidx
