#include "indexer/build.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include <xapian.h>

#include "common/aa_reader.h"
#include "common/error.h"
#include "common/hash.h"
#include "common/json.h"
#include "common/jsonl_reader.h"
#include "common/schema.h"
#include "common/text_analyzer.h"
#include "indexer/document_builder.h"
#include "indexer/file_walker.h"
#include "indexer/maintenance.h"
#include "indexer/pipeline.h"
#include "indexer/progress.h"
#include "indexer/source_state.h"

namespace newsidx {

namespace {

// Tasks handed to the workers at once; with one batch being written while the next is
// analysed, this bounds the articles in memory.
constexpr size_t kTaskBatch = 512;

std::atomic<int> g_stop_signal{0};

std::string utc_now() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

extern "C" void on_stop_signal(int sig) { g_stop_signal = sig; }

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

    /// "2 skipped (1 empty file, 1 invalid UTF-8)"
    std::string summary() const {
        std::string text = std::to_string(total_) + " skipped";
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

// One unit of work: a whole text file, or one line of a JSON Lines file, or the end of one.
struct Task {
    const InputFile* file = nullptr;
    size_t line = 0;                   // JSON Lines: 1-based line number
    std::string text;                  // JSON Lines: the line
    bool end_of_file = false;          // JSON Lines: all lines of `file` were handed out
    std::optional<uint64_t> old_hash;  // text file: the content hash of the last build
};

// What a worker made of a task.
struct Outcome {
    std::optional<Diagnostic> problem;
    std::optional<Article> article;
    Xapian::Document doc;
    uint64_t file_hash = 0;  // text file
    bool unchanged = false;  // text file whose content hash is the recorded one
};

std::variant<std::string, Diagnostic> read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Diagnostic{path, 0, "cannot open file", {}};
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        return Diagnostic{path, 0, "read error", {}};
    }
    return bytes;
}

// Calls on_line(line_no, line) for each non-blank line of a JSON Lines input; a Diagnostic
// if it cannot be opened or read. Stops early when on_line returns false.
template <typename OnLine>
std::optional<Diagnostic> read_lines(const InputFile& file, StreamHash* hash, OnLine&& on_line) {
    std::ifstream stream;
    std::istream* in = &std::cin;
    if (file.kind != InputKind::kStdin) {
        stream.open(file.path, std::ios::binary);
        if (!stream) {
            return Diagnostic{file.path, 0, "cannot open file", {}};
        }
        in = &stream;
    }
    std::string line;
    for (size_t line_no = 1; std::getline(*in, line); ++line_no) {
        if (hash) {
            hash->update(line);
            hash->update("\n");
        }
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        if (!on_line(line_no, std::move(line))) {
            break;
        }
    }
    if (in->bad()) {
        return Diagnostic{file.path, 0, "read error", {}};
    }
    return std::nullopt;
}

// The work of one thread on one task: read, parse, analyse. Never throws.
Outcome analyse(const Task& task, TextAnalyzer& analyzer) {
    Outcome o;
    try {
        std::variant<Article, Diagnostic> parsed;
        if (task.file->kind == InputKind::kText) {
            auto bytes = read_whole_file(task.file->path);
            if (auto* d = std::get_if<Diagnostic>(&bytes)) {
                o.problem = *d;
                return o;
            }
            const auto& text = std::get<std::string>(bytes);
            o.file_hash = content_hash(text);
            if (task.old_hash == o.file_hash) {
                o.unchanged = true;
                return o;
            }
            parsed = read_aa_article(text, task.file->path);
        } else {
            parsed = read_jsonl_article(task.text, task.file->path, task.line);
        }
        if (auto* d = std::get_if<Diagnostic>(&parsed)) {
            o.problem = std::move(*d);
            return o;
        }
        o.article = std::move(std::get<Article>(parsed));
        o.doc = build_document(*o.article, analyzer);
        if (task.file->kind != InputKind::kStdin) {
            o.doc.add_boolean_term(source_term(task.file->key));
        }
    } catch (const std::exception& e) {
        o.problem = Diagnostic{task.file->path, task.line, "internal error", e.what()};
    }
    return o;
}

class Builder {
  public:
    Builder(const BuildOptions& opts, std::ostream& out, std::ostream& err)
        : opts_(opts), out_(out), err_(err), problems_(err) {}

