// Opening databases as Xapian does, reading the stubs ourselves: the same databases and
// errors as Xapian::Database(path), a program refused unless allowed, the sources known.
#include "common/database_open.h"

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/error.h"
#include "test_util.h"

namespace newsidx {
namespace {

class DatabaseOpenTest : public ::testing::Test {
  protected:
    void SetUp() override {
        for (auto [name, docs] : {std::pair{"a", 1}, std::pair{"b", 2}}) {
            Xapian::WritableDatabase db((dir_ / name).string(), Xapian::DB_CREATE);
            for (int i = 0; i < docs; ++i) {
                db.add_document(Xapian::Document());
            }
            db.commit();
        }
    }

    Xapian::Database open(const std::string& name, OpenRules rules = {}) {
        return open_database_to_read((dir_ / name).string(), rules, sources_);
    }

    test::TempDir dir_;
    std::vector<PathIdentity> sources_;
};

TEST_F(DatabaseOpenTest, OpensWhatXapianOpens) {
    std::filesystem::create_directories(dir_ / "archive" / "deeper");
    dir_.write("archive/XAPIANDB",
               "# a comment\n\nauto ../a\nglass " + (dir_ / "b").string() + "\ninmemory\n");
    dir_.write("archive/deeper/XAPIANDB", "auto ../../a\n");
    dir_.write("two.stub", "auto archive\nauto archive/deeper\n");
    struct Row {
        std::string path;
        Xapian::doccount docs;
        size_t sources;  // stubs read and databases opened
    };
    const Row rows[] = {{"a", 1, 1}, {"archive", 3, 3}, {"two.stub", 4, 6}};
    for (const auto& row : rows) {
        SCOPED_TRACE(row.path);
        EXPECT_EQ(open(row.path).get_doccount(), row.docs);
        EXPECT_EQ(Xapian::Database((dir_ / row.path).string()).get_doccount(), row.docs);
        EXPECT_EQ(sources_.size(), row.sources);
        EXPECT_EQ(identify_again(sources_), sources_);
    }
}

TEST_F(DatabaseOpenTest, FailsAsXapianDoes) {
    dir_.write("bad.stub", "auto a\nnonsense here\n");
    dir_.write("missing.stub", "auto nowhere\n");
    std::filesystem::create_directories(dir_ / "empty-folder");
    for (const char* name : {"bad.stub", "missing.stub", "empty-folder", "no-such-path"}) {
        SCOPED_TRACE(name);
        std::string ours, xapians;
        try {
            open(name);
        } catch (const Xapian::DatabaseOpeningError& e) {
            ours = e.get_description();
        }
        try {
            Xapian::Database((dir_ / name).string());
        } catch (const Xapian::DatabaseOpeningError& e) {
            xapians = e.get_description();
        }
        EXPECT_FALSE(ours.empty());
        EXPECT_EQ(ours, xapians);
    }
}

// Regression: issue #15 (11), a stub's `remote :PROGRAM` ran PROGRAM when searched.
TEST_F(DatabaseOpenTest, RefusesAProgramUnlessAllowed) {
    std::string marker = (dir_ / "ran").string();
    dir_.write("evil.sh", "#!/bin/sh\ntouch " + marker + "\n");
    std::filesystem::permissions(dir_ / "evil.sh", std::filesystem::perms::owner_all);
    std::string stub =
        dir_.write("evil.stub", "auto a\nremote :" + (dir_ / "evil.sh").string() + " -x\n")
            .string();
    dir_.write("outer.stub", "auto evil.stub\n");
    for (const char* name : {"evil.stub", "outer.stub"}) {
        SCOPED_TRACE(name);
        try {
            open(name);
            ADD_FAILURE() << "not refused";
        } catch (const Error& e) {
            EXPECT_EQ(std::string(e.what()),
                      stub + ":2: remote :" + (dir_ / "evil.sh").string() +
                          " would run that program: refused (give --allow-remote-program, or "
                          "allow_remote_program = true in the configuration file, to run it)");
        }
        EXPECT_FALSE(std::filesystem::exists(marker));
    }
    EXPECT_THROW(open("evil.stub", OpenRules{true}), Xapian::NetworkError);  // no Xapian server
    EXPECT_TRUE(std::filesystem::exists(marker));
}

TEST_F(DatabaseOpenTest, StubsThatListThemselvesStop) {
    dir_.write("loop.stub", "auto loop.stub\n");
    try {
        open("loop.stub");
        ADD_FAILURE() << "opened";
    } catch (const Xapian::DatabaseOpeningError& e) {
        EXPECT_NE(e.get_msg().find("nested more than 16 deep"), std::string::npos) << e.get_msg();
    }
}

TEST_F(DatabaseOpenTest, ASwappedFolderHasAnotherIdentity) {
    open("a");
    ASSERT_EQ(sources_.size(), 1u);
    std::filesystem::rename(dir_ / "a", dir_ / "old");
    std::filesystem::rename(dir_ / "b", dir_ / "a");
    EXPECT_NE(identify_again(sources_), sources_);
}

}  // namespace
}  // namespace newsidx
