#include "indexer/maintenance.h"

#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "indexer/build.h"
#include "test_util.h"

namespace newsidx {
namespace {

using test::TempDir;

// A database of corpus/languages (five articles), built by the real pipeline.
std::string build_languages(const TempDir& dir) {
    BuildOptions opts;
    opts.db_path = (dir / "db").string();
    opts.inputs.push_back((test::corpus_dir() / "languages").string());
    std::ostringstream out, err;
    EXPECT_EQ(run_build(opts, out, err), 0) << err.str();
    return opts.db_path;
}

TEST(Maintenance, StatsCountWhatTheDatabaseHolds) {
    TempDir dir;
    std::string db = build_languages(dir);
    std::ostringstream out;
    EXPECT_EQ(run_stats(db, true, out), 0);
    auto j = nlohmann::json::parse(out.str());
    EXPECT_EQ(j["articles"], 5);
    EXPECT_EQ(j["layout"], "single");
    EXPECT_GT(j["distinct_terms"].get<int>(), 100);
    EXPECT_FALSE(j["last_build"].get<std::string>().empty());
    EXPECT_THROW(run_stats((dir / "none").string(), false, out), Error);
}

TEST(Maintenance, RmSaysWhatWasNotThereAndCompactKeepsEveryArticle) {
    TempDir dir;
    std::string db = build_languages(dir);
    std::ostringstream stats;
    run_stats(db, true, stats);
    size_t before = nlohmann::json::parse(stats.str())["articles"];
    std::ostringstream out, err;
    EXPECT_EQ(run_rm(db, {"no-such-id"}, out, err), 1);  // grep's "nothing matched"
    EXPECT_NE(err.str().find("no article with id no-such-id"), std::string::npos) << err.str();

    // The id of one article, from the database itself.
    Xapian::Database xdb(db);
    std::string id = (*xdb.allterms_begin("Q")).substr(1);
    std::ostringstream out2, err2;
    EXPECT_EQ(run_rm(db, {id, "no-such-id"}, out2, err2), 0);  // something was removed
    std::ostringstream out3;
    EXPECT_EQ(run_compact(db, {}, out3), 0);
    std::ostringstream after;
    run_stats(db, true, after);
    EXPECT_EQ(nlohmann::json::parse(after.str())["articles"], before - 1);
    EXPECT_FALSE(std::filesystem::exists(db + ".compacting"));
}

}  // namespace
}  // namespace newsidx
