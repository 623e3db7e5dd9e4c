#include "common/parallel.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

namespace newsidx {
namespace {

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
