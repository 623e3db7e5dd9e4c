#include "indexer/build.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <future>
#include <map>
#include <set>
#include <thread>

#include <xapian.h>

#include "common/error.h"
#include "common/schema.h"
#include "common/utf8.h"
#include "indexer/archive_lock.h"
#include "indexer/file_walker.h"
#include "indexer/import.h"
#include "indexer/progress.h"
#include "indexer/shards.h"
#include "indexer/source_state.h"
#include "indexer/stop_signal.h"
#include "indexer/synonyms.h"
#include "indexer/writer.h"

namespace newsidx {

namespace {

std::string utc_now() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
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
    void remove_vanished_files(const WalkResult& walk);
    void read_survivors(const WalkResult& walk);
    bool holds_source(const std::string& key);

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
    } catch (const LockedError& e) {
        throw Error(std::string(e.what()) + " (--wait waits for it)");
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

// The flow of a build, as simpleindex's main loop but over folders and with state:
//  1. walk the inputs (file_walker): the files, the folders given, the paths unreadable;
//  2. lock and open the archive (WritableArchive), and drop duplicate ids left behind;
//  3. keep the files whose size or time changed since the state recorded (source_state);
//  4. index them: the Writer (writer.cc) analyses batches on worker threads and writes them
//     in input order, or, for a first build of many files, import_in_shards (import.cc)
//     runs a Writer per job and merges their shards;
//  5. remove what files gone from the folders given gave, and read again the files that
//     gave an article too (remove_vanished_files, read_survivors);
//  6. store the synonyms, commit, print the summary line.
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
    // What an older version could leave (an import killed after its swap); once a database
    // has been checked, this version keeps it so: a scan of every id term, not done each time.
    if (archive_->meta().get_metadata(std::string(kIdsCheckedKey)).empty()) {
        for (size_t k = 0; k < archive_->size(); ++k) {
            drop_duplicate_ids(archive_->shard(k), problems_);
        }
        archive_->meta().set_metadata(std::string(kIdsCheckedKey), "1");
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
            // --force reads every file given; an article the database holds as it is
            // stays (counted unchanged), one it lacks is written. --strict reads a JSON
            // Lines file with bad lines again, to report them.
            same &= !opts_.force;
            if (same && opts_.strict && file.kind == InputKind::kJsonl &&
                !load_bad_lines(archive_->meta(), file.key).empty()) {
                same = false;
            }
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
        import_in_shards(*archive_, opts_, todo, jobs_, problems_, counts_, survivors_, err_);
    } else {
        Progress progress(err_, opts_.progress && !opts_.quiet, has_stdin ? 0 : todo.size(),
                          has_stdin ? 0 : total_bytes);
        std::future<void> writing = std::async(std::launch::async, [&] {
            Writer(*archive_, opts_, jobs_, problems_, counts_, survivors_).index(todo);
        });
        show_progress(writing, progress, counts_);
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
        if (!opts_.quiet) {
            out_ << synonyms->groups.size() << " synonym groups from " << opts_.synonyms_file
                 << '\n';
        }
    }
    archive_->meta().set_metadata(std::string(kLastBuildKey), utc_now());
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
    int status = problems_.total() == 0 && !refused_ && !stop_requested() ? kExitOk : kExitError;
    // --quiet: no summary, so that a cron job mails only the problems' lines (on stderr).
    if (!opts_.quiet) {
        out_ << counts_.changed << " changed, " << counts_.unchanged << " unchanged, "
             << counts_.removed << " removed, " << problems_.summary() << "; "
             << archive_->doccount() << " articles in "
             << terminal_safe(opts_.db_path, Newlines::kReplace) << " (" << timing << ")\n";
    }
    return status;
}

}  // namespace

int run_build(const BuildOptions& opts, std::ostream& out, std::ostream& err) {
    return Builder(opts, out, err).run();
}

}  // namespace newsidx
