#include "indexer/build.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <variant>

#include <xapian.h>

#include "common/aa_reader.h"
#include "common/error.h"
#include "common/json.h"
#include "common/schema.h"
#include "common/text_analyzer.h"
#include "indexer/document_builder.h"
#include "indexer/file_walker.h"

namespace newsidx {

namespace {

// Reports problems one line each and counts them by reason for the summary.
class Problems {
  public:
    explicit Problems(std::ostream& err) : err_(err) {}

    void report(const Diagnostic& d) {
        err_ << "newsidx: " << d << '\n';
        ++by_reason_[d.reason];
        ++total_;
    }
    size_t total() const { return total_; }

    /// "2 (1 empty file, 1 invalid UTF-8)"
    std::string summary() const {
        std::string text = std::to_string(total_);
        if (total_ == 0) {
            return text;
        }
        text += " (";
        bool first = true;
        for (const auto& [reason, count] : by_reason_) {
            text += (first ? "" : ", ") + std::to_string(count) + ' ' + reason;
            first = false;
        }
        return text + ")";
    }

  private:
    std::ostream& err_;
    std::map<std::string, size_t> by_reason_;
    size_t total_ = 0;
};

// Reads one article file; a Diagnostic if it cannot be read or parsed.
std::variant<Article, Diagnostic> load_article(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Diagnostic{path, 0, "cannot open file", {}};
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        return Diagnostic{path, 0, "read error", {}};
    }
    return read_aa_article(bytes, path);
}

}  // namespace

int run_build(const BuildOptions& opts, std::ostream& out, std::ostream& err) {
    Problems problems(err);
    WalkResult walk = walk_inputs(opts.inputs);
    for (const auto& d : walk.problems) {
        problems.report(d);
    }

    if (std::filesystem::is_regular_file(opts.db_path)) {
        throw Error("cannot open database " + opts.db_path +
                    ": it is a file, not a database folder");
    }
    Xapian::WritableDatabase db;
    try {
        db = Xapian::WritableDatabase(opts.db_path, Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error("cannot open database " + opts.db_path + ": " + e.get_msg());
    }
    db.set_metadata(std::string(kSchemaKey), std::string(kSchemaVersion));
    TextAnalyzer analyzer;
    std::map<std::string, std::string> seen;  // id -> the file it came from, in this run
    size_t indexed = 0;
    unsigned pending = 0;
    for (const auto& path : walk.files) {
        auto result = load_article(path);
        if (auto* d = std::get_if<Diagnostic>(&result)) {
            problems.report(*d);
            continue;
        }
        const auto& article = std::get<Article>(result);
        auto [it, fresh] = seen.emplace(article.id, path);
        if (!fresh) {
            err << "newsidx: warning: " << path << ": id " << article.id << " also read from "
                << it->second << "; this one replaces it\n";
            it->second = path;
        }
        db.replace_document(id_term(article.id), build_document(article, analyzer));
        ++indexed;
        if (++pending == opts.batch_size) {
            db.commit();
            pending = 0;
        }
    }
    db.commit();
    out << "indexed " << indexed << (indexed == 1 ? " article" : " articles") << ", skipped "
        << problems.summary() << "; " << db.get_doccount() << " in " << opts.db_path << '\n';
    return problems.total() == 0 ? kExitOk : kExitError;
}

int run_parse(const std::vector<std::string>& inputs, std::ostream& out, std::ostream& err) {
    Problems problems(err);
    WalkResult walk = walk_inputs(inputs);
    for (const auto& d : walk.problems) {
        problems.report(d);
    }
    for (const auto& path : walk.files) {
        auto result = load_article(path);
        if (auto* d = std::get_if<Diagnostic>(&result)) {
            problems.report(*d);
            continue;
        }
        out << dump_json(article_to_json(std::get<Article>(result))) << '\n';
    }
    out.flush();
    if (!out) {
        throw Error("cannot write output");
    }
    return problems.total() == 0 ? kExitOk : kExitError;
}

}  // namespace newsidx