    int run();

  private:
    void open_database();
    void queue(Task task);
    void flush_batch();
    void write_batch(std::vector<Task>& tasks, std::vector<Outcome>& outcomes);
    void write_article(const Task& task, Outcome& o);
    void finish_jsonl_file(const InputFile& file);
    void remove_vanished_files(const WalkResult& walk);
    void maybe_commit();
    bool stopping() const { return g_stop_signal != 0; }

    const BuildOptions& opts_;
    std::ostream& out_;
    std::ostream& err_;
    Problems problems_;
    Xapian::WritableDatabase db_;
    std::vector<std::unique_ptr<TextAnalyzer>> analyzers_;
    unsigned jobs_ = 1;

    std::vector<Task> batch_;     // being filled
    std::vector<Task> analysed_;  // analysed, to be written
    std::vector<Outcome> analysed_outcomes_;

    // A JSON Lines file being written: the ids it gave, whether a line failed, its hash.
    struct JsonlFile {
        std::unordered_set<std::string> ids;
        bool failed = false;
        std::unique_ptr<StreamHash> hash = std::make_unique<StreamHash>();
    };
    std::unordered_map<const InputFile*, JsonlFile> jsonl_;
    std::unordered_map<std::string, std::string> seen_ids_;  // id -> where, in this run

