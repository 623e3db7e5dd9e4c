#include "indexer/shards.h"

#include <map>
#include <sstream>
#include <sys/stat.h>

#include <gtest/gtest.h>
#include <xapian.h>

#include "common/error.h"
#include "common/schema.h"
#include "indexer/build.h"
#include "searcher/search.h"
#include "test_util.h"

namespace newsidx {
namespace {

using test::TempDir;
namespace fs = std::filesystem;

TEST(ShardLayout, SerialisesAndReadsBack) {
    struct Row {
        ShardLayout layout;
        std::string text, describe;
    } rows[] = {
        {ShardLayout::hashed(4), "hash 4", "4 shards by id hash"},
        {ShardLayout::hashed(1), "hash 1", "1 shard by id hash"},
        {ShardLayout::by_year(), "year", "shards by year"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.text);
        EXPECT_EQ(row.layout.serialise(), row.text);
        EXPECT_EQ(ShardLayout::unserialise(row.text), row.layout);
        EXPECT_EQ(row.layout.describe(), row.describe);
    }
    EXPECT_EQ(ShardLayout::single().describe(), "one database");
    for (const char* bad : {"", "hash", "hash 0", "hash -1", "hash 2x", "years", "hash  2"}) {
        SCOPED_TRACE(bad);
        EXPECT_FALSE(ShardLayout::unserialise(bad));
    }
}

// The rule must never change: an archive built by one version is updated by the next, and an
// article must land where the last build put it.
TEST(ShardRouting, HashOfTheIdModuloTheShards) {
    struct Row {
        const char* id;
        unsigned shards;
        const char* expected;
    } rows[] = {
        {"100_c809ca34303675c3", 2, "shard-1"},
        {"100_c809ca34303675c3", 4, "shard-3"},
        {"101_ca4df1217eac0937", 2, "shard-0"},
        {"101_ca4df1217eac0937", 4, "shard-2"},
        {"url-5f3e", 3, "shard-1"},
        {"x", 1, "shard-0"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(std::string(row.id) + " / " + std::to_string(row.shards));
        EXPECT_EQ(shard_name(ShardLayout::hashed(row.shards), row.id, std::nullopt), row.expected);
        // The date plays no part.
        EXPECT_EQ(shard_name(ShardLayout::hashed(row.shards), row.id, Date{2019, 5, 1}),
                  row.expected);
    }
}

TEST(ShardRouting, HashSpreadsIdsEvenly) {
    std::map<std::string, int> counts;
    for (int i = 0; i < 10000; ++i) {
        ++counts[shard_name(ShardLayout::hashed(4), "article-" + std::to_string(i), {})];
    }
    ASSERT_EQ(counts.size(), 4u);
    for (const auto& [name, count] : counts) {
        EXPECT_NEAR(count, 2500, 250) << name;
    }
}

TEST(ShardRouting, YearOfPublicationOrUndated) {
    auto year = ShardLayout::by_year();
    EXPECT_EQ(shard_name(year, "a", Date{2019, 12, 31}), "shard-2019");
    EXPECT_EQ(shard_name(year, "a", Date{2020, 1, 1}), "shard-2020");
    EXPECT_EQ(shard_name(year, "a", Date{987, 1, 1}), "shard-0987");
    EXPECT_EQ(shard_name(year, "a", std::nullopt), "shard-undated");
    EXPECT_EQ(shard_name(ShardLayout::single(), "a", Date{2019, 1, 1}), "");
}

TEST(Stub, ListsMetaThenTheShards) {
    EXPECT_EQ(stub_text({"shard-0", "shard-1"}),
              "# Written by newsidx build: the meta database, then the shards.\n"
              "auto meta\nauto shard-0\nauto shard-1\n");
}

// One glass database with `docs` documents, each with `term`.
void make_db(const fs::path& path, int docs, const std::string& term) {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
    for (int i = 0; i < docs; ++i) {
        Xapian::Document doc;
        doc.add_term(term);
        db.add_document(doc);
    }
    db.commit();
}

TEST(Stub, XapianOpensTheFolderAsAllItsShards) {
    TempDir dir;
    fs::path archive = dir / "news.db";
    fs::create_directory(archive);
    make_db(archive / "meta", 0, "");
    make_db(archive / "shard-0", 2, "a");
    make_db(archive / "shard-1", 3, "b");
    write_stub(archive, {"shard-0", "shard-1"});
    EXPECT_EQ(test::read_file(archive / "XAPIANDB"), stub_text({"shard-0", "shard-1"}));
    EXPECT_FALSE(fs::exists(archive / "XAPIANDB.tmp"));
    Xapian::Database db(archive.string());
    EXPECT_EQ(db.get_doccount(), 5u);
    EXPECT_EQ(db.get_termfreq("b"), 3u);

    // Written again only when the list changes (a rename gives the file a new inode).
    struct stat before {};
    ::stat((archive / "XAPIANDB").c_str(), &before);
    write_stub(archive, {"shard-0", "shard-1"});
    struct stat same {};
    ::stat((archive / "XAPIANDB").c_str(), &same);
    EXPECT_EQ(before.st_ino, same.st_ino);
    write_stub(archive, {"shard-1"});
    EXPECT_EQ(Xapian::Database(archive.string()).get_doccount(), 3u);
}

TEST(Layout, TellsWhatIsThere) {
    TempDir dir;
    EXPECT_FALSE(layout_at((dir / "missing").string()));
    fs::create_directory(dir / "empty");
    EXPECT_FALSE(layout_at((dir / "empty").string()));
    dir.write("file", "text");
    EXPECT_THROW(layout_at((dir / "file").string()), Error);
    make_db(dir / "one", 1, "a");
    EXPECT_EQ(layout_at((dir / "one").string()), ShardLayout::single());
    fs::create_directory(dir / "foreign");
    dir.write("foreign/XAPIANDB", "auto ../one\n");
    EXPECT_THROW(layout_at((dir / "foreign").string()), Error);
    { WritableArchive((dir / "sharded").string(), ShardLayout::hashed(3), false); }
    EXPECT_EQ(layout_at((dir / "sharded").string()), ShardLayout::hashed(3));
    EXPECT_EQ(shard_names((dir / "sharded").string(), ShardLayout::hashed(3)),
              (std::vector<std::string>{"shard-0", "shard-1", "shard-2"}));
}

Article article(std::string id, std::optional<Date> published) {
    Article a;
    a.id = std::move(id);
    a.published = published;
    return a;
}

TEST(WritableArchive, CreatesYearShardsAsTheyComeAndListsThemInOrder) {
    TempDir dir;
    std::string path = (dir / "news.db").string();
    {
        WritableArchive archive(path, ShardLayout::by_year(), false);
        EXPECT_EQ(archive.size(), 0u);
        size_t k2020 = archive.shard_for(article("a", Date{2020, 3, 1}));
        size_t undated = archive.shard_for(article("b", std::nullopt));
        size_t k2016 = archive.shard_for(article("c", Date{2016, 1, 9}));
        EXPECT_EQ(archive.shard_for(article("d", Date{2020, 12, 1})), k2020);
        EXPECT_EQ(archive.size(), 3u);
        EXPECT_EQ(archive.name(undated), "shard-undated");
        EXPECT_EQ(archive.name(k2016), "shard-2016");
        archive.commit();
    }
    EXPECT_EQ(test::read_file(dir / "news.db" / "XAPIANDB"),
              stub_text({"shard-2016", "shard-2020", "shard-undated"}));
    // Every database is marked as newsidx's, so a shard served alone passes the check.
    for (const char* name : {"meta", "shard-2016", "shard-2020", "shard-undated"}) {
        EXPECT_EQ(Xapian::Database((dir / "news.db" / name).string())
                      .get_metadata(std::string(kSchemaKey)),
                  kSchemaVersion)
            << name;
    }
    // Opened again with its layout or none, it finds its shards.
    WritableArchive again(path, std::nullopt, false);
    EXPECT_EQ(again.layout(), ShardLayout::by_year());
    EXPECT_EQ(again.size(), 3u);
}

TEST(WritableArchive, RefusesAnotherLayout) {
    TempDir dir;
    make_db(dir / "one", 0, "");
    { WritableArchive((dir / "hash").string(), ShardLayout::hashed(2), false); }
    { WritableArchive((dir / "year").string(), ShardLayout::by_year(), false); }
    struct Row {
        const char* db;
        ShardLayout asked;
        const char* message;
    } rows[] = {
        {"one", ShardLayout::hashed(2), "is one database, not shards"},
        {"hash", ShardLayout::hashed(3), "has 2 shards by id hash, not 3 shards by id hash"},
        {"hash", ShardLayout::by_year(), "has 2 shards by id hash, not shards by year"},
        {"year", ShardLayout::hashed(2), "has shards by year, not 2 shards by id hash"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.db);
        try {
            WritableArchive((dir / row.db).string(), row.asked, false);
            ADD_FAILURE() << "not refused";
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(row.message), std::string::npos) << e.what();
        }
    }
}

TEST(WritableArchive, OneWriterLockPerShard) {
    TempDir dir;
    std::string path = (dir / "news.db").string();
    {
        WritableArchive first(path, ShardLayout::hashed(2), false);
        EXPECT_THROW(WritableArchive(path, std::nullopt, false), LockedError);
        // Each shard is locked by Xapian too, not only the meta database.
        EXPECT_THROW(Xapian::WritableDatabase((dir / "news.db" / "shard-1").string()),
                     Xapian::DatabaseLockError);
        first.close();
        // The archive's own lock is held until the archive is destroyed.
        EXPECT_THROW(WritableArchive(path, std::nullopt, false), LockedError);
    }
    EXPECT_NO_THROW(WritableArchive(path, std::nullopt, false));
}

TEST(WritableArchive, AHashShardThatWentMissingIsAnError) {
    TempDir dir;
    std::string path = (dir / "news.db").string();
    { WritableArchive(path, ShardLayout::hashed(2), false); }
    fs::remove_all(dir / "news.db" / "shard-1");
    EXPECT_THROW(WritableArchive(path, std::nullopt, false), Error);
}

std::string build(const fs::path& db, const std::vector<std::string>& inputs,
                  std::optional<ShardLayout> layout, unsigned jobs = 2) {
    BuildOptions opts;
    opts.db_path = db.string();
    opts.inputs = inputs;
    opts.layout = layout;
    opts.jobs = jobs;
    std::ostringstream out, err;
    int code = run_build(opts, out, err);
    EXPECT_EQ(code, 0) << err.str();
    return out.str();
}

SearchRequest request(std::string query, Sort sort = Sort::kRelevance) {
    SearchRequest r;
    r.query = std::move(query);
    r.sort = sort;
    r.limit = 100;
    return r;
}

// Same articles in the same order, the same scores within floating-point tolerance (Xapian
// adds up the shards' statistics in another order), the same totals, facets, suggestion.
// Not the percentages: Xapian scales them by the query terms each shard holds (README).
void expect_same(const SearchResult& one, const SearchResult& sharded) {
    EXPECT_EQ(one.total, sharded.total);
    ASSERT_EQ(one.hits.size(), sharded.hits.size());
    for (size_t i = 0; i < one.hits.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(one.hits[i].article, sharded.hits[i].article);
        EXPECT_NEAR(one.hits[i].score, sharded.hits[i].score, 1e-9);
        EXPECT_EQ(one.hits[i].snippet.text, sharded.hits[i].snippet.text);
    }
    ASSERT_EQ(one.facets.size(), sharded.facets.size());
    for (size_t f = 0; f < one.facets.size(); ++f) {
        EXPECT_EQ(one.facets[f].first, sharded.facets[f].first);
        ASSERT_EQ(one.facets[f].second.size(), sharded.facets[f].second.size());
        for (size_t v = 0; v < one.facets[f].second.size(); ++v) {
            EXPECT_EQ(one.facets[f].second[v].value, sharded.facets[f].second[v].value);
            EXPECT_EQ(one.facets[f].second[v].count, sharded.facets[f].second[v].count);
        }
    }
    EXPECT_EQ(one.suggestion, sharded.suggestion);
}

TEST(ShardedArchive, SearchesLikeOneDatabase) {
    TempDir dir;
    std::vector<std::string> corpus{test::corpus_dir().string()};
    build(dir / "one", corpus, std::nullopt);
    build(dir / "hash", corpus, ShardLayout::hashed(3));
    build(dir / "year", corpus, ShardLayout::by_year());
    std::vector<SearchRequest> requests = {
        request("pipeline"),
        request("north korea missiles"),
        request("\"black sea\" OR title:gas"),
        request("Pyong*"),
        request("climate", Sort::kNewest),
        request("climate", Sort::kOldest),
        request("Pyongyng missles"),  // a suggestion from the merged spelling tables
        request("author:gokce date:2020..2025"),
    };
    SearchRequest facets = request("gas");
    facets.facets = {"category", "dateline", "author", "year", "month"};
    requests.push_back(facets);
    SearchRequest filters_only = request("", Sort::kNewest);
    filters_only.filters.since = "2018";
    requests.push_back(filters_only);

    Searcher one((dir / "one").string());
    for (const char* layout : {"hash", "year"}) {
        Searcher sharded((dir / layout).string());
        for (const auto& r : requests) {
            SCOPED_TRACE(std::string(layout) + ": " + r.query);
            expect_same(one.search(r), sharded.search(r));
        }
        SCOPED_TRACE(layout);
        expect_same(one.similar("100_c809ca34303675c3", request("")),
                    sharded.similar("100_c809ca34303675c3", request("")));
        EXPECT_EQ(one.article("120_2bc346ec5ad6bd24"), sharded.article("120_2bc346ec5ad6bd24"));
    }
}

TEST(ShardedArchive, EachArticleInTheShardItsIdGoesTo) {
    TempDir dir;
    std::string out = build(dir / "news.db", {test::corpus_dir().string()}, ShardLayout::hashed(2));
    EXPECT_TRUE(out.starts_with(test::all_corpus_changed())) << out;
    for (const char* name : {"shard-0", "shard-1"}) {
        Xapian::Database shard((dir / "news.db" / name).string());
        EXPECT_GT(shard.get_doccount(), 0u);
        for (auto t = shard.allterms_begin("Q"); t != shard.allterms_end("Q"); ++t) {
            EXPECT_EQ(shard_name(ShardLayout::hashed(2), (*t).substr(1), std::nullopt), name);
        }
    }
    Xapian::Database meta((dir / "news.db" / "meta").string());
    EXPECT_EQ(meta.get_doccount(), 0u);
    EXPECT_EQ(meta.get_metadata(std::string(kLayoutKey)), "hash 2");
    EXPECT_NE(meta.spellings_begin(), meta.spellings_end());
    // A build without --shards keeps the layout and finds nothing to do.
    out = build(dir / "news.db", {test::corpus_dir().string()}, std::nullopt);
    EXPECT_TRUE(out.starts_with(test::no_corpus_change())) << out;
}

}  // namespace
}  // namespace newsidx
