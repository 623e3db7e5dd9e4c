#include "indexer/build.h"

#include <chrono>
#include <map>
#include <sstream>

#include <gtest/gtest.h>
#include <xapian.h>

#include "common/error.h"
#include "test_util.h"

namespace newsidx {
namespace {

using test::TempDir;

int build(const std::filesystem::path& db, std::vector<std::string> inputs, unsigned jobs = 2,
          std::string* out_text = nullptr, std::string* err_text = nullptr,
          bool keep_removed = false, size_t shard_min_files = 2000) {
    BuildOptions opts;
    opts.shard_min_files = shard_min_files;
    opts.db_path = db.string();
    opts.inputs = std::move(inputs);
    opts.jobs = jobs;
    opts.keep_removed = keep_removed;
    std::ostringstream out, err;
    int code = run_build(opts, out, err);
    if (out_text) {
        *out_text = out.str();
    }
    if (err_text) {
        *err_text = err.str();
    }
    return code;
}

// Every document: its data, terms with wdf and positions, values; in docid order.
std::string dump(const std::filesystem::path& path) {
    Xapian::Database db(path.string());
    std::ostringstream s;
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
        Xapian::Document doc = db.get_document(*d);
        s << *d << ' ' << doc.get_data() << '\n';
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            s << ' ' << *t << ':' << t.get_wdf();
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
                s << ',' << *p;
            }
        }
        for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
            s << " v" << v.get_valueno() << '=' << *v;
        }
        s << '\n';
    }
    return s.str();
}

// The name and content of every file under `dir`.
std::map<std::string, std::string> files_in(const std::filesystem::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) {
            files[entry.path().string()] = test::read_file(entry.path());
        }
    }
    return files;
}

Xapian::doccount count(const std::filesystem::path& db) {
    return Xapian::Database(db.string()).get_doccount();
}

TEST(Build, ContentDoesNotDependOnJobs) {
    TempDir dir;
    std::string corpus = test::corpus_dir().string();
    ASSERT_EQ(build(dir / "one", {corpus}, 1), 0);
    ASSERT_EQ(build(dir / "four", {corpus}, 4), 0);
    EXPECT_EQ(count(dir / "one"), test::corpus_article_count());
    EXPECT_EQ(dump(dir / "one"), dump(dir / "four"));
}

TEST(Build, ShardedFirstBuildGivesTheSingleWriterDatabase) {
    TempDir dir;
    std::string corpus = test::corpus_dir().string();
    ASSERT_EQ(build(dir / "one", {corpus}, 1), 0);
    std::string out;
    ASSERT_EQ(build(dir / "shards", {corpus}, 3, &out, nullptr, false, 0), 0);
    EXPECT_TRUE(out.starts_with(test::all_corpus_changed())) << out;
    EXPECT_EQ(dump(dir / "one"), dump(dir / "shards"));
    EXPECT_FALSE(std::filesystem::exists(dir / "shards.import"));
    // And it is an ordinary database: a second build finds nothing to do.
    ASSERT_EQ(build(dir / "shards", {corpus}, 3, &out, nullptr, false, 0), 0);
    EXPECT_TRUE(out.starts_with(test::no_corpus_change())) << out;
}

TEST(Build, ShardedBuildKeepsTheLaterOfTwoArticlesWithOneId) {
    TempDir dir;
    std::filesystem::create_directory(dir / "in");
    std::string text = test::read_file(test::corpus_dir() / "100_c809ca34303675c3.txt");
    for (const char* sub : {"a", "b", "c"}) {
        std::filesystem::create_directory(dir / "in" / sub);
        std::ofstream(dir / "in" / sub / "same.txt", std::ios::binary) << text;
    }
    std::string out, err;
    ASSERT_EQ(build(dir / "db", {(dir / "in").string()}, 3, &out, &err, false, 0), 0) << err;
    Xapian::Database db((dir / "db").string());
    EXPECT_EQ(db.get_doccount(), 1u);
    EXPECT_NE(db.get_document(*db.postlist_begin("Qsame")).get_data().find("in/c/same.txt"),
              std::string::npos);
}

