#include "common/parallel.h"

#include <atomic>
#include <utility>
#include <vector>

namespace newsidx {

WorkerPool::WorkerPool(unsigned workers) {
    for (unsigned w = 1; w < workers; ++w) {
        threads_.emplace_back([this, w] { loop(w); });
    }
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    for (auto& thread : threads_) {
        thread.join();
    }
}

void WorkerPool::run(size_t n, const std::function<void(size_t, unsigned)>& fn) {
    {
        std::lock_guard lock(mutex_);
        fn_ = &fn;
        n_ = n;
        next_ = 0;
        failed_ = nullptr;
        ++round_;
        busy_ = static_cast<unsigned>(threads_.size());
    }
    wake_.notify_all();
    work(0);
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return busy_ == 0; });
    fn_ = nullptr;
    if (failed_) {
        std::rethrow_exception(std::exchange(failed_, nullptr));
    }
}

void WorkerPool::loop(unsigned worker) {
    unsigned long done = 0;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stop_ || round_ != done; });
            if (stop_) {
                return;
            }
            done = round_;
        }
        work(worker);
        std::lock_guard lock(mutex_);
        if (--busy_ == 0) {
            done_.notify_one();
        }
    }
}

void WorkerPool::work(unsigned worker) {
    for (size_t i; (i = next_.fetch_add(1, std::memory_order_relaxed)) < n_;) {
        try {
            (*fn_)(i, worker);
        } catch (...) {
            std::lock_guard lock(mutex_);
            if (!failed_ || i < failed_at_) {
                failed_ = std::current_exception();
                failed_at_ = i;
            }
        }
    }
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
