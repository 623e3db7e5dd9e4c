#include "common/atomic_file.h"

#include <filesystem>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "common/error.h"
#include "test_util.h"

namespace newsidx {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

TEST(AtomicFile, ReplacesAFileWholeAndLeavesNothingBeside) {
    TempDir dir;
    std::string path = (dir / "state").string();
    EXPECT_EQ(read_file(path), std::nullopt);  // not there yet: no error
    write_atomically(path, "first");
    EXPECT_EQ(read_file(path), "first");
    write_atomically(path, std::string("second\0with a NUL", 17));
    EXPECT_EQ(read_file(path), std::string("second\0with a NUL", 17));
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1)
        << "a temporary file was left beside it";
}

TEST(AtomicFile, FollowsASymbolicLinkAndKeepsTheTargetsMode) {
    TempDir dir;
    std::string target = dir.write("real.toml", "old").string();
    ASSERT_EQ(chmod(target.c_str(), 0640), 0);
    fs::create_symlink(target, dir / "link.toml");
    write_atomically((dir / "link.toml").string(), "new");
    EXPECT_TRUE(fs::is_symlink(dir / "link.toml"));
    EXPECT_EQ(read_file(target), "new");
    EXPECT_EQ(fs::status(target).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
}

TEST(AtomicFile, SaysWhichFileCannotBeReadOrWritten) {
    TempDir dir;
    fs::create_directory(dir / "folder");
    try {
        read_file((dir / "folder").string());
        FAIL() << "a folder was read as a file";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("folder"), std::string::npos) << e.what();
    }
    EXPECT_THROW(write_atomically((dir / "missing" / "file").string(), "x"), Error);
}

}  // namespace
}  // namespace newsidx
