// How an archive is laid out on disk: one Xapian database, or shards listed by a stub.
//
// A sharded archive is a folder that Xapian opens as a stub database (README, "Scale-out"):
//
//   news.db/XAPIANDB     the stub: "auto meta", then "auto shard-..." for each shard
//   news.db/meta/        no articles: schema, layout, file states, last build; spelling and
//                        synonym tables
//   news.db/shard-*/     the articles, each in the shard its id (or year) routes it to
//
// so `Xapian::Database("news.db")` (the searcher, xapian-delve) reads them all as one.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "common/error.h"
#include "common/schema.h"
#include "indexer/archive_lock.h"

namespace newsidx {

/// How articles are spread over databases.
struct ShardLayout {
    enum class Kind {
        kSingle,  // one database (no stub)
        kHash,    // `count` shards; an article goes to shard XXH3-64(id) mod count
        kYear,    // a shard per publication year; articles without a date in one more
    };
    Kind kind = Kind::kSingle;
    unsigned count = 1;  // kHash only

    static ShardLayout single() { return {}; }
    static ShardLayout hashed(unsigned count) { return {Kind::kHash, count}; }
    static ShardLayout by_year() { return {Kind::kYear, 1}; }

    bool sharded() const { return kind != Kind::kSingle; }
    /// As kept in the meta database: "hash 4", "year" (empty for kSingle).
    std::string serialise() const;
    /// nullopt if `text` is not what serialise() writes.
    static std::optional<ShardLayout> unserialise(std::string_view text);
    /// For messages and `stats`: "one database", "4 shards by id hash", "shards by year".
    std::string describe() const;

    bool operator==(const ShardLayout&) const = default;
};

/// The shard (folder name) of the article with this id and publication date: "shard-K" for
/// kHash, "shard-YYYY" or "shard-undated" for kYear. The same id (and date) always gives
/// the same shard, on every machine and in every version. Empty for kSingle.
std::string shard_name(const ShardLayout& layout, std::string_view id,
                       const std::optional<Date>& published);

/// The stub listing the meta database and then `shards`, one "auto NAME" line each
/// (relative paths: Xapian resolves them from the stub's folder).
std::string stub_text(const std::vector<std::string>& shards);

/// Writes `dir`/XAPIANDB with stub_text(shards) unless it holds that already: to a temporary
/// file, synced, renamed over the old one, and the folder synced, so that a search opening
/// the archive meanwhile reads the old list or the new one. Throws newsidx::Error.
void write_stub(const std::filesystem::path& dir, const std::vector<std::string>& shards);

/// What is at `path`: nullopt if nothing (missing, or an empty folder); kSingle for a
/// database folder; the layout the meta database records for a sharded archive. Throws
/// newsidx::Error for a file, or a stub folder that newsidx did not make.
std::optional<ShardLayout> layout_at(const std::string& path);

/// The shards of the sharded archive at `path`, in stub order: shard-0, shard-1... (kHash,
/// all `count` of them), or the year shards there are, oldest first, shard-undated last.
std::vector<std::string> shard_names(const std::string& path, const ShardLayout& layout);

/// Thrown by WritableArchive when another process holds a writer lock; what() is the path of
/// the database whose lock is held.
struct LockedError : Error {
    explicit LockedError(const std::string& path)
        : Error("database " + path + " is locked by another build, rm or compact") {}
};

/// Folders beside a database that a compact or a first build's import works in; what a
/// killed one left is removed by the next writer (WritableArchive).
inline constexpr std::string_view kCompactingSuffix = ".compacting";
inline constexpr std::string_view kImportSuffix = ".import";

/// The databases of an archive, open for writing. It holds the archive's lock (ArchiveLock)
/// until destruction, and each database its Xapian writer lock until close(), so no other
/// build, rm or compact can write meanwhile. Not thread-safe; different shards may be
/// written by different threads.
class WritableArchive {
  public:
    /// Locks the archive at `path` and opens it for writing, creating it with `layout` if
    /// there is nothing there (with kSingle if `layout` is nullopt). `layout` must be the
    /// archive's own, or nullopt (use what is there). `wait`: wait for another writer's
    /// locks instead of failing. Removes what a killed compact or import left beside its
    /// databases. Throws LockedError if a lock is held; newsidx::Error if `path` is a file,
    /// holds another layout or something that is not a newsidx archive, or the schema
    /// differs.
    WritableArchive(const std::string& path, std::optional<ShardLayout> layout, bool wait);
    /// One database that is already open, as a single archive (a first build's import
    /// shards), marked with the schema version (so the database merged from them is too).
    explicit WritableArchive(Xapian::WritableDatabase db);

    const ShardLayout& layout() const { return layout_; }
    /// Schema, layout, file states and last build; the spelling and synonym tables. The
    /// database itself if it is not sharded.
    Xapian::WritableDatabase& meta() { return meta_; }
    size_t size() const { return shards_.size(); }
    /// Shard k. The object stays where it is when shards are added (shard_for): a thread
    /// writing shard k may hold this reference meanwhile, but must take it from the thread
    /// that adds shards.
    Xapian::WritableDatabase& shard(size_t k) { return *shards_[k]; }
    /// The folder name of shard k ("shard-3"); the path if the archive is one database.
    const std::string& name(size_t k) const { return names_[k]; }
    /// The folders of the archive's databases: the meta database first, then the shards;
    /// the path alone if the archive is one database.
    std::vector<std::string> database_paths() const;

    /// The index of the shard the article goes to. A year seen for the first time gets its
    /// shard (created, then listed in the stub) at once.
    size_t shard_for(const Article& article);
    /// Articles in all shards.
    Xapian::doccount doccount();
    /// Commits every shard, then the meta database: what the meta records of a file is never
    /// committed before the file's articles.
    void commit();
    /// Releases Xapian's locks (Xapian commits what is pending first); the archive's lock is
    /// held until destruction.
    void close();
    /// Replaces the database at `database` (one of database_paths()) by the folder `fresh`,
    /// in one atomic swap (swap_folders): closes it, swaps, and opens the new one for
    /// writing. The old folder is then at `fresh`, still locked: the caller removes it.
    void swap_in(const std::string& database, const std::string& fresh);

  private:
    size_t open_shard(const std::string& name);
    void remove_leftovers();

    std::string path_;
    ArchiveLock lock_;  // first: taken before any database is opened, released after
    ShardLayout layout_;
    int flags_ = 0;  // DB_RETRY_LOCK when waiting
    Xapian::WritableDatabase meta_;
    std::vector<std::string> names_;
    std::vector<std::unique_ptr<Xapian::WritableDatabase>> shards_;
};

}  // namespace newsidx
