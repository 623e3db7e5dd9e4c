#include "indexer/import.h"

#include <exception>
#include <filesystem>
#include <future>

#include <xapian.h>

#include "common/schema.h"

namespace newsidx {

void import_in_shards(WritableArchive& archive, const BuildOptions& opts,
                      const std::vector<Todo>& todo, unsigned jobs, Problems& problems,
                      Counts& counts, Survivors& survivors, std::ostream& err) {
    namespace fs = std::filesystem;
    std::string work = opts.db_path + std::string(kImportSuffix);
    fs::remove_all(work);
    fs::create_directories(work);
    unsigned shards = std::min<unsigned>(jobs, static_cast<unsigned>(todo.size()));
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
    BuildOptions shard_opts = opts;
    shard_opts.batch_size = std::max(1u, opts.batch_size / shards);  // bounds memory
    std::exception_ptr failure;  // the first writer's that failed (a full disk)
    auto write_shards = [&] {
        std::vector<std::future<void>> writers;
        for (unsigned k = 0; k < shards; ++k) {
            writers.push_back(std::async(std::launch::async, [&, k] {
                try {
                    WritableArchive shard(Xapian::WritableDatabase(work + "/" + std::to_string(k),
                                                                   Xapian::DB_CREATE));
                    Writer(shard, shard_opts, 1, problems, counts, survivors).index(parts[k]);
                } catch (...) {
                    counts.failed = true;  // the others commit what they have and stop
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
    Progress progress(err, opts.progress && !opts.quiet, todo.size(), total);
    show_progress(writing, progress, counts);
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
            drop_duplicate_ids(db, problems);
            db.set_metadata(std::string(kIdsCheckedKey), "1");
            db.commit();
        }
        archive.swap_in(opts.db_path, merged);
    } catch (...) {
        std::error_code ec;
        fs::remove_all(work, ec);  // the space back at once
        std::rethrow_exception(failure ? failure : std::current_exception());
    }
    fs::remove_all(work);  // the shards, and the empty database swapped out
    if (failure) {
        problems.say("the import stopped; what it wrote is kept (" +
                     std::to_string(archive.doccount()) +
                     " articles): build again to index the rest");
        std::rethrow_exception(failure);
    }
}

}  // namespace newsidx
