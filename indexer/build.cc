#include "indexer/build.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <iterator>
#include <malloc.h>
#include <map>
#include <mutex>
#include <set>
#include <stdio.h>
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
#include "common/parallel.h"
#include "common/schema.h"
#include "common/text_analyzer.h"
#include "indexer/document_builder.h"
#include "indexer/file_walker.h"
#include "indexer/maintenance.h"
#include "indexer/progress.h"
#include "indexer/shards.h"
#include "indexer/source_state.h"
#include "indexer/synonyms.h"

namespace newsidx {

namespace {

// Tasks handed to the workers at once; with one batch being written while the next is
// analysed, this bounds the articles in memory.
constexpr size_t kTaskBatch = 512;

std::atomic<int> g_stop_signal{0};

bool stop_requested() { return g_stop_signal != 0; }

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
        std::lock_guard lock(mutex_);
        err_ << "newsidx: " << d << '\n';
        ++by_reason_[d.reason];
        ++total_;
    }
    /// Any other line for stderr ("warning: ..."), whole even when writers run in parallel.
    void say(const std::string& line) {
        std::lock_guard lock(mutex_);
        err_ << "newsidx: " << line << '\n';
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
    std::mutex mutex_;  // shard writers report from their threads
    std::ostream& err_;
    std::map<std::string, size_t> by_reason_;
    size_t total_ = 0;
};

// What was read of an input: its bytes, or why they could not be.
using Read = std::variant<std::string, Diagnostic>;

// One unit of work: a whole text file, or one line of a JSON Lines file, or the end of one.
struct Task {
    const InputFile* file = nullptr;
    size_t line = 0;                   // JSON Lines: 1-based line number
    Read text;                         // JSON Lines: the line
    bool end_of_file = false;          // JSON Lines: all lines of `file` were handed out
    std::optional<uint64_t> old_hash;  // text file: the content hash of the last build
};

// What a worker made of a task.
struct Outcome {
    std::optional<Diagnostic> problem;
    std::optional<Article> article;
    Xapian::Document doc;
    std::vector<std::string> spelling;  // spelling_words(doc)
    uint64_t file_hash = 0;             // text file
    bool unchanged = false;             // text file whose content hash is the recorded one
};

// "cannot open file (Permission denied)".
Diagnostic unreadable(const std::string& path, const char* what) {
    return Diagnostic{path, 0, what, std::string("(") + std::strerror(errno) + ")"};
}

Diagnostic too_long(const std::string& path, size_t line, size_t limit) {
    return Diagnostic{path, line, line ? "line too long" : "file too large",
                      "(over " + std::to_string(limit) + " bytes: see --max-article-size)"};
}

Read read_whole_file(const std::string& path, size_t limit) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) {
        return unreadable(path, "cannot open file");
    }
    std::streamoff size = in.tellg();
    if (size < 0 || !in.seekg(0)) {
        return unreadable(path, "read error");
    }
    if (static_cast<size_t>(size) > limit) {
        return too_long(path, 0, limit);
    }
    std::string bytes(static_cast<size_t>(size), '\0');
    in.read(bytes.data(), size);
    if (in.bad()) {
        return unreadable(path, "read error");
    }
    bytes.resize(static_cast<size_t>(in.gcount()));
    return bytes;
}

// Reads one line, without its '\n', into `line`, as std::getline does, but keeps only the
// first `limit` + 1 bytes of a longer line (the rest is read, not kept: a huge line costs no
// memory); adds the whole line and a '\n' to `hash`. False at the end of the input.
bool read_line(std::istream& in, std::string& line, size_t limit, StreamHash* hash) {
    line.clear();
    bool any = false;
    char piece[1 << 16];
    for (;;) {
        in.getline(piece, sizeof piece);  // stops at '\n' (taken), the end, or a full piece
        auto got = static_cast<size_t>(in.gcount());
        bool full = in.fail() && !in.eof() && !in.bad();  // more of this line to come
        bool newline = !in.fail() && !in.eof();
        std::string_view text(piece, got - (newline ? 1 : 0));
        any = any || got > 0;
        if (hash) {
            hash->update(text);  // XXH3 streams: the same as hashing the whole line
        }
        line.append(text.substr(0, limit + 1 - line.size()));
        if (!full) {
            break;
        }
        in.clear();
    }
    if (any && hash) {
        hash->update("\n");
    }
    in.clear(in.rdstate() & std::ios::badbit);  // the next call sees the end itself
    return any;
}

