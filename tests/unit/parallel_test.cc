#include "common/parallel.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

namespace newsidx {
namespace {

TEST(WorkerPool, RunsEveryIndexOnceOnEachRunAndNamesItsThreads) {
    WorkerPool pool(3);
    ASSERT_EQ(pool.size(), 3u);
    for (size_t n : {0, 1, 2, 5, 1000, 7}) {  // fewer, as many and more items than threads
        SCOPED_TRACE(n);
        std::vector<std::atomic<int>> calls(n);
        std::vector<std::thread::id> owner(pool.size());  // each worker number, one thread
        std::mutex mutex;
        bool clash = false;
        pool.run(n, [&](size_t i, unsigned worker) {
            ++calls[i];
            std::lock_guard lock(mutex);
            ASSERT_LT(worker, 3u);
            if (owner[worker] == std::thread::id()) {
                owner[worker] = std::this_thread::get_id();
            }
            clash = clash || owner[worker] != std::this_thread::get_id();
        });
        for (size_t i = 0; i < n; ++i) {
            EXPECT_EQ(calls[i], 1) << i;
        }
        EXPECT_FALSE(clash);
        EXPECT_TRUE(owner[0] == std::thread::id() || owner[0] == std::this_thread::get_id());
    }
}

// The searcher's read_articles() relies on it: a call may wait for an earlier index (one
// that reads what the later ones use), even on a pool of one thread. A pool that started a
// later index first would keep index 0 from running: the later one gives up waiting.
TEST(WorkerPool, StartsCallsInIndexOrderSoALaterOneMayWaitForAnEarlier) {
    for (unsigned threads : {1u, 2u, 3u}) {
        SCOPED_TRACE(threads);
        WorkerPool pool(threads);
        for (int round = 0; round < 50; ++round) {
            std::mutex mutex;
            std::condition_variable cv;
            bool ready = false;
            std::atomic<size_t> gave_up{0};
            pool.run(6, [&](size_t i, unsigned) {
                std::unique_lock lock(mutex);
                if (i == 0) {
                    ready = true;
                    cv.notify_all();
                } else if (!cv.wait_for(lock, std::chrono::seconds(2), [&] { return ready; })) {
                    ++gave_up;
                }
            });
            ASSERT_EQ(gave_up, 0u) << "round " << round;
        }
    }
}

TEST(WorkerPool, RethrowsTheFirstFailureAfterRunningTheRest) {
    WorkerPool pool(2);
    std::atomic<int> ran{0};
    auto run = [&] {
        pool.run(50, [&](size_t i, unsigned) {
            ++ran;
            if (i == 7 || i == 30) {
                throw std::runtime_error("item " + std::to_string(i));
            }
        });
    };
    EXPECT_THROW(
        try { run(); } catch (const std::runtime_error& e) {
            EXPECT_STREQ(e.what(), "item 7");
            throw;
        },
        std::runtime_error);
    EXPECT_EQ(ran, 50);
    EXPECT_NO_THROW(pool.run(3, [](size_t, unsigned) {}));  // the next run starts clean
}

TEST(WorkerPool, OfOneThreadRunsOnTheCaller) {
    WorkerPool pool(1);
    std::thread::id caller = std::this_thread::get_id();
    int ran = 0;
    pool.run(4, [&](size_t, unsigned worker) {
        EXPECT_EQ(worker, 0u);
        EXPECT_EQ(std::this_thread::get_id(), caller);
        ++ran;
    });
    EXPECT_EQ(ran, 4);
}

TEST(SerialQueue, RunsTasksInOrderOnAnotherThread) {
    SerialQueue queue;
    std::vector<int> seen;  // only the queue's thread writes it until wait() returns
    std::thread::id caller = std::this_thread::get_id();
    std::atomic<bool> elsewhere{true};
    for (int i = 0; i < 1000; ++i) {
        queue.post([&, i] {
            seen.push_back(i);
            elsewhere = elsewhere && std::this_thread::get_id() != caller;
        });
    }
    queue.wait();
    ASSERT_EQ(seen.size(), 1000u);
    for (int i = 0; i < 1000; ++i) {
        EXPECT_EQ(seen[i], i);
    }
    EXPECT_TRUE(elsewhere);
}

TEST(SerialQueue, AFailedTaskSkipsTheRestAndIsRethrownOnce) {
    SerialQueue queue;
    int ran = 0;
    queue.post([&] { ++ran; });
    queue.post([] { throw std::runtime_error("disk full"); });
    queue.post([&] { ++ran; });
    EXPECT_THROW(
        try { queue.wait(); } catch (const std::runtime_error& e) {
            EXPECT_STREQ(e.what(), "disk full");
            throw;
        },
        std::runtime_error);
    EXPECT_EQ(ran, 1);
    queue.post([&] { ++ran; });
    EXPECT_NO_THROW(queue.wait());
    EXPECT_EQ(ran, 2);
}

TEST(SerialQueue, DestroyingDropsWhatHasNotRun) {
    std::atomic<int> ran{0};
    std::atomic<bool> started{false};
    {
        SerialQueue queue;
        queue.post([&] {
            started = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            ++ran;
        });
        for (int i = 0; i < 10; ++i) {
            queue.post([&] { ++ran; });
        }
        while (!started) {
            std::this_thread::yield();
        }
    }  // while the first one sleeps
    EXPECT_EQ(ran.load(), 1);
}

}  // namespace
}  // namespace newsidx
