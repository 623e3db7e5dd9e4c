#include "indexer/synonyms.h"

#include <fstream>

#include <gtest/gtest.h>

#include "common/error.h"
#include "test_util.h"

namespace newsidx {
namespace {

TEST(Synonyms, ReadsGroupsAnalysedAsQueriesAre) {
    test::TempDir dir;
    auto path = (dir / "synonyms.txt").string();
    std::ofstream(path) << "# comment\n"
                           "DPRK = North Korea = Pyongyang regime\n"
                           "\n"
                           "  Türkiye=Turkey \r\n"
                           "lonely\n"
                           "= only one =\n"
                           "bad \xff byte = x\n"
                           "a b c d e f g = seven words\n";
    TextAnalyzer analyzer;
    SynonymFile file = read_synonyms(path, analyzer);
    using Group = std::vector<std::string>;
    ASSERT_EQ(file.groups.size(), 2u);
    EXPECT_EQ(file.groups[0], (Group{"dprk", "north korea", "pyongyang regime"}));
    EXPECT_EQ(file.groups[1], (Group{"turkiye", "turkey"}));
    ASSERT_EQ(file.problems.size(), 4u);
    EXPECT_EQ(file.problems[0].line, 5u);
    EXPECT_EQ(file.problems[0].reason, "not a synonym group");
    EXPECT_EQ(file.problems[1].line, 6u);
    EXPECT_EQ(file.problems[2].line, 7u);
    EXPECT_EQ(file.problems[2].reason, "invalid UTF-8");
    EXPECT_EQ(file.problems[3].line, 8u);
    EXPECT_EQ(file.problems[3].reason, "synonym too long");

    EXPECT_THROW(read_synonyms((dir / "missing").string(), analyzer), Error);
}

TEST(Synonyms, StoringReplacesTheWholeTable) {
    test::TempDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
    store_synonyms(db, {{"dprk", "north korea"}, {"ev", "electric vehicle", "e-car"}});
    auto synonyms = [&](const std::string& key) {
        return std::vector<std::string>(db.synonyms_begin(key), db.synonyms_end(key));
    };
    using List = std::vector<std::string>;
    EXPECT_EQ(synonyms("dprk"), (List{"north korea"}));
    EXPECT_EQ(synonyms("north korea"), (List{"dprk"}));
    EXPECT_EQ(synonyms("ev"), (List{"e-car", "electric vehicle"}));
    store_synonyms(db, {{"turkiye", "turkey"}});
    EXPECT_TRUE(synonyms("dprk").empty());
    EXPECT_EQ(synonyms("turkey"), (List{"turkiye"}));
}

}  // namespace
}  // namespace newsidx
