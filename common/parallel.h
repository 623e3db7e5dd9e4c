// Runs work on several threads: the indexing pipeline's analysis and shard writers, and the
// searcher's snippets.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace newsidx {

/// Calls fn(i, worker) for every i in [0, n) on up to `jobs` threads, the caller's among
/// them; `worker` in [0, jobs) names the thread (so each can own a TextAnalyzer). Returns
/// when all are done. `fn` must not throw.
void parallel_for(size_t n, unsigned jobs, const std::function<void(size_t, unsigned)>& fn);

/// A thread of its own that runs the tasks posted to it one after another, in the order
/// posted: what one shard's Xapian writer needs (a WritableDatabase is used by one thread at
/// a time). post() and wait() are called from one other thread.
class SerialQueue {
  public:
    SerialQueue();
    /// Stops the thread once the task it runs, if any, returns; tasks not yet run are
    /// dropped (call wait() first to run them).
    ~SerialQueue();
    SerialQueue(const SerialQueue&) = delete;
    SerialQueue& operator=(const SerialQueue&) = delete;

    void post(std::function<void()> task);
    /// Returns when every task posted so far has run. If a task threw, the tasks posted
    /// after it are skipped and its exception is rethrown here (once).
    void wait();

  private:
    void loop();

    std::mutex mutex_;
    std::condition_variable wake_, idle_;
    std::deque<std::function<void()>> tasks_;
    bool running_ = false;  // a task is being run
    bool stop_ = false;
    std::exception_ptr failed_;
    std::thread thread_;
};

}  // namespace newsidx
