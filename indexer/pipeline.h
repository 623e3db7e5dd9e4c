// Runs independent work on several threads; the indexing pipeline's only concurrency.
#pragma once

#include <functional>

namespace newsidx {

/// Calls fn(i, worker) for every i in [0, n) on up to `jobs` threads, `worker` in
/// [0, jobs) naming the thread (so each can own a TextAnalyzer). Returns when all are done.
/// `fn` must not throw.
void parallel_for(size_t n, unsigned jobs, const std::function<void(size_t, unsigned)>& fn);

}  // namespace newsidx
