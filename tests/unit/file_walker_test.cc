// The file walker: what it lists, what it refuses, what it could not read.
#include "indexer/file_walker.h"

#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "test_util.h"

namespace newsidx {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

std::vector<std::string> names(const WalkResult& walk) {
    std::vector<std::string> found;
    for (const auto& file : walk.files) {
        found.push_back(fs::path(file.path).filename().string());
    }
    return found;
}

TEST(FileWalker, ListsArticleFilesSortedAndFollowsNoFolderLink) {
    TempDir dir;
    fs::create_directories(dir / "in/b");
    fs::create_directories(dir / "in/a");
    dir.write("in/b/2.txt", "x");
    dir.write("in/a/1.jsonl", "x");
    dir.write("in/a/notes.md", "x");
    fs::create_directory_symlink("..", dir / "in/a/up");  // a loop if followed
    WalkResult walk = walk_inputs({(dir / "in").string()});
    EXPECT_EQ(names(walk), (std::vector<std::string>{"1.jsonl", "2.txt"}));
    EXPECT_EQ(walk.files[0].kind, InputKind::kJsonl);
    EXPECT_FALSE(walk.files[0].named);
    EXPECT_TRUE(walk.problems.empty());
    ASSERT_EQ(walk.folders.size(), 1u);
    EXPECT_EQ(walk.folders[0], path_key((dir / "in").string()));
}

// Regression: issue #15, item 7.
TEST(FileWalker, RefusesWhatIsNotARegularFile) {
    TempDir dir;
    fs::create_directories(dir / "in");
    ASSERT_EQ(mkfifo((dir / "in/feed.jsonl").c_str(), 0644), 0);
    fs::create_symlink("/dev/zero", dir / "in/zero.jsonl");
    WalkResult walk = walk_inputs({(dir / "in").string(), (dir / "in/feed.jsonl").string()});
    EXPECT_TRUE(walk.files.empty());
    ASSERT_EQ(walk.problems.size(), 3u);
    EXPECT_EQ(walk.problems[0].reason, "not a regular file");
    EXPECT_EQ(walk.problems[2].detail, "(a FIFO)");
}

// Regression: issue #15, item 3 (as root, permissions do not stop the walk).
TEST(FileWalker, AFolderThatCannotBeReadIsAProblemAndUnreadable) {
    if (geteuid() == 0) {
        GTEST_SKIP() << "root reads every folder (tests/cli/build_unreadable.sh runs as nobody)";
    }
    TempDir dir;
    fs::create_directories(dir / "in/closed");
    dir.write("in/closed/1.txt", "x");
    fs::permissions(dir / "in/closed", fs::perms::none);
    WalkResult walk = walk_inputs({(dir / "in").string()});
    fs::permissions(dir / "in/closed", fs::perms::owner_all);
    EXPECT_TRUE(walk.files.empty());
    ASSERT_EQ(walk.problems.size(), 1u);
    EXPECT_EQ(walk.problems[0].reason, "cannot read folder");
    EXPECT_EQ(walk.unreadable, std::vector<std::string>{path_key((dir / "in/closed").string())});
}

TEST(FileWalker, AMissingPathIsAProblemButNotUnreadable) {
    TempDir dir;
    WalkResult walk = walk_inputs({(dir / "nothing").string(), "-"});
    ASSERT_EQ(walk.problems.size(), 1u);
    EXPECT_EQ(walk.problems[0].reason, "no such file or directory");
    EXPECT_TRUE(walk.unreadable.empty());
    ASSERT_EQ(walk.files.size(), 1u);
    EXPECT_EQ(walk.files[0].kind, InputKind::kStdin);
}

TEST(FileWalker, AFileNamedIsMarkedSo) {
    TempDir dir;
    auto path = dir.write("any-name.dat", "x");
    WalkResult walk = walk_inputs({path.string()});
    ASSERT_EQ(walk.files.size(), 1u);
    EXPECT_TRUE(walk.files[0].named);
    EXPECT_EQ(walk.files[0].kind, InputKind::kText);
    EXPECT_EQ(walk.files[0].size, 1u);
}

}  // namespace
}  // namespace newsidx