TEST(Build, SecondRunOverUnchangedFilesChangesNothing) {
    TempDir dir;
    std::string corpus = test::corpus_dir().string();
    ASSERT_EQ(build(dir / "db", {corpus}), 0);
    std::string before = dump(dir / "db"), out;
    ASSERT_EQ(build(dir / "db", {corpus}, 2, &out), 0);
    EXPECT_TRUE(out.starts_with(test::no_corpus_change() + ", 0 removed, 0 skipped")) << out;
    EXPECT_EQ(dump(dir / "db"), before);
}

TEST(Build, RereadsChangedFilesAndRemovesVanishedOnes) {
    TempDir dir;
    std::filesystem::create_directory(dir / "in");
    for (const char* name : {"100_c809ca34303675c3.txt", "103_7b86262ef9f8157a.txt"}) {
        std::filesystem::copy(test::corpus_dir() / name, dir / "in" / name);
    }
    std::string in = (dir / "in").string(), out;
    ASSERT_EQ(build(dir / "db", {in}), 0);

    // Touched but the same bytes: confirmed by the hash, not rewritten.
    auto a = dir / "in" / "100_c809ca34303675c3.txt";
    std::filesystem::last_write_time(a, std::filesystem::file_time_type::clock::now());
    ASSERT_EQ(build(dir / "db", {in}, 2, &out), 0);
    EXPECT_TRUE(out.starts_with("0 changed, 2 unchanged")) << out;

    // Changed: re-read and replaced.
    std::string text = test::read_file(a);
    text.replace(text.find("North Korea"), 11, "Ruritania");
    std::ofstream(a, std::ios::binary) << text;
    ASSERT_EQ(build(dir / "db", {in}, 2, &out), 0);
    EXPECT_TRUE(out.starts_with("1 changed, 1 unchanged")) << out;
    EXPECT_EQ(count(dir / "db"), 2u);
    EXPECT_GT(Xapian::Database((dir / "db").string()).get_termfreq("ruritania"), 0u);

    // Removed from the folder: removed from the index, unless --keep-removed.
    std::filesystem::remove(a);
    ASSERT_EQ(build(dir / "db", {in}, 2, &out, nullptr, true), 0);
    EXPECT_EQ(count(dir / "db"), 2u);
    ASSERT_EQ(build(dir / "db", {in}, 2, &out), 0);
    EXPECT_TRUE(out.starts_with("0 changed, 1 unchanged, 1 removed")) << out;
    EXPECT_EQ(count(dir / "db"), 1u);
}

TEST(Build, JsonlLinesReplaceByIdAndSkipBadLines) {
    TempDir dir;
    auto feed = dir.write("feed.jsonl", R"({"id":"a","title":"Alpha pipeline","body":"One."})"
                                        "\n\n"
                                        R"({"id":"b","title":"Beta"})"
                                        "\n{broken\n"
                                        R"({"id":"c"})"
                                        "\n");
    std::string out, err;
    EXPECT_EQ(build(dir / "db", {feed.string()}, 2, &out, &err), 2);
    EXPECT_NE(err.find(feed.string() + ":4: invalid JSON"), std::string::npos) << err;
    EXPECT_NE(err.find(feed.string() + ":5: missing title"), std::string::npos) << err;
    EXPECT_EQ(count(dir / "db"), 2u);

    // Fixed file: the same lines are not rewritten, a changed one replaces its article, and
    // an id no longer in the file is removed.
    dir.write("feed.jsonl", R"({"id":"a","title":"Alpha pipeline","body":"One."})"
                            "\n\n"
                            R"({"id":"c","title":"Gamma"})"
                            "\n");
    EXPECT_EQ(build(dir / "db", {feed.string()}, 2, &out, &err), 0) << err;
    EXPECT_TRUE(out.starts_with("1 changed, 1 unchanged, 1 removed")) << out;
    Xapian::Database db((dir / "db").string());
    EXPECT_EQ(db.get_doccount(), 2u);
    EXPECT_EQ(db.get_termfreq("Qb"), 0u);
    EXPECT_EQ(db.get_termfreq("Qc"), 1u);
}