// Calls on_line(line_no, Read) for each non-blank line of a JSON Lines input (a line longer
// than `limit` is a Diagnostic); returns a Diagnostic if the input cannot be opened or read.
// Stops early when on_line returns false.
template <typename OnLine>
std::optional<Diagnostic> read_lines(const InputFile& file, size_t limit, StreamHash* hash,
                                     OnLine&& on_line) {
    std::ifstream stream;
    std::istream* in = &std::cin;
    if (file.kind != InputKind::kStdin) {
        stream.open(file.path, std::ios::binary);
        if (!stream) {
            return unreadable(file.path, "cannot open file");
        }
        in = &stream;
    }
    std::string line;
    for (size_t line_no = 1; read_line(*in, line, limit, hash); ++line_no) {
        bool more = true;
        if (line.size() > limit) {
            more = on_line(line_no, too_long(file.path, line_no, limit));
        } else if (line.find_first_not_of(" \t\r") != std::string::npos) {
            more = on_line(line_no, std::move(line));
        }
        if (!more) {
            break;
        }
    }
    if (in->bad()) {
        return unreadable(file.path, "read error");
    }
    return std::nullopt;
}

// The work of one thread on one task: read, parse, analyse. Never throws.
Outcome analyse(const Task& task, size_t max_bytes, TextAnalyzer& analyzer) {
    Outcome o;
    try {
        Read file_bytes;
        const Read* read = &task.text;
        if (task.file->kind == InputKind::kText) {
            file_bytes = read_whole_file(task.file->path, max_bytes);
            read = &file_bytes;
        }
        if (auto* d = std::get_if<Diagnostic>(read)) {
            o.problem = *d;
            return o;
        }
        const auto& text = std::get<std::string>(*read);
        std::variant<Article, Diagnostic> parsed;
        if (task.file->kind == InputKind::kText) {
            o.file_hash = content_hash(text);
            if (task.old_hash == o.file_hash) {
                o.unchanged = true;
                return o;
            }
            parsed = read_aa_article(text, task.file->path);
        } else {
            parsed = read_jsonl_article(text, task.file->path, task.line);
        }
        if (auto* d = std::get_if<Diagnostic>(&parsed)) {
            o.problem = std::move(*d);
            return o;
        }
        o.article = std::move(std::get<Article>(parsed));
        o.doc = build_document(*o.article, analyzer);
        o.spelling = spelling_words(o.doc);
        if (task.file->kind != InputKind::kStdin) {
            o.doc.add_boolean_term(source_term(task.file->key));
        }
    } catch (const std::exception& e) {
        o.problem = Diagnostic{task.file->path, task.line, "internal error", e.what()};
    }
    return o;
}

// Counters shared by the writers of one build, read by the progress line.
struct Counts {
    std::atomic<uint64_t> changed{0}, unchanged{0}, removed{0}, files_done{0}, bytes_done{0};
};

// A file to read, with what the last build recorded of it.
struct Todo {
    const InputFile* file;
    std::optional<SourceState> state;
};

// Indexes files into an archive: workers analyse batches of tasks while this thread writes
// the previous batch, in input order, committing every opts.batch_size articles. In a
// sharded archive each shard has a writer thread of its own: this thread routes each article
// to its shard's queue, and the shards write in parallel.
class Writer {
  public:
    Writer(WritableArchive& archive, const BuildOptions& opts, unsigned jobs, Problems& problems,
           Counts& counts)
        : archive_(archive), opts_(opts), problems_(problems), counts_(counts), workers_(jobs) {
        for (unsigned i = 0; i < workers_.size(); ++i) {
            analyzers_.push_back(std::make_unique<TextAnalyzer>());
        }
        add_shard_queues();
    }

    /// Indexes `todo` in order (stops early on SIGINT/SIGTERM) and commits.
    void index(const std::vector<Todo>& todo);

  private:
    void queue(Task task);
    void flush_batch();
    void write_batch(std::vector<Task>& tasks, std::vector<Outcome>& outcomes);
    void write_article(const Task& task, Outcome& o);
    void store(Xapian::WritableDatabase& shard, const InputFile& file, const Outcome& o);
    void finish_jsonl_file(const InputFile& file);
    void save_state(const SourceState& state);
    void maybe_commit();
    void commit();
    // Runs `task` on shard k's writer thread, or here if the archive is one database.
    void on_shard(size_t k, std::function<void()> task);
    void wait_for_shards();
    void add_shard_queues();

