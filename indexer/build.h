// `newsidx build` and `newsidx parse`: the work behind the flags, on streams.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "common/config.h"
#include "indexer/shards.h"

namespace newsidx {

inline constexpr size_t kDefaultMaxArticleBytes = 4 << 20;
/// Removals of at most this many articles are never refused (BuildOptions::allow_mass_removal).
inline constexpr uint64_t kMassRemovalMin = 100;

struct BuildOptions {
    std::string db_path = kDefaultDbPath;
    /// How a new archive is spread over databases (--shards, --shard-by); an existing one
    /// must have this layout. nullopt: an existing archive's own, or one database.
    std::optional<ShardLayout> layout;
    std::vector<std::string> inputs;
    /// Articles written between two commits: bounds memory, and what an interrupted
    /// build can lose.
    unsigned batch_size = 1000;
    /// Threads that read, parse and analyse; 0: the machine's hardware threads.
    unsigned jobs = 0;
    /// Read every file given again, whatever its recorded state (--force): an article the
    /// database lacks or holds otherwise is written, one it holds as it is stays.
    bool force = false;
    /// Report every bad line of a JSON Lines file at each build, and read the file again
    /// until none is left (--strict): by default a line reported once is not reported again
    /// while it stays as it is.
    bool strict = false;
    /// Keep the articles of files that disappeared from the folders given.
    bool keep_removed = false;
    /// Remove them even when they are more than half of the archive (and more than
    /// kMassRemovalMin articles): otherwise that is refused, as a folder not mounted, or
    /// emptied by mistake, looks like one whose files were all deleted.
    bool allow_mass_removal = false;
    /// Wait for another build's lock instead of failing.
    bool wait = false;
    bool quiet = false;     // no progress line, no summary: only problems
    bool verbose = false;   // a line per file indexed
    bool progress = false;  // draw the progress line (set by the caller: stderr is a terminal)
    /// A first build of at least this many files, with jobs > 1, writes one shard per job in
    /// parallel and merges them (see bench/README.md for why and the threshold).
    size_t shard_min_files = 2000;
    /// A synonyms file (synonyms.h) that replaces the database's synonyms; empty: keep them.
    std::string synonyms_file;
    /// A text file or JSON line longer than this is skipped (read, not kept, so that a huge
    /// file costs no memory): news articles are tens of kB.
    size_t max_article_bytes = kDefaultMaxArticleBytes;
    /// The language of the articles that do not give theirs (a tag normalised by
    /// normalize_language_tag()); empty: detected.
    std::string language;
};

/// Indexes the articles under opts.inputs into the database at opts.db_path (created if
/// missing). Only files that are new or changed since the last build are read (size and
/// modification time, confirmed by a content hash); an article indexed again replaces the
/// one with the same id; articles of files gone from the folders given are removed unless
/// opts.keep_removed. Each unreadable or malformed input gets one line on `err` and is
/// skipped; a summary line goes to `out`. Stops cleanly (committing) on SIGINT or SIGTERM.
/// Returns kExitOk if every input was indexed, kExitError if any was skipped or the build
/// was interrupted (what was done is committed all the same). Throws newsidx::Error if the
/// database cannot be opened, Xapian::Error if it cannot be written.
int run_build(const BuildOptions& opts, std::ostream& out, std::ostream& err);

}  // namespace newsidx
