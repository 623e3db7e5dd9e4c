// A first build of a large archive: one writer per job, each into its own shard holding a
// contiguous run of the input, then merged in input order by Xapian's compaction and swapped
// in. One glass writer is the bottleneck (bench/README.md); this keeps every core writing.
#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

#include "indexer/build.h"
#include "indexer/writer.h"

namespace newsidx {

/// The free space the import needs at its peak, in bytes of input (its shards and their
/// merge: measured on corpus/, 10 times the input; the database is 3.5 times).
inline constexpr uint64_t kImportSpace = 10;

/// Indexes `todo` into the empty single database of `archive` with `jobs` writers in
/// parallel (DB.import/K), merges them, drops the duplicate ids of two shards and swaps the
/// result in, under the archive's lock: docids, terms and data are those one writer gives.
/// If a writer fails, the others stop, what they committed is merged and swapped in if that
/// can be done, and the failure is rethrown; DB.import is removed in every case.
void import_in_shards(WritableArchive& archive, const BuildOptions& opts,
                      const std::vector<Todo>& todo, unsigned jobs, Problems& problems,
                      Counts& counts, Survivors& survivors, std::ostream& err);

}  // namespace newsidx