    uint64_t changed_ = 0, unchanged_ = 0, removed_ = 0, uncommitted_ = 0;
    uint64_t files_done_ = 0, bytes_done_ = 0;
    std::unique_ptr<Progress> progress_;
};

void Builder::open_database() {
    if (std::filesystem::is_regular_file(opts_.db_path)) {
        throw Error("cannot open database " + opts_.db_path +
                    ": it is a file, not a database folder");
    }
    int flags = Xapian::DB_CREATE_OR_OPEN | (opts_.wait ? Xapian::DB_RETRY_LOCK : 0);
    try {
        db_ = Xapian::WritableDatabase(opts_.db_path, flags);
    } catch (const Xapian::DatabaseLockError&) {
        throw Error("database " + opts_.db_path +
                    " is locked by another build (--wait waits for it)");
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error("cannot open database " + opts_.db_path + ": " + e.get_msg());
    }
    if (db_.get_metadata(std::string(kSchemaKey)).empty()) {
        // Mark it ours at once, so a search during the first batch knows what it is.
        db_.set_metadata(std::string(kSchemaKey), std::string(kSchemaVersion));
        db_.commit();
    }
}

void Builder::queue(Task task) {
    batch_.push_back(std::move(task));
    if (batch_.size() >= kTaskBatch) {
        flush_batch();
    }
}

// Analyses the filled batch on the workers while this thread writes the previous one.
void Builder::flush_batch() {
    std::vector<Task> tasks = std::move(batch_);
    batch_.clear();
    std::vector<Outcome> outcomes(tasks.size());
    std::future<void> analysing;
    if (!tasks.empty()) {
        analysing = std::async(std::launch::async, [&] {
            parallel_for(tasks.size(), jobs_, [&](size_t i, unsigned worker) {
                if (!tasks[i].end_of_file) {
                    outcomes[i] = analyse(tasks[i], *analyzers_[worker]);
                }
            });
        });
    }
    write_batch(analysed_, analysed_outcomes_);
    if (analysing.valid()) {
        analysing.get();
    }
    analysed_ = std::move(tasks);
    analysed_outcomes_ = std::move(outcomes);
}

void Builder::write_batch(std::vector<Task>& tasks, std::vector<Outcome>& outcomes) {
    for (size_t i = 0; i < tasks.size() && !stopping(); ++i) {
        const Task& task = tasks[i];
        if (task.end_of_file) {
            finish_jsonl_file(*task.file);
            continue;
        }
        Outcome& o = outcomes[i];
        if (task.file->kind == InputKind::kText) {
            ++files_done_;
            bytes_done_ += task.file->size;
        } else {
            bytes_done_ += task.text.size() + 1;
        }
        if (o.problem) {
            problems_.report(*o.problem);
            if (task.file->kind != InputKind::kText) {
                jsonl_[task.file].failed = true;
            }
        } else if (o.unchanged) {
            ++unchanged_;
            save_source_state(
                db_, {task.file->key, task.file->size, task.file->mtime_ns, o.file_hash, 1});
        } else {
            write_article(task, o);
        }
        if (progress_) {
            progress_->update(files_done_, changed_ + unchanged_, bytes_done_);
        }
    }
    tasks.clear();
    outcomes.clear();
}

void Builder::write_article(const Task& task, Outcome& o) {
    const Article& article = *o.article;
    auto [it, fresh] = seen_ids_.try_emplace(article.id, article.source);
    if (!fresh) {
        err_ << "newsidx: warning: " << article.source << ": id " << article.id
             << " also read from " << it->second << "; this one replaces it\n";
        it->second = article.source;
    }
    std::string id_key = id_term(article.id);
    if (task.file->kind != InputKind::kText) {
        jsonl_[task.file].ids.insert(article.id);
        // An unchanged line does not rewrite the database.
        auto post = db_.postlist_begin(id_key);
        if (post != db_.postlist_end(id_key) &&
            db_.get_document(*post).get_data() == o.doc.get_data()) {
            ++unchanged_;
            return;
        }
    }
    db_.replace_document(id_key, o.doc);
    ++changed_;
    if (opts_.verbose) {
        err_ << "newsidx: indexed " << article.source << '\n';
    }
    if (task.file->kind == InputKind::kText) {
        save_source_state(db_,
                          {task.file->key, task.file->size, task.file->mtime_ns, o.file_hash, 1});
    }
    maybe_commit();
}

// After the last line of a JSON Lines file: forget the articles it no longer has, and
// record it as done, unless a line failed (then it is read again next time).
void Builder::finish_jsonl_file(const InputFile& file) {
    JsonlFile& done = jsonl_[&file];
    if (file.kind == InputKind::kJsonl && !done.failed) {
        std::string term = source_term(file.key);
        std::vector<Xapian::docid> gone;
        for (auto it = db_.postlist_begin(term); it != db_.postlist_end(term); ++it) {
            auto t = db_.termlist_begin(*it);
            t.skip_to(std::string(kIdPrefix));
            if (t == db_.termlist_end(*it) || !done.ids.count((*t).substr(kIdPrefix.size()))) {
                gone.push_back(*it);
            }
        }
        for (auto docid : gone) {
            db_.delete_document(docid);
            ++removed_;
        }
        save_source_state(
            db_, {file.key, file.size, file.mtime_ns, done.hash->digest(), done.ids.size()});
        maybe_commit();
    }
    ++files_done_;
    jsonl_.erase(&file);
}

// Like `notmuch new`: the articles of files gone from a folder given are removed.
void Builder::remove_vanished_files(const WalkResult& walk) {
    for (const auto& folder : walk.folders) {
        for (const auto& state : source_states_under(db_, folder)) {
            std::error_code ec;
            if (std::filesystem::exists(std::filesystem::symlink_status(state.key, ec))) {
                continue;
            }
            std::string term = source_term(state.key);
            removed_ += db_.get_termfreq(term);
            db_.delete_document(term);
            erase_source_state(db_, state.key);
            if (opts_.verbose) {
                err_ << "newsidx: removed the articles of " << state.key << '\n';
            }
        }
    }
}

void Builder::maybe_commit() {
    if (++uncommitted_ >= opts_.batch_size) {
        db_.commit();
        uncommitted_ = 0;
    }
}

int Builder::run() {
    auto start = std::chrono::steady_clock::now();
    WalkResult walk = walk_inputs(opts_.inputs);
    for (const auto& d : walk.problems) {
        problems_.report(d);
    }
    open_database();
    jobs_ = opts_.jobs ? opts_.jobs : std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < jobs_; ++i) {
        analyzers_.push_back(std::make_unique<TextAnalyzer>());
    }

