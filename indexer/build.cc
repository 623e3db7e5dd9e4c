#include "indexer/build.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <future>
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
#include "indexer/input_reader.h"
#include "indexer/maintenance.h"
#include "indexer/progress.h"
#include "indexer/shards.h"
#include "indexer/source_state.h"
#include "indexer/stop_signal.h"
#include "indexer/synonyms.h"

namespace newsidx {

namespace {

// Tasks handed to the workers at once; with one batch being written while the next is
// analysed, this bounds the articles in memory.
constexpr size_t kTaskBatch = 512;

// The free space a first build's parallel import needs, in bytes of input.
constexpr uint64_t kImportSpace = 10;

std::string utc_now() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

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
        // Xapian would throw, and drop every change not committed with it: say which.
        for (auto t = o.doc.termlist_begin(); t != o.doc.termlist_end(); ++t) {
            if ((*t).size() > kMaxTermBytes) {
                o.problem = Diagnostic{task.file->path, task.line, "cannot be indexed",
                                       "(a term over " + std::to_string(kMaxTermBytes) +
                                           " bytes: " + (*t).substr(0, 40) + "...)"};
                o.article.reset();
                return o;
            }
        }
        o.spelling = spelling_words(o.doc);
        if (task.file->kind != InputKind::kStdin) {
            o.doc.add_boolean_term(source_term(task.file->key));
        }
    } catch (const std::exception& e) {
        o.problem = Diagnostic{task.file->path, task.line, "internal error", e.what()};
    }
    return o;
}

// "warning: b/x.txt: id x also read from a/x.txt; this one replaces it", terminal-safe.
std::string replaced_warning(const std::string& source, const std::string& id,
                             const std::string& earlier) {
    return terminal_safe("warning: " + source + ": id " + id + " also read from " + earlier +
                             "; this one replaces it",
                         Newlines::kReplace);
}

// Counters shared by the writers of one build, read by the progress line.
struct Counts {
    std::atomic<uint64_t> changed{0}, unchanged{0}, removed{0}, files_done{0}, bytes_done{0};
    std::atomic<bool> failed{false};  // a writer failed: the others stop too
};

// Files to read again before a build ends: they gave an article too, whose text came from a
// file that is gone or no longer gives it. Their recorded states are erased when they are
// added, in the same transaction as what made them survivors, so that a build stopped
// before reading them again reads them next time.
class Survivors {
  public:
    /// The file with this key (path_key).
    void add(const std::string& key) {
        std::lock_guard lock(mutex_);
        keys_.insert(key);
    }
    std::set<std::string> take() {
        std::lock_guard lock(mutex_);
        return std::exchange(keys_, {});
    }

  private:
    std::mutex mutex_;  // shard writers add from their threads
    std::set<std::string> keys_;
};

// The files whose source terms are `gone` no longer give the article `docid` of `shard`: it
// is deleted (true), unless another file gives it too. Then it only loses those terms, and
// the others are survivors, read again before the build ends: its text may be the one of a
// file that is gone. `meta` holds the file states.
bool forget_sources(Xapian::WritableDatabase& shard, Xapian::WritableDatabase& meta,
                    Xapian::docid docid, const std::set<std::string>& gone, Survivors& survivors) {
    std::vector<std::string> sources = source_terms_of(shard, docid);
    bool kept = false;
    for (const auto& term : sources) {
        if (!gone.count(term)) {
            kept = true;
            if (auto state = state_of_source_term(meta, term)) {
                erase_source_state(meta, state->key);
                survivors.add(state->key);
            }
        }
    }
    if (!kept) {
        shard.delete_document(docid);
        return true;
    }
    Xapian::Document doc = shard.get_document(docid);
    for (const auto& term : sources) {
        if (gone.count(term)) {
            doc.remove_term(term);
        }
    }
    shard.replace_document(docid, doc);
    return false;
}

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
           Counts& counts, Survivors& survivors)
        : archive_(archive),
          opts_(opts),
          problems_(problems),
          counts_(counts),
          survivors_(survivors),
          workers_(jobs) {
        for (unsigned i = 0; i < workers_.size(); ++i) {
            analyzers_.push_back(std::make_unique<TextAnalyzer>());
        }
        add_shard_queues();
    }

    /// Indexes `todo` in order (stops early on SIGINT/SIGTERM) and commits.
    void index(const std::vector<Todo>& todo);

  private:
    bool stopping() const { return stop_requested() || counts_.failed; }
    void queue(Task task);
    void flush_batch();
    void write_batch(std::vector<Task>& tasks, std::vector<Outcome>& outcomes);
    void write_article(const Task& task, Outcome& o);
    void store(Xapian::WritableDatabase& shard, const InputFile& file, Outcome& o);
    void keep_sources_of_moved();
    bool forget_source(Xapian::WritableDatabase& shard, Xapian::docid docid,
                       const std::set<std::string>& gone);
    void finish_jsonl_file(const InputFile& file);
    void save_state(const SourceState& state);
    void maybe_commit();
    void commit();
    // Runs `task` on shard k's writer thread, or here if the archive is one database. A task
    // takes the shard's database from this thread (&archive_.shard(k), captured): a new year
    // adds shards from here while the shards' threads write.
    void on_shard(size_t k, std::function<void()> task);
    void wait_for_shards();
    void add_shard_queues();

    WritableArchive& archive_;
    const BuildOptions& opts_;
    Problems& problems_;
    Counts& counts_;
    Survivors& survivors_;
    WorkerPool workers_;
    std::vector<std::unique_ptr<TextAnalyzer>> analyzers_;  // one per worker

    std::vector<Task> batch_;     // being filled
    std::vector<Task> analysed_;  // analysed, to be written
    std::vector<Outcome> analysed_outcomes_;

    // A JSON Lines file being written: the id terms it gave, whether a line failed, its hash.
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
    // Year shards: the source terms of an article that moved to another shard, to be added
    // to it there once the shards' queues are idle.
    struct Moved {
        size_t shard;
        std::string id_key;
        std::vector<std::string> sources;
    };
    std::mutex moved_mutex_;
    std::vector<Moved> moved_;
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
    for (size_t i = 0; i < tasks.size() && !stopping(); ++i) {
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
    keep_sources_of_moved();
    tasks.clear();
    outcomes.clear();
}

