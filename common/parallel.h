// Runs independent work on several threads: the indexing pipeline's analysis and the
// searcher's snippets.
#pragma once

#include <cstddef>
#include <functional>

namespace newsidx {

/// Calls fn(i, worker) for every i in [0, n) on up to `jobs` threads, the caller's among
/// them; `worker` in [0, jobs) names the thread (so each can own a TextAnalyzer). Returns
/// when all are done. `fn` must not throw.
void parallel_for(size_t n, unsigned jobs, const std::function<void(size_t, unsigned)>& fn);

}  // namespace newsidx
