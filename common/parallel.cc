#include "common/parallel.h"

#include <algorithm>
#include <atomic>
#include <vector>

namespace newsidx {

void parallel_for(size_t n, unsigned jobs, const std::function<void(size_t, unsigned)>& fn) {
    unsigned threads = static_cast<unsigned>(std::min<size_t>(jobs, n));
    std::atomic<size_t> next{0};
    auto loop = [&](unsigned worker) {
        for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) {
            fn(i, worker);
        }
    };
    std::vector<std::jthread> helpers;
    for (unsigned w = 1; w < threads; ++w) {
        helpers.emplace_back(loop, w);
    }
    loop(0);
}

SerialQueue::SerialQueue() : thread_([this] { loop(); }) {}

SerialQueue::~SerialQueue() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void SerialQueue::post(std::function<void()> task) {
    {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
}

void SerialQueue::wait() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return tasks_.empty() && !running_; });
    if (failed_) {
        std::exception_ptr failed = std::exchange(failed_, nullptr);
        std::rethrow_exception(failed);
    }
}

void SerialQueue::loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stop_ || !tasks_.empty(); });
        if (stop_) {
            return;
        }
        std::function<void()> task = std::move(tasks_.front());
        tasks_.pop_front();
        if (failed_) {
            idle_.notify_all();
            continue;  // skipped: an earlier task failed
        }
        running_ = true;
        lock.unlock();
        std::exception_ptr failed;
        try {
            task();
        } catch (...) {
            failed = std::current_exception();
        }
        task = nullptr;  // what it holds is released on this thread
        lock.lock();
        running_ = false;
        if (failed && !failed_) {
            failed_ = failed;
        }
        idle_.notify_all();
    }
}

}  // namespace newsidx
