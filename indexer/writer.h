// The indexing pipeline: from files to documents in an archive. Worker threads read, parse
// and analyse batches of tasks while one thread writes the previous batch in input order.
#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "common/hash.h"
#include "common/parallel.h"
#include "common/text_analyzer.h"
#include "indexer/build.h"
#include "indexer/file_walker.h"
#include "indexer/input_reader.h"
#include "indexer/problems.h"
#include "indexer/progress.h"
#include "indexer/shards.h"
#include "indexer/source_state.h"
#include "indexer/stop_signal.h"

namespace newsidx {

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

// A file to read, with what the last build recorded of it.
struct Todo {
    const InputFile* file;
    std::optional<SourceState> state;
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

/// The files whose source terms are `gone` no longer give the article `docid` of `shard`: it
/// is deleted (true), unless another file gives it too. Then it only loses those terms, and
/// the others are survivors, read again before the build ends: its text may be the one of a
/// file that is gone. `meta` holds the file states.
bool forget_sources(Xapian::WritableDatabase& shard, Xapian::WritableDatabase& meta,
                    Xapian::docid docid, const std::set<std::string>& gone, Survivors& survivors);

/// The same id in two documents of `db` (two import shards, or what an older version left):
/// the later one wins, as with one writer, keeps the source terms of the others, and is
/// warned of.
void drop_duplicate_ids(Xapian::WritableDatabase& db, Problems& problems);

/// Draws the progress line while `work` runs; rethrows what it threw.
void show_progress(std::future<void>& work, Progress& progress, const Counts& counts);

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
          empty_at_start_(archive.doccount() == 0),
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
    void store(Xapian::WritableDatabase& shard, const InputFile& file, Outcome& o, bool may_exist);
    void keep_sources_of_moved();
    bool forget_source(Xapian::WritableDatabase& shard, Xapian::docid docid,
                       const std::set<std::string>& gone);
    void finish_jsonl_file(const InputFile& file);
    void save_state(const SourceState& state);
    // Whether the bad line of `task` was reported by an earlier build and has not changed
    // (then it is not reported again); records it for the next build.
    bool known_bad_line(const Task& task);
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
    bool empty_at_start_;  // then an id not seen in this run is not in the archive
    WorkerPool workers_;
    std::vector<std::unique_ptr<TextAnalyzer>> analyzers_;  // one per worker

    std::vector<Task> batch_;     // being filled
    std::vector<Task> analysed_;  // analysed, to be written
    std::vector<Outcome> analysed_outcomes_;

    // A JSON Lines file being written: the id terms it gave, whether a line failed, its hash.
    struct JsonlFile {
        std::unordered_set<std::string> ids;
        bool failed = false;                     // read again next time (a read error, --strict)
        std::unordered_set<uint64_t> known_bad;  // lines reported by an earlier build
        std::unordered_set<uint64_t> bad;        // this build's bad lines
        size_t skipped_before = 0;               // known bad lines met again, not reported
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

}  // namespace newsidx
