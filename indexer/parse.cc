#include "indexer/parse.h"

#include <variant>

#include "common/aa_reader.h"
#include "common/error.h"
#include "common/json.h"
#include "common/jsonl_reader.h"
#include "common/language.h"
#include "indexer/file_walker.h"
#include "indexer/input_reader.h"
#include "indexer/problems.h"

namespace newsidx {

int run_parse(const std::vector<std::string>& inputs, size_t max_article_bytes, std::ostream& out,
              std::ostream& err) {
    Problems problems(err);
    WalkResult walk = walk_inputs(inputs);
    for (const auto& d : walk.problems) {
        problems.report(d);
    }
    auto print = [&](std::variant<Article, Diagnostic>&& result) {
        if (auto* d = std::get_if<Diagnostic>(&result)) {
            problems.report(*d);
        } else {
            Article& a = std::get<Article>(result);
            if (a.language.empty()) {
                a.language = detect_language(a);  // as build records it
            }
            out << dump_json(article_to_json(a)) << '\n';
        }
    };
    for (const auto& file : walk.files) {
        if (file.kind == InputKind::kText) {
            auto bytes = read_whole_file(file.path, max_article_bytes);
            if (auto* d = std::get_if<Diagnostic>(&bytes)) {
                problems.report(*d);
            } else {
                print(read_aa_article(std::get<std::string>(bytes), file.path));
            }
            continue;
        }
        auto problem =
            read_lines(file, max_article_bytes, nullptr, [&](size_t line_no, Read&& line) {
                if (auto* d = std::get_if<Diagnostic>(&line)) {
                    problems.report(*d);
                } else {
                    print(read_jsonl_article(std::get<std::string>(line), file.path, line_no));
                }
                return true;
            });
        if (problem) {
            problems.report(*problem);
        }
    }
    out.flush();
    if (!out) {
        throw Error("cannot write output");
    }
    return problems.total() == 0 ? kExitOk : kExitError;
}

}  // namespace newsidx
