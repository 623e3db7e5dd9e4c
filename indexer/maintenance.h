// `newsidx stats`, `newsidx rm` and `newsidx compact`: the work behind the flags, on streams.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace newsidx {

/// Prints what is in the database: articles, distinct terms, date range, articles per
/// category, size on disk, time of the last build, layout and the articles of each shard; as
/// text, or as one JSON object. Throws newsidx::Error if there is no newsidx database at
/// db_path.
int run_stats(const std::string& db_path, bool json, std::ostream& out);

/// Removes the articles with these ids, from whichever shard holds them. Returns kExitOk if any was
/// removed, kExitNoMatch if none was there (each missing id is named on `err`).
int run_rm(const std::string& db_path, const std::vector<std::string>& ids, std::ostream& out,
           std::ostream& err);

/// Compacts the database into a fresh copy beside it, then swaps the two folders in one
/// atomic rename (searches that have the old one open keep working) and deletes the old one.
/// A sharded archive: each of its databases in turn, or only those named in `only` ("meta",
/// "shard-2019"). Holds the build locks meanwhile.
int run_compact(const std::string& db_path, const std::vector<std::string>& only,
                std::ostream& out);

}  // namespace newsidx