    WritableArchive& archive_;
    const BuildOptions& opts_;
    Problems& problems_;
    Counts& counts_;
    WorkerPool workers_;
    std::vector<std::unique_ptr<TextAnalyzer>> analyzers_;  // one per worker

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
    uint64_t uncommitted_ = 0;
    // The meta database is written by this thread (file states) and the shards' (spelling).
    std::mutex meta_mutex_;
    // Last: destroyed first, so that no shard task outlives what it uses.
    std::vector<std::unique_ptr<SerialQueue>> shard_queues_;
};

void Writer::add_shard_queues() {
    if (archive_.layout().sharded()) {
        while (shard_queues_.size() < archive_.size()) {
            shard_queues_.push_back(std::make_unique<SerialQueue>());
        }
    }
}

void Writer::on_shard(size_t k, std::function<void()> task) {
    if (shard_queues_.empty()) {
        task();
    } else {
        shard_queues_[k]->post(std::move(task));
    }
}

void Writer::wait_for_shards() {
    for (auto& q : shard_queues_) {
        q->wait();  // rethrows what a shard's writer threw
    }
}

void Writer::save_state(const SourceState& state) {
    std::lock_guard lock(meta_mutex_);
    save_source_state(archive_.meta(), state);
}

void Writer::queue(Task task) {
    batch_.push_back(std::move(task));
    if (batch_.size() >= kTaskBatch) {
        flush_batch();
    }
}

