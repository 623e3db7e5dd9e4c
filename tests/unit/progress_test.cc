#include "indexer/progress.h"

#include <gtest/gtest.h>

namespace newsidx {
namespace {

TEST(Progress, SaysHowFarAndInTheSingularForOne) {
    EXPECT_EQ(progress_line(2, 5, 40, 380, 1000, 2.0),
              "2 of 5 files (38%), 40 articles, 20 articles/s, 0.0 MB/s");
    EXPECT_EQ(progress_line(0, 1, 1, 0, 100, 0.5),
              "0 of 1 file (0%), 1 article, 2 articles/s, 0.0 MB/s");
    // Standard input: no total is known.
    EXPECT_EQ(progress_line(1, 0, 1, 10, 0, 1.0), "1 file, 1 article, 1 articles/s, 0.0 MB/s");
}

TEST(Progress, EstimatesTheTimeLeftOnlyOnceATenthIsDone) {
    // 5% in 3 s: too early to tell.
    EXPECT_EQ(progress_line(5, 100, 5, 50'000'000, 1'000'000'000, 3.0).find("left"),
              std::string::npos);
    // 10% in 1 s: too soon.
    EXPECT_EQ(progress_line(10, 100, 10, 100'000'000, 1'000'000'000, 1.0).find("left"),
              std::string::npos);
    // 25% in 30 s: 90 s to go.
    EXPECT_NE(progress_line(25, 100, 25, 250'000'000, 1'000'000'000, 30.0).find(", 1:30 left"),
              std::string::npos);
}

}  // namespace
}  // namespace newsidx