void Writer::write_article(const Task& task, Outcome& o) {
    const Article& article = *o.article;
    auto [it, fresh] = seen_ids_.try_emplace(article.id, article.source);
    if (!fresh) {
        problems_.say(replaced_warning(article.source, article.id, it->second));
        it->second = article.source;
    }
    if (task.file->kind != InputKind::kText) {
        jsonl_[task.file].ids.insert(id_term(article.id));
    }
    size_t k = archive_.shard_for(article);
    add_shard_queues();  // a year seen for the first time has a new shard
    if (archive_.layout().kind == ShardLayout::Kind::kYear) {
        // An article whose date changed moves to another year's shard: it leaves the old one.
        // The files that gave it there still give it (keep_sources_of_moved).
        std::string id_key = id_term(article.id);
        bool from_stdin = task.file->kind == InputKind::kStdin;
        for (size_t j = 0; j < archive_.size(); ++j) {
            if (j != k) {
                on_shard(j, [this, db = &archive_.shard(j), k, id_key, from_stdin] {
                    Xapian::WritableDatabase& shard = *db;
                    auto post = shard.postlist_begin(id_key);
                    if (post == shard.postlist_end(id_key)) {
                        return;
                    }
                    if (!from_stdin) {
                        std::lock_guard lock(moved_mutex_);
                        moved_.push_back({k, id_key, source_terms_of(shard, *post)});
                    }
                    shard.delete_document(id_key);
                });
            }
        }
    }
    auto written = std::make_shared<Outcome>(std::move(o));
    on_shard(k, [this, db = &archive_.shard(k), written, file = task.file] {
        store(*db, *file, *written);
    });
    maybe_commit();
}

// Writes one article into its shard (on the shard's thread).
void Writer::store(Xapian::WritableDatabase& shard, const InputFile& file, Outcome& o) {
    const Article& article = *o.article;
    std::string id_key = id_term(article.id);
    auto post = shard.postlist_begin(id_key);
    if (post != shard.postlist_end(id_key)) {
        // An unchanged line does not rewrite the database.
        if (file.kind != InputKind::kText &&
            shard.get_document(*post).get_data() == o.doc.get_data()) {
            ++counts_.unchanged;
            return;
        }
        // Other files that gave this id still give it: the article stays while one does.
        if (file.kind != InputKind::kStdin) {
            for (const auto& term : source_terms_of(shard, *post)) {
                o.doc.add_boolean_term(term);
            }
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
            on_shard(k, [this, db = &archive_.shard(k), ids, term] {
                Xapian::WritableDatabase& shard = *db;
                std::vector<Xapian::docid> gone;
                for (auto it = shard.postlist_begin(term); it != shard.postlist_end(term); ++it) {
                    auto t = shard.termlist_begin(*it);
                    t.skip_to(std::string(kIdPrefix));
                    if (t == shard.termlist_end(*it) || !ids->count(*t)) {
                        gone.push_back(*it);
                    }
                }
                for (auto docid : gone) {
                    counts_.removed += forget_source(shard, docid, {term}) ? 1 : 0;
                }
            });
        }
        // Committed after the shards (commit()), so never before the removals.
        save_state({file.key, file.size, file.mtime_ns, done.hash->digest(), articles});
        maybe_commit();
    }
    ++counts_.files_done;
    jsonl_.erase(&file);
}