// Analyses the filled batch on the workers while this thread writes the previous one.
void Writer::flush_batch() {
    std::vector<Task> tasks = std::move(batch_);
    batch_.clear();
    std::vector<Outcome> outcomes(tasks.size());
    std::future<void> analysing;
    if (!tasks.empty()) {
        analysing = std::async(std::launch::async, [&] {
            workers_.run(tasks.size(), [&](size_t i, unsigned worker) {
                if (!tasks[i].end_of_file) {
                    outcomes[i] = analyse(tasks[i], opts_.max_article_bytes, *analyzers_[worker]);
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

void Writer::write_batch(std::vector<Task>& tasks, std::vector<Outcome>& outcomes) {
    for (size_t i = 0; i < tasks.size() && !stop_requested(); ++i) {
        const Task& task = tasks[i];
        if (task.end_of_file) {
            finish_jsonl_file(*task.file);
            continue;
        }
        Outcome& o = outcomes[i];
        if (task.file->kind == InputKind::kText) {
            ++counts_.files_done;
            counts_.bytes_done += task.file->size;
        } else if (auto* line = std::get_if<std::string>(&task.text)) {
            counts_.bytes_done += line->size() + 1;
        }
        if (o.problem) {
            problems_.report(*o.problem);
            if (task.file->kind != InputKind::kText) {
                jsonl_[task.file].failed = true;
            }
        } else if (o.unchanged) {
            ++counts_.unchanged;
            save_state({task.file->key, task.file->size, task.file->mtime_ns, o.file_hash, 1});
        } else {
            write_article(task, o);
        }
    }
    wait_for_shards();  // one batch in the shards' queues at most: bounds memory
    tasks.clear();
    outcomes.clear();
}

void Writer::write_article(const Task& task, Outcome& o) {
    const Article& article = *o.article;
    auto [it, fresh] = seen_ids_.try_emplace(article.id, article.source);
    if (!fresh) {
        problems_.say(terminal_safe("warning: " + article.source + ": id " + article.id +
                                        " also read from " + it->second + "; this one replaces it",
                                    Newlines::kReplace));
        it->second = article.source;
    }
    if (task.file->kind != InputKind::kText) {
        jsonl_[task.file].ids.insert(article.id);
    }
    size_t k = archive_.shard_for(article);
    add_shard_queues();  // a year seen for the first time has a new shard
    if (archive_.layout().kind == ShardLayout::Kind::kYear) {
        // An article whose date changed moves to another year's shard: it leaves the old one.
        std::string id_key = id_term(article.id);
        for (size_t j = 0; j < archive_.size(); ++j) {
            if (j != k) {
                on_shard(j, [this, j, id_key] {
                    if (archive_.shard(j).get_termfreq(id_key) > 0) {
                        archive_.shard(j).delete_document(id_key);
                    }
                });
            }
        }
    }
    auto written = std::make_shared<Outcome>(std::move(o));
    on_shard(k,
             [this, k, written, file = task.file] { store(archive_.shard(k), *file, *written); });
    maybe_commit();
}

// Writes one article into its shard (on the shard's thread).
void Writer::store(Xapian::WritableDatabase& shard, const InputFile& file, const Outcome& o) {
    const Article& article = *o.article;
    std::string id_key = id_term(article.id);
    if (file.kind != InputKind::kText) {
        // An unchanged line does not rewrite the database.
        auto post = shard.postlist_begin(id_key);
        if (post != shard.postlist_end(id_key) &&
            shard.get_document(*post).get_data() == o.doc.get_data()) {
            ++counts_.unchanged;
            return;
        }
    }
    shard.replace_document(id_key, o.doc);
    {
        // Frequencies only grow (an article indexed again counts again); a suggestion is only
        // shown if it finds more than the query typed, so a stale word does no harm.
        std::lock_guard lock(meta_mutex_);
        for (const auto& word : o.spelling) {
            archive_.meta().add_spelling(word);
        }
        if (file.kind == InputKind::kText) {
            save_source_state(archive_.meta(),
                              {file.key, file.size, file.mtime_ns, o.file_hash, 1});
        }
    }
    ++counts_.changed;
    if (opts_.verbose) {
        problems_.say("indexed " + terminal_safe(article.source, Newlines::kReplace));
    }
}

// After the last line of a JSON Lines file: forget the articles it no longer has, and
// record it as done, unless a line failed (then it is read again next time).
void Writer::finish_jsonl_file(const InputFile& file) {
    JsonlFile& done = jsonl_[&file];
    if (file.kind == InputKind::kJsonl && !done.failed) {
        size_t articles = done.ids.size();
        auto ids = std::make_shared<const std::unordered_set<std::string>>(std::move(done.ids));
        std::string term = source_term(file.key);
        for (size_t k = 0; k < archive_.size(); ++k) {
            on_shard(k, [this, k, ids, term] {
                Xapian::WritableDatabase& shard = archive_.shard(k);
                std::vector<Xapian::docid> gone;
                for (auto it = shard.postlist_begin(term); it != shard.postlist_end(term); ++it) {
                    auto t = shard.termlist_begin(*it);
                    t.skip_to(std::string(kIdPrefix));
                    if (t == shard.termlist_end(*it) ||
                        !ids->count((*t).substr(kIdPrefix.size()))) {
                        gone.push_back(*it);
                    }
                }
                for (auto docid : gone) {
                    shard.delete_document(docid);
                }
                counts_.removed += gone.size();
            });
        }
        // Committed after the shards (commit()), so never before the removals.
        save_state({file.key, file.size, file.mtime_ns, done.hash->digest(), articles});
        maybe_commit();
    }
    ++counts_.files_done;
    jsonl_.erase(&file);
}

void Writer::maybe_commit() {
    if (++uncommitted_ >= opts_.batch_size) {
        commit();
    }
}

// A commit frees the writer's buffered postings (tens of KB an article). glibc keeps freed
// memory in the arena of the thread that allocated it, and pipeline threads come and go:
// give it back, or the peak creeps up with every batch.
//
// The shards commit first, in parallel, then the meta database: what it records of a file is
// never committed before the file's articles (a build stopped in between reads it again).
void Writer::commit() {
    for (size_t k = 0; k < archive_.size(); ++k) {
        on_shard(k, [this, k] { archive_.shard(k).commit(); });
    }
    wait_for_shards();
    if (archive_.layout().sharded()) {
        archive_.meta().commit();
    }
    uncommitted_ = 0;
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

void Writer::index(const std::vector<Todo>& todo) {
    for (const auto& item : todo) {
        // Not a structured binding: clang 14 (the fuzz and sanitizer build) cannot capture
        // one in the lambda below.
        const auto& file = item.file;
        const auto& state = item.state;
        if (stop_requested()) {
            break;
        }
        if (file->kind == InputKind::kText) {
            queue(Task{file, 0, "", false, state ? std::optional(state->hash) : std::nullopt});
            continue;
        }
        StreamHash* hash = jsonl_[file].hash.get();
        auto problem =
            read_lines(*file, opts_.max_article_bytes, hash, [&](size_t line_no, Read&& line) {
                queue(Task{file, line_no, std::move(line), false, std::nullopt});
                return !stop_requested();
            });
        if (problem) {
            problems_.report(*problem);
            jsonl_[file].failed = true;
        }
        queue(Task{file, 0, "", true, std::nullopt});
    }
    flush_batch();  // analyse the last batch...
    flush_batch();  // ...and write it
    commit();
}

// One run of `newsidx build`: decides what to read, runs the writers, removes what
// disappeared, and reports.
class Builder {
  public:
    Builder(const BuildOptions& opts, std::ostream& out, std::ostream& err)
        : opts_(opts), out_(out), err_(err), problems_(err) {}

    int run();

  private:
    void open_database();
    void import_in_shards(const std::vector<Todo>& todo);
    void remove_vanished_files(const WalkResult& walk);
    void watch(std::future<void>& work, Progress& progress);

    const BuildOptions& opts_;
    std::ostream& out_;
    std::ostream& err_;
    Problems problems_;
    std::optional<WritableArchive> archive_;
    unsigned jobs_ = 1;
    Counts counts_;
};

void Builder::open_database() {
    try {
        archive_.emplace(opts_.db_path, opts_.layout, opts_.wait);
    } catch (const LockedError&) {
        throw Error("database " + opts_.db_path +
                    " is locked by another build (--wait waits for it)");
    }
}

// Like `notmuch new`: the articles of files gone from a folder given are removed.
void Builder::remove_vanished_files(const WalkResult& walk) {
    Xapian::WritableDatabase& meta = archive_->meta();
    for (const auto& folder : walk.folders) {
        for (const auto& state : source_states_under(meta, folder)) {
            std::error_code ec;
            if (std::filesystem::exists(std::filesystem::symlink_status(state.key, ec))) {
                continue;
            }
            std::string term = source_term(state.key);
            for (size_t k = 0; k < archive_->size(); ++k) {
                counts_.removed += archive_->shard(k).get_termfreq(term);
                archive_->shard(k).delete_document(term);
            }
            erase_source_state(meta, state.key);
            if (opts_.verbose) {
                problems_.say("removed the articles of " +
                              terminal_safe(state.key, Newlines::kReplace));
            }
        }
    }
}

// Draws the progress line while `work` runs.
void Builder::watch(std::future<void>& work, Progress& progress) {
    while (work.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
        progress.update(counts_.files_done, counts_.changed + counts_.unchanged,
                        counts_.bytes_done);
    }
    work.get();  // rethrows what the writers threw
}

// A first build of a large archive: one writer per job, each into its own shard holding a
// contiguous run of the input, then merged in input order by Xapian's compaction and swapped
// in. One glass writer is the bottleneck (bench/README.md); this keeps every core writing.
// Docids, terms and data are those a single writer gives.
void Builder::import_in_shards(const std::vector<Todo>& todo) {
    namespace fs = std::filesystem;
    std::string work = opts_.db_path + ".import";
    fs::remove_all(work);
    fs::create_directories(work);
    unsigned shards = std::min<unsigned>(jobs_, static_cast<unsigned>(todo.size()));
    // Contiguous runs of about equal size in bytes.
    uint64_t total = 0;
    for (const auto& t : todo) {
        total += t.file->size + 1;
    }
    std::vector<std::vector<Todo>> parts(shards);
    uint64_t done = 0;
    for (const auto& t : todo) {
        size_t k = std::min<size_t>(shards - 1, done * shards / total);
        parts[k].push_back(t);
        done += t.file->size + 1;
    }
    BuildOptions shard_opts = opts_;
    shard_opts.batch_size = std::max(1u, opts_.batch_size / shards);  // bounds memory
    auto write_shards = [&] {
        std::vector<std::future<void>> writers;
        for (unsigned k = 0; k < shards; ++k) {
            writers.push_back(std::async(std::launch::async, [&, k] {
                WritableArchive shard(
                    Xapian::WritableDatabase(work + "/" + std::to_string(k), Xapian::DB_CREATE));
                Writer(shard, shard_opts, 1, problems_, counts_).index(parts[k]);
            }));
        }
        for (auto& w : writers) {
            w.get();
        }
    };
    std::future<void> writing = std::async(std::launch::async, write_shards);
    Progress progress(err_, opts_.progress && !opts_.quiet, total);
    watch(writing, progress);
    progress.finish();

    Xapian::Database all;
    for (unsigned k = 0; k < shards; ++k) {
        all.add_database(Xapian::Database(work + "/" + std::to_string(k)));
    }
    std::string merged = work + "/merged";
    all.compact(merged);
    archive_->close();  // the empty database we locked: swapped out, then deleted
    if (renameat2(AT_FDCWD, merged.c_str(), AT_FDCWD, opts_.db_path.c_str(), RENAME_EXCHANGE) !=
        0) {
        throw Error("cannot swap in the imported database: " + std::string(std::strerror(errno)));
    }
    fs::remove_all(work);
    open_database();
    // The same id in two shards: the later one wins, as with one writer.
    Xapian::WritableDatabase& db = archive_->meta();
    std::string q(kIdPrefix);
    for (auto t = db.allterms_begin(q); t != db.allterms_end(q); ++t) {
        if (t.get_termfreq() > 1) {
            std::vector<Xapian::docid> docs(db.postlist_begin(*t), db.postlist_end(*t));
            for (size_t i = 0; i + 1 < docs.size(); ++i) {
                db.delete_document(docs[i]);
            }
        }
    }
}

int Builder::run() {
    auto start = std::chrono::steady_clock::now();
    std::optional<SynonymFile> synonyms;
    if (!opts_.synonyms_file.empty()) {
        TextAnalyzer analyzer;
        synonyms = read_synonyms(opts_.synonyms_file, analyzer);
        for (const auto& d : synonyms->problems) {
            problems_.report(d);
        }
    }
    WalkResult walk = walk_inputs(opts_.inputs);
    for (const auto& d : walk.problems) {
        problems_.report(d);
    }
    open_database();
    // Shards of an import that was killed: we hold the lock, so nobody else is using them.
    std::filesystem::remove_all(opts_.db_path + ".import");
    jobs_ = opts_.jobs ? opts_.jobs : std::max(1u, std::thread::hardware_concurrency());

    // What needs reading: files whose size or time changed since the last build.
    std::vector<Todo> todo;
    uint64_t total_bytes = 0;
    bool has_stdin = false;
    for (const auto& file : walk.files) {
        std::optional<SourceState> state;
        has_stdin |= file.kind == InputKind::kStdin;
        if (file.kind != InputKind::kStdin) {
            state = load_source_state(archive_->meta(), file.key);
            if (state && state->size == file.size && state->mtime_ns == file.mtime_ns) {
                counts_.unchanged += state->articles;
                continue;
            }
        }
        total_bytes += file.size;
        todo.push_back({&file, std::move(state)});
    }

    g_stop_signal = 0;
    auto old_int = std::signal(SIGINT, on_stop_signal);
    auto old_term = std::signal(SIGTERM, on_stop_signal);
    // A sharded archive writes its shards in parallel anyway.
    bool import = jobs_ > 1 && !has_stdin && !archive_->layout().sharded() &&
                  archive_->doccount() == 0 && todo.size() >= opts_.shard_min_files;
    if (import) {
        import_in_shards(todo);
    } else {
        Progress progress(err_, opts_.progress && !opts_.quiet, total_bytes);
        std::future<void> writing = std::async(std::launch::async, [&] {
            Writer(*archive_, opts_, jobs_, problems_, counts_).index(todo);
        });
        watch(writing, progress);
        progress.finish();
    }
    if (!stop_requested() && !opts_.keep_removed) {
        remove_vanished_files(walk);
    }
    if (synonyms && !stop_requested()) {
        store_synonyms(archive_->meta(), synonyms->groups);
        out_ << synonyms->groups.size() << " synonym groups from " << opts_.synonyms_file << '\n';
    }
    archive_->meta().set_metadata(kLastBuildKey, utc_now());
    archive_->commit();
    std::signal(SIGINT, old_int);
    std::signal(SIGTERM, old_term);

    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char timing[64];
    std::snprintf(timing, sizeof timing, "%.2f s, %.0f articles/s", seconds,
                  seconds > 0 ? static_cast<double>(counts_.changed) / seconds : 0.0);
    if (stop_requested()) {
        err_ << "newsidx: interrupted (signal " << g_stop_signal
             << "); what was indexed so far is committed\n";
    }
    out_ << counts_.changed << " changed, " << counts_.unchanged << " unchanged, "
         << counts_.removed << " removed, " << problems_.summary() << "; " << archive_->doccount()
         << " articles in " << opts_.db_path << " (" << timing << ")\n";
    return problems_.total() == 0 && !stop_requested() ? kExitOk : kExitError;
}

}  // namespace

int run_build(const BuildOptions& opts, std::ostream& out, std::ostream& err) {
    return Builder(opts, out, err).run();
}

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
            out << dump_json(article_to_json(std::get<Article>(result))) << '\n';
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