    // What needs reading: files whose size or time changed since the last build.
    std::vector<std::pair<const InputFile*, std::optional<SourceState>>> todo;
    uint64_t total_bytes = 0;
    for (const auto& file : walk.files) {
        std::optional<SourceState> state;
        if (file.kind != InputKind::kStdin) {
            state = load_source_state(db_, file.key);
            if (state && state->size == file.size && state->mtime_ns == file.mtime_ns) {
                unchanged_ += state->articles;
                continue;
            }
        }
        total_bytes += file.size;
        todo.emplace_back(&file, std::move(state));
    }
    progress_ = std::make_unique<Progress>(err_, opts_.progress && !opts_.quiet, total_bytes);

    g_stop_signal = 0;
    auto old_int = std::signal(SIGINT, on_stop_signal);
    auto old_term = std::signal(SIGTERM, on_stop_signal);
    for (const auto& [file, state] : todo) {
        if (stopping()) {
            break;
        }
        if (file->kind == InputKind::kText) {
            queue(Task{file, 0, {}, false, state ? std::optional(state->hash) : std::nullopt});
            continue;
        }
        StreamHash* hash = jsonl_[file].hash.get();
        auto problem = read_lines(*file, hash, [&](size_t line_no, std::string&& line) {
            queue(Task{file, line_no, std::move(line), false, std::nullopt});
            return !stopping();
        });
        if (problem) {
            problems_.report(*problem);
            jsonl_[file].failed = true;
        }
        queue(Task{file, 0, {}, true, std::nullopt});
    }
    flush_batch();  // analyse the last batch...
    flush_batch();  // ...and write it
    if (!stopping() && !opts_.keep_removed) {
        remove_vanished_files(walk);
    }
    db_.set_metadata(kLastBuildKey, utc_now());
    db_.commit();
    std::signal(SIGINT, old_int);
    std::signal(SIGTERM, old_term);
    progress_->finish();

    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char timing[64];
    std::snprintf(timing, sizeof timing, "%.2f s, %.0f articles/s", seconds,
                  seconds > 0 ? static_cast<double>(changed_) / seconds : 0.0);
    if (stopping()) {
        err_ << "newsidx: interrupted (signal " << g_stop_signal
             << "); what was indexed so far is committed\n";
    }
    out_ << changed_ << " changed, " << unchanged_ << " unchanged, " << removed_ << " removed, "
         << problems_.summary() << "; " << db_.get_doccount() << " articles in " << opts_.db_path
         << " (" << timing << ")\n";
    return problems_.total() == 0 && !stopping() ? kExitOk : kExitError;
}

}  // namespace

int run_build(const BuildOptions& opts, std::ostream& out, std::ostream& err) {
    return Builder(opts, out, err).run();
}

int run_parse(const std::vector<std::string>& inputs, std::ostream& out, std::ostream& err) {
    Problems problems(err);
    WalkResult walk = walk_inputs(inputs);
    for (const auto& d : walk.problems) {
        problems.report(d);
    }
    auto print = [&](std::variant<Article, Diagnostic>&& result) {
        if (auto* d = std::get_if<Diagnostic>(&result)) {
            problems.report(*d);
        } else {
            out << dump_json(article_to_json(std::get<Article>(result))) << '\n';
        }
    };
    for (const auto& file : walk.files) {
        if (file.kind == InputKind::kText) {
            auto bytes = read_whole_file(file.path);
            if (auto* d = std::get_if<Diagnostic>(&bytes)) {
                problems.report(*d);
            } else {
                print(read_aa_article(std::get<std::string>(bytes), file.path));
            }
            continue;
        }
        auto problem = read_lines(file, nullptr, [&](size_t line_no, std::string&& line) {
            print(read_jsonl_article(line, file.path, line_no));
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
