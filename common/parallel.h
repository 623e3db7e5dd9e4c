// Runs work on several threads: the indexing pipeline's analysis and shard writers, and the
// searcher's snippets.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace newsidx {

/// Threads that wait for work, so that handing it out costs a wake-up rather than starting
/// threads: the searcher makes ten snippets a query; the indexer analyses batches.
class WorkerPool {
  public:
    /// `workers` threads in all, the caller of run() among them.
    explicit WorkerPool(unsigned workers);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    unsigned size() const { return static_cast<unsigned>(threads_.size()) + 1; }

    /// Calls fn(i, worker) for every i in [0, n), on the caller's thread and the pool's;
    /// `worker` in [0, size()) names the thread (so each can own a TextAnalyzer). Calls start
    /// in the order of i, so one may wait for an earlier one to do something. Returns when
    /// all are done. If calls threw, the others still ran, and the exception of the lowest
    /// i is rethrown. One run() at a time.
    void run(size_t n, const std::function<void(size_t, unsigned)>& fn);

  private:
    void loop(unsigned worker);
    void work(unsigned worker);

    std::mutex mutex_;
    std::condition_variable wake_, done_;
    // Set by run() before it wakes the pool, unchanged until every thread is done with them.
    const std::function<void(size_t, unsigned)>* fn_ = nullptr;
    size_t n_ = 0;
    std::atomic<size_t> next_{0};
    unsigned long round_ = 0;    // counts run()s: a thread works once per round
    unsigned busy_ = 0;          // the pool's threads still working in this round
    std::exception_ptr failed_;  // of this round, the exception of the lowest i, at failed_at_
    size_t failed_at_ = 0;
    bool stop_ = false;
    std::vector<std::thread> threads_;
};

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