// The files of `gone` no longer give the article `docid`: it is deleted (true), unless
// another file gives it too; then it loses their source terms, and the others are read again.
bool Writer::forget_source(Xapian::WritableDatabase& shard, Xapian::docid docid,
                           const std::set<std::string>& gone) {
    std::lock_guard lock(meta_mutex_);
    return forget_sources(shard, archive_.meta(), docid, gone, survivors_);
}

// On this thread, with the shards' queues idle.
void Writer::keep_sources_of_moved() {
    for (const auto& moved : std::exchange(moved_, {})) {
        Xapian::WritableDatabase& shard = archive_.shard(moved.shard);
        auto post = shard.postlist_begin(moved.id_key);
        if (post == shard.postlist_end(moved.id_key)) {
            continue;
        }
        Xapian::Document doc = shard.get_document(*post);
        for (const auto& term : moved.sources) {
            doc.add_boolean_term(term);
        }
        shard.replace_document(*post, doc);
    }
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
    wait_for_shards();
    keep_sources_of_moved();
    for (size_t k = 0; k < archive_.size(); ++k) {
        on_shard(k, [db = &archive_.shard(k)] { db->commit(); });
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
        if (stopping()) {
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
                return !stopping();
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
    void read_survivors(const WalkResult& walk);
    bool holds_source(const std::string& key);
    void watch(std::future<void>& work, Progress& progress);

    const BuildOptions& opts_;
    std::ostream& out_;
    std::ostream& err_;
    Problems problems_;
    std::optional<WritableArchive> archive_;
    unsigned jobs_ = 1;
    Counts counts_;
    Survivors survivors_;
    bool refused_ = false;  // a mass removal, not done
};

void Builder::open_database() {
    try {
        archive_.emplace(opts_.db_path, opts_.layout, opts_.wait);
    } catch (const LockedError&) {
        throw Error("database " + opts_.db_path +
                    " is locked by another build (--wait waits for it)");
    }
}

// Whether `key` is `folder` or lies under it.
bool is_under(const std::string& key, const std::string& folder) {
    return key.starts_with(folder) &&
           (key.size() == folder.size() || key[folder.size()] == '/' || folder == "/");
}

// Like `notmuch new`: the articles of files gone from a folder given are removed. Not under
// a path that could not be read (rsync's rule: no deletions after an I/O error), and not
// more than half of the archive unless asked: a folder not mounted looks empty.
void Builder::remove_vanished_files(const WalkResult& walk) {
    namespace fs = std::filesystem;
    Xapian::WritableDatabase& meta = archive_->meta();
    std::vector<SourceState> gone;
    std::set<std::string> seen;  // a folder given twice, or inside another given
    for (const auto& folder : walk.folders) {
        for (auto& state : source_states_under(meta, folder)) {
            if (!seen.insert(state.key).second ||
                std::any_of(walk.unreadable.begin(), walk.unreadable.end(),
                            [&](const std::string& path) { return is_under(state.key, path); })) {
                continue;
            }
            std::error_code ec;
            if (fs::exists(fs::symlink_status(state.key, ec))) {
                continue;
            }
            if (ec && ec != std::errc::no_such_file_or_directory &&
                ec != std::errc::not_a_directory) {
                problems_.report({state.key, 0, "cannot tell whether the file is still there",
                                  "(" + ec.message() + "); its articles are kept"});
                continue;
            }
            gone.push_back(std::move(state));
        }
    }
    std::set<std::string> gone_terms;
    for (const auto& state : gone) {
        gone_terms.insert(source_term(state.key));
    }
    // What goes: the articles that no file still there gives.
    std::vector<std::set<Xapian::docid>> docs(archive_->size());
    uint64_t articles = 0;
    for (size_t k = 0; k < archive_->size(); ++k) {
        Xapian::WritableDatabase& shard = archive_->shard(k);
        for (const auto& term : gone_terms) {
            for (auto post = shard.postlist_begin(term); post != shard.postlist_end(term); ++post) {
                if (docs[k].insert(*post).second) {
                    auto sources = source_terms_of(shard, *post);
                    articles += std::all_of(sources.begin(), sources.end(),
                                            [&](const auto& t) { return gone_terms.count(t); });
                }
            }
        }
    }
    if (!opts_.allow_mass_removal && articles > kMassRemovalMin &&
        articles * 2 > archive_->doccount()) {
        problems_.say("not removing the " + std::to_string(articles) + " articles of " +
                      std::to_string(gone.size()) + " files gone from the folders given: that " +
                      "is more than half of the archive (is a folder not mounted, or emptied by "
                      "mistake?); if the files were removed on purpose, build again with " +
                      "--allow-mass-removal");
        refused_ = true;
        return;
    }
    for (size_t k = 0; k < archive_->size(); ++k) {
        for (auto docid : docs[k]) {
            counts_.removed +=
                forget_sources(archive_->shard(k), meta, docid, gone_terms, survivors_);
        }
    }
    for (const auto& state : gone) {
        erase_source_state(meta, state.key);
        if (opts_.verbose) {
            problems_.say("removed the articles of " +
                          terminal_safe(state.key, Newlines::kReplace));
        }
    }
}

// Whether an article of the file `key` is in the archive.
bool Builder::holds_source(const std::string& key) {
    std::string term = source_term(key);
    for (size_t k = 0; k < archive_->size(); ++k) {
        if (archive_->shard(k).term_exists(term)) {
            return true;
        }
    }
    return false;
}

// Reads again the files that also gave an article whose text came from a file gone.
void Builder::read_survivors(const WalkResult& walk) {
    std::map<std::string, const InputFile*> given;
    for (const auto& file : walk.files) {
        given.emplace(file.key, &file);
    }
    std::set<std::string> keys = survivors_.take();
    std::vector<InputFile> others;  // not among this build's inputs
    others.reserve(keys.size());
    std::vector<Todo> todo;
    for (const auto& key : keys) {
        if (auto it = given.find(key); it != given.end()) {
            todo.push_back({it->second, std::nullopt});
        } else if (WalkResult found = walk_inputs({key}); found.files.size() == 1) {
            others.push_back(std::move(found.files[0]));
            todo.push_back({&others.back(), std::nullopt});
        }
    }
    if (!todo.empty()) {
        Writer(*archive_, opts_, jobs_, problems_, counts_, survivors_).index(todo);
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

// The same id in two documents of `db` (two import shards, or an import killed before
// this ran, in an older version): the later one wins, as with one writer, and is warned of.
void drop_duplicate_ids(Xapian::WritableDatabase& db, Problems& problems) {
    std::string q(kIdPrefix);
    std::vector<std::vector<Xapian::docid>> duplicates;
    for (auto t = db.allterms_begin(q); t != db.allterms_end(q); ++t) {
        if (t.get_termfreq() > 1) {
            duplicates.emplace_back(db.postlist_begin(*t), db.postlist_end(*t));
        }
    }
    for (const auto& docs : duplicates) {
        Xapian::Document doc = db.get_document(docs.back());
        Article kept = article_from_json(Json::parse(doc.get_data()));
        for (size_t i = 0; i + 1 < docs.size(); ++i) {
            Article dropped = article_from_json(Json::parse(db.get_document(docs[i]).get_data()));
            problems.say(replaced_warning(kept.source, kept.id, dropped.source));
            for (const auto& term : source_terms_of(db, docs[i])) {
                doc.add_boolean_term(term);  // that file gives it too
            }
            db.delete_document(docs[i]);
        }
        db.replace_document(docs.back(), doc);
    }
}

// A first build of a large archive: one writer per job, each into its own shard holding a
// contiguous run of the input, then merged in input order by Xapian's compaction and swapped
// in. One glass writer is the bottleneck (bench/README.md); this keeps every core writing.
// Docids, terms and data are those a single writer gives. The archive's lock is held
// throughout, the swap included.
void Builder::import_in_shards(const std::vector<Todo>& todo) {
    namespace fs = std::filesystem;
    std::string work = opts_.db_path + std::string(kImportSuffix);
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
    std::exception_ptr failure;  // the first writer's that failed (a full disk)
    auto write_shards = [&] {
        std::vector<std::future<void>> writers;
        for (unsigned k = 0; k < shards; ++k) {
            writers.push_back(std::async(std::launch::async, [&, k] {
                try {
                    WritableArchive shard(Xapian::WritableDatabase(work + "/" + std::to_string(k),
                                                                   Xapian::DB_CREATE));
                    Writer(shard, shard_opts, 1, problems_, counts_, survivors_).index(parts[k]);
                } catch (...) {
                    counts_.failed = true;  // the others commit what they have and stop
                    throw;
                }
            }));
        }
        for (auto& w : writers) {
            try {
                w.get();
            } catch (...) {
                if (!failure) {
                    failure = std::current_exception();
                }
            }
        }
    };
    std::future<void> writing = std::async(std::launch::async, write_shards);
    Progress progress(err_, opts_.progress && !opts_.quiet, total);
    watch(writing, progress);
    progress.finish();

    // What the shards committed is merged, even after a failure: a build again then reads
    // only what is missing.
    try {
        Xapian::Database all;
        for (unsigned k = 0; k < shards; ++k) {
            all.add_database(Xapian::Database(work + "/" + std::to_string(k)));
        }
        std::string merged = work + "/merged";
        all.compact(merged);
        {
            // Before the swap, so that a kill at any moment leaves no duplicate behind.
            Xapian::WritableDatabase db(merged, Xapian::DB_OPEN);
            drop_duplicate_ids(db, problems_);
            db.commit();
        }
        archive_->swap_in(opts_.db_path, merged);
    } catch (...) {
        std::error_code ec;
        fs::remove_all(work, ec);  // the space back at once
        std::rethrow_exception(failure ? failure : std::current_exception());
    }
    fs::remove_all(work);  // the shards, and the empty database swapped out
    if (failure) {
        problems_.say("the import stopped; what it wrote is kept (" +
                      std::to_string(archive_->doccount()) +
                      " articles): build again to index the rest");
        std::rethrow_exception(failure);
    }
}

int Builder::run() {
    auto start = std::chrono::steady_clock::now();
    StopSignals signals;  // from here: also while waiting for the lock, or reading stdin
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
    for (size_t k = 0; k < archive_->size(); ++k) {
        drop_duplicate_ids(archive_->shard(k), problems_);  // what an older version left
    }
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
            bool same = state && state->size == file.size && state->mtime_ns == file.mtime_ns;
            // A text file touched or named whose article is not in the database (removed
            // with `rm`, or lost by an older version) is indexed again.
            if (state && file.kind == InputKind::kText && (!same || file.named) &&
                !holds_source(file.key)) {
                state.reset();
                same = false;
            }
            if (same) {
                counts_.unchanged += state->articles;
                continue;
            }
        }
        total_bytes += file.size;
        todo.push_back({&file, std::move(state)});
    }

    // A sharded archive writes its shards in parallel anyway.
    bool import = jobs_ > 1 && !has_stdin && !archive_->layout().sharded() &&
                  archive_->doccount() == 0 && todo.size() >= opts_.shard_min_files;
    // The import's shards and their merge take about 10 times the input at their peak, a
    // single writer about 4 times (measured on corpus/).
    if (import && free_bytes(opts_.db_path) / kImportSpace < total_bytes) {
        problems_.say("warning: " + human_bytes(free_bytes(opts_.db_path)) + " free for " +
                      human_bytes(total_bytes) + " of input: too little for a parallel first " +
                      "build (about " + std::to_string(kImportSpace) +
                      " times the input); building with one writer");
        import = false;
    }
    if (import) {
        import_in_shards(todo);
    } else {
        Progress progress(err_, opts_.progress && !opts_.quiet, total_bytes);
        std::future<void> writing = std::async(std::launch::async, [&] {
            Writer(*archive_, opts_, jobs_, problems_, counts_, survivors_).index(todo);
        });
        watch(writing, progress);
        progress.finish();
    }
    if (!stop_requested() && !opts_.keep_removed) {
        remove_vanished_files(walk);
    }
    if (!stop_requested()) {
        read_survivors(walk);
    }
    if (synonyms && !stop_requested()) {
        store_synonyms(archive_->meta(), synonyms->groups);
        out_ << synonyms->groups.size() << " synonym groups from " << opts_.synonyms_file << '\n';
    }
    archive_->meta().set_metadata(kLastBuildKey, utc_now());
    archive_->commit();

    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char timing[64];
    std::snprintf(timing, sizeof timing, "%.2f s, %.0f articles/s", seconds,
                  seconds > 0 ? static_cast<double>(counts_.changed) / seconds : 0.0);
    if (stop_requested()) {
        err_ << "newsidx: interrupted (signal " << stop_signal()
             << "); what was indexed so far is committed\n";
    }
    out_ << counts_.changed << " changed, " << counts_.unchanged << " unchanged, "
         << counts_.removed << " removed, " << problems_.summary() << "; " << archive_->doccount()
         << " articles in " << opts_.db_path << " (" << timing << ")\n";
    return problems_.total() == 0 && !refused_ && !stop_requested() ? kExitOk : kExitError;
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