// A file or JSON line over --max-article-size is skipped with its reason, however long (the
// rest is read, not kept); the others are indexed; a change to the long line is still seen.
TEST(Build, SkipsArticlesOverTheSizeLimit) {
    TempDir dir;
    auto article = [](const std::string& id, size_t body_bytes) {
        return R"({"id":")" + id + R"(","title":"Harbour )" + id + R"(","body":")" +
               std::string(body_bytes, 'x') + "\"}\n";
    };
    auto feed = dir.write("feed.jsonl", article("a", 10) + article("b", 3000) + article("c", 10));
    auto page = dir.write("big.txt", "World\n\n" + std::string(3000, 'y') + "\n");
    BuildOptions opts;
    opts.db_path = (dir / "db").string();
    opts.inputs = {feed.string(), page.string()};
    opts.max_article_bytes = 1000;
    std::ostringstream out, err;
    EXPECT_EQ(run_build(opts, out, err), 2);
    EXPECT_NE(err.str().find(feed.string() + ":2: line too long (over 1000 bytes"),
              std::string::npos)
        << err.str();
    EXPECT_NE(err.str().find(page.string() + ": file too large (over 1000 bytes"),
              std::string::npos)
        << err.str();
    EXPECT_EQ(count(dir / "db"), 2u);

    dir.write("feed.jsonl", article("a", 10) + article("b", 3001) + article("c", 10));
    std::ostringstream out2, err2;
    opts.max_article_bytes = 4000;
    EXPECT_EQ(run_build(opts, out2, err2), 2) << err2.str();  // big.txt is still not a page
    EXPECT_EQ(count(dir / "db"), 3u);
}

// newsidx never writes into what is not its own: another program's Xapian database, or a
// folder of other files (where Xapian would add its files).
// Lines are read in pieces of 64 KiB: lines around a piece's size, and a last line without
// its newline, are read whole, and hashed alike each time.
TEST(Build, ReadsLongJsonLinesWhole) {
    TempDir dir;
    std::string feed;
    for (size_t length : {65534, 65535, 65536, 65537, 200000}) {
        std::string id = std::to_string(length);
        std::string start = R"({"id":")" + id + R"(","title":"Long )" + id + R"(","body":")";
        feed += start + std::string(length - start.size() - 2, 'z') + "\"}\n";
    }
    feed += R"({"id":"last","title":"No newline"})";
    auto path = dir.write("feed.jsonl", feed);
    std::string out, err;
    ASSERT_EQ(build(dir / "db", {path.string()}, 2, &out, &err), 0) << err;
    EXPECT_EQ(count(dir / "db"), 6u);
    Xapian::Database db((dir / "db").string());
    EXPECT_EQ(db.get_termfreq("Q65536"), 1u);
    EXPECT_EQ(db.get_termfreq("Qlast"), 1u);
    // Touched, not changed: the content hash is the same, nothing is rewritten.
    std::filesystem::last_write_time(
        path, std::filesystem::last_write_time(path) + std::chrono::seconds(5));
    ASSERT_EQ(build(dir / "db", {path.string()}, 2, &out, &err), 0) << err;
    EXPECT_TRUE(out.starts_with("0 changed")) << out;
}

TEST(Build, RefusesToWriteIntoWhatIsNotItsOwn) {
    TempDir dir;
    {
        Xapian::WritableDatabase other((dir / "other").string(), Xapian::DB_CREATE);
        Xapian::Document doc;
        doc.add_term("kim");
        other.add_document(doc);
        other.commit();
    }
    std::filesystem::create_directory(dir / "docs");
    dir.write("docs/letter.odt", "hi");
    auto page = test::corpus_dir() / "100_c809ca34303675c3.txt";
    for (auto [db, why] : {std::pair{"other", "is not a newsidx database"},
                           std::pair{"docs", "a folder of other files (letter.odt)"}}) {
        SCOPED_TRACE(db);
        auto files_before = files_in(dir / db);
        std::string out, err;
        EXPECT_THROW(
            try { build(dir / db, {page.string()}, 1, &out, &err); } catch (const Error& e) {
                EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
                throw;
            },
            Error);
        EXPECT_EQ(files_in(dir / db), files_before);
    }
    EXPECT_EQ(count(dir / "other"), 1u);
}

TEST(Build, SecondBuildOnALockedDatabaseFailsClearly) {
    TempDir dir;
    Xapian::WritableDatabase holder((dir / "db").string(), Xapian::DB_CREATE);
    try {
        build(dir / "db", {test::corpus_dir().string()});
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("locked by another build"), std::string::npos);
    }
}

}  // namespace
}  // namespace newsidx
