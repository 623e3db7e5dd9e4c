// Saved searches: the file (parse, errors, atomic save, names), the state, the lock, the
// saved:NAME field processor, and `saved run --new`, on real files and the corpus database.
#include <fcntl.h>
#include <sstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "common/error.h"
#include "corpus_db.h"
#include "searcher/saved_run.h"
#include "searcher/saved_store.h"

namespace newsidx {
namespace {

// The message of the newsidx::Error that fn throws ("" if none).
template <typename Fn>
std::string error_of(Fn&& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

TEST(SavedStore, ReadsEveryKeyAndWritesWhatItReads) {
    const std::string toml = R"(# a comment
[korea]
query = "North Korea China trade"
category = ["Asia - Pacific", "World"]
author = "Daniel Cho"
dateline = ["SEOUL"]
since = "2025-01"
until = "today"
sort = "newest"
limit = 20
facets = ["category", "year"]

[energy_2]
category = "Energy"
)";
    SavedSearches searches = parse_saved_searches(toml, "s.toml");
    ASSERT_EQ(searches.size(), 2u);
    const SavedSearch& k = searches.at("korea");
    EXPECT_EQ(k.query, "North Korea China trade");
    EXPECT_EQ(k.filters.categories, (std::vector<std::string>{"Asia - Pacific", "World"}));
    EXPECT_EQ(k.filters.authors, std::vector<std::string>{"Daniel Cho"});  // one string
    EXPECT_EQ(k.filters.datelines, std::vector<std::string>{"SEOUL"});
    EXPECT_EQ(k.filters.since, "2025-01");
    EXPECT_EQ(k.filters.until, "today");
    EXPECT_EQ(k.sort, Sort::kNewest);
    EXPECT_EQ(k.limit, 20u);
    EXPECT_EQ(k.facets, (std::vector<std::string>{"category", "year"}));
    EXPECT_EQ(searches.at("energy_2").query, "");

    // Quotes, backslashes, control characters and non-ASCII text survive a round trip.
    searches["odd"].query = "\"black sea\" \\ tab\there\nTürkiye \x01 end";
    EXPECT_EQ(parse_saved_searches(format_saved_searches(searches), "s.toml"), searches);
}

TEST(SavedStore, ReportsProblemsWithFileAndLine) {
    struct Row {
        std::string toml, message;
    };
    const Row rows[] = {
        {"[korea]\nquery = \"kim\n", "s.toml:2: "},  // toml++'s own words follow
        {"[korea]\nquery = \"kim\"\nlimt = 3\n",
         "s.toml:3: unknown key limt in saved search korea (known: query, category, author, "
         "dateline, language, since, until, sort, limit, facets)"},
        {"[korea]\nquery = \"kim\"\nlimit = \"ten\"\n",
         "s.toml:3: korea.limit: not a number of results (0 to 10000)"},
        {"[korea]\nquery = \"kim\"\nlimit = 10001\n",
         "s.toml:3: korea.limit: not a number of results (0 to 10000)"},
        {"[korea]\nquery = \"kim\"\nlimit = -1\n",
         "s.toml:3: korea.limit: not a number of results (0 to 10000)"},
        {"[korea]\nquery = 3\n", "s.toml:2: korea.query: not a string"},
        {"[korea]\ncategory = [1]\n",
         "s.toml:2: korea.category: not a string or an array of strings"},
        {"[korea]\nquery = \"kim\"\nsort = \"best\"\n",
         "s.toml:3: korea.sort: not relevance, newest or oldest"},
        {"[korea]\nquery = \"kim\"\nfacets = [\"colour\"]\n",
         "s.toml:3: korea.facets: no facet named colour"},
        {"[korea]\nquery = \"kim\"\n\nsince = \"2025-02-31\"\n",
         "s.toml:4: korea.since: impossible date 2025-02-31"},
        {"\n[\"north korea\"]\nquery = \"kim\"\n",
         "s.toml:2: bad saved search name \"north korea\": use up to 64 letters, digits, - and _"},
        {"query = \"kim\"\n",
         "s.toml:1: query is not a saved search: write [query] above its keys"},
        {"\n\n[empty]\n",
         "s.toml:3: saved search empty has nothing to search for: give it a query or a filter"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.toml);
        std::string message = error_of([&] { parse_saved_searches(row.toml, "s.toml"); });
        EXPECT_EQ(message.substr(0, row.message.size()), row.message) << message;
    }
}

TEST(SavedStore, NamesAreLettersDigitsHyphensAndUnderscores) {
    for (const char* good : {"korea", "Korea-2025", "a_b", "x", "0"}) {
        EXPECT_NO_THROW(check_saved_name(good)) << good;
    }
    for (std::string bad : {"", "north korea", "a.b", "a/b", "Türkiye", "a:b", "-", "a\nb"}) {
        if (bad == "-") {
            continue;  // "-" is a name like any other
        }
        EXPECT_THROW(check_saved_name(bad), Error) << bad;
    }
    EXPECT_NO_THROW(check_saved_name(std::string(64, 'a')));
    EXPECT_THROW(check_saved_name(std::string(65, 'a')), Error);
}

TEST(SavedStore, MissingFilesHoldNothing) {
    test::TempDir dir;
    SavedStore store((dir / "none.toml").string());
    EXPECT_TRUE(store.load().empty());
    EXPECT_TRUE(store.load_reported().empty());
    EXPECT_EQ(SavedStore::default_path("data/news.db/"), "data/news.db.saved.toml");
}

// Regression: issue #15 (9), the saved searches went inside the database folder, and a
// compact deleted them.
TEST(SavedStore, DefaultPathIsBesideTheDatabaseFolderHoweverItIsNamed) {
    test::TempDir dir;
    std::filesystem::create_directories(dir / "news.db" / "shard-0");
    dir.write("news.db/XAPIANDB", "auto shard-0\n");
    std::string beside = (dir / "news.db.saved.toml").string();
    std::string db = (dir / "news.db").string();
    EXPECT_EQ(SavedStore::default_path(db + "/."), beside);
    EXPECT_EQ(SavedStore::default_path(db + "//./"), beside);
    EXPECT_EQ(SavedStore::default_path(db + "/XAPIANDB"), beside);
    EXPECT_EQ(SavedStore::default_path(db + "/shard-0/.."), beside);
    EXPECT_EQ(SavedStore::default_path("news.stub"), "news.stub.saved.toml");  // as typed
    EXPECT_EQ(SavedStore::default_path("./news.db"), "news.db.saved.toml");
    struct Cwd {
        std::filesystem::path old = std::filesystem::current_path();
        ~Cwd() { std::filesystem::current_path(old); }
    } cwd;
    std::filesystem::current_path(dir / "news.db");
    EXPECT_EQ(SavedStore::default_path("."), beside);
    EXPECT_EQ(SavedStore::default_path("XAPIANDB"), beside);
    std::filesystem::current_path(dir / "news.db" / "shard-0");
    EXPECT_EQ(SavedStore::default_path(".."), beside);
}

TEST(SavedStore, RefusesAFileInsideADatabaseFolder) {
    test::TempDir dir;
    std::filesystem::create_directories(dir / "one.db");
    dir.write("one.db/iamglass", "");
    std::filesystem::create_directories(dir / "archive" / "shard-0");
    dir.write("archive/XAPIANDB", "auto shard-0\n");
    for (const char* inside : {"one.db/s.toml", "archive/s.toml", "archive/shard-0/s.toml",
                               "archive/new/folder/s.toml"}) {
        SCOPED_TRACE(inside);
        std::string path = (dir / inside).string();
        try {
            SavedStore store(path);
            ADD_FAILURE() << "not refused";
        } catch (const Error& e) {
            EXPECT_TRUE(std::string(e.what()).starts_with("saved-search file " + path +
                                                          " is inside the database folder "))
                << e.what();
        }
    }
    EXPECT_NO_THROW(SavedStore((dir / "one.db.saved.toml").string()));
}

TEST(SavedStore, SavesAtomicallyKeepingModeAndFollowingLinks) {
    test::TempDir dir;
    auto path = dir / "s.toml";
    SavedStore store(path.string());
    SavedSearches searches;
    searches["korea"].query = "north korea";
    {
        SavedStore::Lock lock(store);
        store.save(searches);
    }
    EXPECT_EQ(store.load(), searches);
    chmod(path.c_str(), 0600);
    searches["gas"].filters.categories = {"Energy"};
    store.save(searches);
    EXPECT_EQ(store.load(), searches);
    struct stat st {};
    ASSERT_EQ(stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    // Nothing is left beside it but the lock.
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"s.toml", "s.toml.lock"}));

    // A link (a file kept in a repository elsewhere) stays a link; its target changes.
    auto link = dir / "link.toml";
    std::filesystem::create_symlink(path, link);
    searches.erase("gas");
    SavedStore(link.string()).save(searches);
    EXPECT_TRUE(std::filesystem::is_symlink(link));
    EXPECT_EQ(store.load(), searches);

    // A folder that is not there: an error naming the file, and nothing written.
    SavedStore nowhere((dir / "no" / "s.toml").string());
    EXPECT_NE(error_of([&] { nowhere.save(searches); }).find("cannot write " + nowhere.path()),
              std::string::npos);
}

TEST(SavedStore, KeepsReportedIdsAndRefusesABrokenStateFile) {
    test::TempDir dir;
    SavedStore store((dir / "s.toml").string());
    ReportedIds reported{{"korea", {"b", "a"}}, {"gas", {}}, {"x", {"c"}}};
    store.save_reported(reported);
    EXPECT_EQ(test::read_file(store.state_path()),
              "{\"saved\":\"korea\",\"reported\":[\"a\",\"b\"]}\n"
              "{\"saved\":\"x\",\"reported\":[\"c\"]}\n");
    reported.erase("gas");
    EXPECT_EQ(store.load_reported(), reported);
    dir.write("s.toml.state", "{\"saved\":\"korea\",\"reported\":[]}\n{\"saved\":\n");
    EXPECT_EQ(error_of([&] { store.load_reported(); }).substr(0, store.state_path().size() + 3),
              store.state_path() + ":2:");
}

TEST(SavedStore, TheLockIsExclusive) {
    test::TempDir dir;
    SavedStore store((dir / "s.toml").string());
    int fd = open((dir / "s.toml.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    ASSERT_GE(fd, 0);
    {
        SavedStore::Lock lock(store);
        EXPECT_NE(flock(fd, LOCK_EX | LOCK_NB), 0);  // another open file: another holder
    }
    EXPECT_EQ(flock(fd, LOCK_EX | LOCK_NB), 0);
    close(fd);
}

// saved:NAME, through the real QueryParser and the corpus database.
class SavedQueryTest : public ::testing::Test {
  protected:
    SearchResult search(const std::string& query, size_t limit = 100) {
        Searcher searcher(test::corpus_db().string(), {}, lookup_in(searches_));
        SearchRequest request;
        request.query = query;
        request.limit = limit;
        return searcher.search(request);
    }

    static std::vector<std::pair<std::string, double>> ranked(const SearchResult& result) {
        std::vector<std::pair<std::string, double>> out;
        for (const auto& hit : result.hits) {
            out.emplace_back(hit.article.id, hit.score);
        }
        return out;
    }

    void save(const std::string& name, const std::string& query, Filters filters = {}) {
        searches_[name].query = query;
        searches_[name].filters = std::move(filters);
    }

    SavedSearches searches_;
};

TEST_F(SavedQueryTest, WeighsAsTheQueryItselfAndCombinesWithAnything) {
    save("korea", "north korea");
    for (auto [saved, typed] :
         {std::pair{"saved:korea", "north korea"},
          std::pair{"saved:korea AND date:2019..", "(north korea) date:2019.."},
          std::pair{"missiles saved:korea", "missiles north korea"},
          std::pair{"saved:korea NOT title:korea", "north korea NOT title:korea"}}) {
        SCOPED_TRACE(saved);
        auto expected = ranked(search(typed));
        ASSERT_FALSE(expected.empty());
        auto got = ranked(search(saved));
        ASSERT_EQ(got.size(), expected.size());
        for (size_t i = 0; i < got.size(); ++i) {
            EXPECT_EQ(got[i].first, expected[i].first);
            EXPECT_NEAR(got[i].second, expected[i].second, 1e-9);
        }
    }
}

TEST_F(SavedQueryTest, KeepsItsFiltersToItself) {
    Filters energy;
    energy.categories = {"Energy"};
    save("energy", "", energy);  // filters only
    auto in_energy = search("saved:energy");
    ASSERT_GT(in_energy.total, 0u);
    for (const auto& hit : in_energy.hits) {
        EXPECT_EQ(hit.article.category, "Energy");
    }
    // ORed with a word, the filter does not restrict the word's matches.
    auto glacier = search("glacier");
    auto either = search("saved:energy OR glacier");
    EXPECT_EQ(either.total, in_energy.total + glacier.total);
}

TEST_F(SavedQueryTest, NestsAndRefusesCyclesAndUnknownNames) {
    save("korea", "north korea");
    save("gas", "title:gas");
    save("both", "saved:korea OR saved:gas");
    save("outer", "saved:both date:2020..");
    EXPECT_EQ(ranked(search("saved:outer")),
              ranked(search("(north korea OR title:gas) date:2020..")));

    save("a", "saved:b kim");
    save("b", "missiles OR saved:c");
    save("c", "saved:a");
    save("self", "kim OR saved:self");
    save("lost", "kim saved:nowhere");
    struct Row {
        std::string query, message;
    };
    const Row rows[] = {
        {"saved:a", "saved search a refers to itself: a -> b -> c -> a"},
        {"pipeline OR saved:c", "saved search c refers to itself: c -> a -> b -> c"},
        {"saved:self", "saved search self refers to itself: self -> self"},
        {"saved:nowhere", "no saved search named nowhere"},
        {"saved:lost", "saved search lost: no saved search named nowhere"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.query);
        EXPECT_EQ(error_of([&] { search(row.query); }), row.message);
    }
    // The builder is not left in error: the next query works.
    Searcher searcher(test::corpus_db().string(), {}, lookup_in(searches_));
    SearchRequest request;
    request.query = "saved:a";
    EXPECT_THROW(searcher.search(request), QueryError);
    request.query = "saved:korea";
    EXPECT_GT(searcher.search(request).total, 0u);
}

// Regression: issue #15 (13), saved searches of date ranges referring to each other
// multiplied without bound: ranges did not count, and the bound was checked at the end.
TEST_F(SavedQueryTest, ExpansionsAndDateRangesCountTowardsTheBound) {
    auto twenty = [](const std::string& each) {
        std::string out;
        for (int i = 1; i <= 20; ++i) {
            out += (i > 1 ? " OR " : "") + each +
                   (each.starts_with("date:") ? std::to_string(2000 + i) : "");
        }
        return out;
    };
    save("r1", twenty("date:2001.."));
    save("r2", twenty("saved:r1"));
    save("r3", twenty("saved:r2"));
    save("r4", twenty("saved:r3"));
    Filters since;
    since.since = "2019";
    save("since", "kim", since);
    save("many", twenty("saved:since"));
    EXPECT_GT(search("saved:r2").total, 0u);  // 400 ranges
    EXPECT_GT(search("saved:many").total, 0u);
    struct Row {
        std::string query, message;
    };
    const std::string bound = " words once saved:r2 is expanded (at most 1000)";
    const Row rows[] = {
        {"saved:r3", "saved search r3: query too long: more than 1000" + bound},
        {"saved:r4", "saved search r3: query too long: more than 1000" + bound},
        {"saved:r2 OR saved:r2 OR saved:r2",
         "query too long: more than 1000 words once saved:r2 is expanded (at most 1000)"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.query);
        EXPECT_EQ(error_of([&] { search(row.query); }), row.message);
    }
    // The next query is not refused.
    EXPECT_GT(search("saved:r2").total, 0u);
}

TEST_F(SavedQueryTest, HighlightsWhatWildcardsOfSavedSearchesMatched) {
    save("pyong", "pyong*");
    auto result = search("saved:pyong", 1);
    ASSERT_FALSE(result.hits.empty());
    EXPECT_FALSE(result.hits[0].snippet.highlights.empty());
}

// `saved` commands through run_saved(), as the binary runs them.
class SavedRunTest : public ::testing::Test {
  protected:
    SavedRunTest() {
        opts_.db_path = test::corpus_db().string();
        opts_.saved_file = (dir_ / "saved.toml").string();
        opts_.format = Format::kIds;
    }

    int run(SavedCommand command, std::ostream& out) {
        std::ostringstream err;
        return run_saved(opts_, command, out, err);
    }

    std::pair<int, std::string> run(SavedCommand command) {
        std::ostringstream out;
        int status = run(std::move(command), out);
        return {status, out.str()};
    }

    static SavedCommand command(SavedVerb verb, std::string name, std::string query = "") {
        SavedCommand c;
        c.verb = verb;
        c.name = std::move(name);
        if (!query.empty()) {
            c.change.query = query;
        }
        return c;
    }

    static SavedCommand run_new(std::string name) {
        SavedCommand c = command(SavedVerb::kRun, std::move(name));
        c.only_new = true;
        return c;
    }

    test::TempDir dir_;
    SearchOptions opts_;
};

TEST_F(SavedRunTest, NewReportsEachMatchOnceNewestFirstUntilReset) {
    ASSERT_EQ(run(command(SavedVerb::kAdd, "korea", "north korea")).first, kExitOk);
    auto [status, first] = run(run_new("korea"));
    EXPECT_EQ(status, kExitOk);
    // Every match, newest first: the order of --sort newest with no limit.
    SavedCommand all = command(SavedVerb::kRun, "korea");
    all.change.values.sort = Sort::kNewest;
    all.change.values.limit = 1000;
    all.change.give("sort");
    all.change.give("limit");
    EXPECT_EQ(first, run(all).second);
    EXPECT_EQ(run(run_new("korea")), (std::pair<int, std::string>{kExitNoMatch, ""}));
    ASSERT_EQ(run(command(SavedVerb::kReset, "korea")).first, kExitOk);
    EXPECT_EQ(run(run_new("korea")).second, first);
}

TEST_F(SavedRunTest, AFailedWriteReportsNothing) {
    ASSERT_EQ(run(command(SavedVerb::kAdd, "korea", "north korea")).first, kExitOk);
    std::ostringstream broken;
    broken.setstate(std::ios::badbit);  // as a closed pipe or a full disk leaves std::cout
    EXPECT_EQ(error_of([&] { run(run_new("korea"), broken); }), "cannot write output");
    auto [status, ids] = run(run_new("korea"));
    EXPECT_EQ(status, kExitOk);
    EXPECT_FALSE(ids.empty());
}

TEST_F(SavedRunTest, AddEditAndRmCheckNamesAndReferences) {
    EXPECT_EQ(run(command(SavedVerb::kAdd, "korea", "north korea")).first, kExitOk);
    EXPECT_EQ(error_of([&] { run(command(SavedVerb::kAdd, "korea", "kim")); }),
              "saved search korea exists already: change it with saved edit");
    EXPECT_EQ(error_of([&] { run(command(SavedVerb::kAdd, "a.b", "kim")); }),
              "bad saved search name \"a.b\": use up to 64 letters, digits, - and _");
    EXPECT_EQ(error_of([&] { run(command(SavedVerb::kAdd, "d", "kim date:2025-02-31")); }),
              "saved search d: impossible date 2025-02-31");
    ASSERT_EQ(run(command(SavedVerb::kAdd, "asia", "saved:korea")).first, kExitOk);

    // A change that would make a cycle is refused, and the file is left as it was.
    std::string before = test::read_file(opts_.saved_file);
    EXPECT_EQ(error_of([&] { run(command(SavedVerb::kEdit, "korea", "saved:asia")); }),
              "saved search korea refers to itself: korea -> asia -> korea");
    EXPECT_EQ(test::read_file(opts_.saved_file), before);

    // edit replaces what it is given, and an empty value clears a filter.
    SavedCommand edit = command(SavedVerb::kEdit, "korea");
    edit.change.values.filters.categories = {"Asia - Pacific"};
    edit.change.values.sort = Sort::kOldest;
    edit.change.give("category");
    edit.change.give("sort");
    ASSERT_EQ(run(edit).first, kExitOk);
    SavedSearch korea = SavedStore(opts_.saved_file).load().at("korea");
    EXPECT_EQ(korea.query, "north korea");
    EXPECT_EQ(korea.filters.categories, std::vector<std::string>{"Asia - Pacific"});
    EXPECT_EQ(korea.sort, Sort::kOldest);
    edit = command(SavedVerb::kEdit, "korea");
    edit.change.values.filters.categories = {""};
    edit.change.give("category");
    ASSERT_EQ(run(edit).first, kExitOk);
    EXPECT_TRUE(SavedStore(opts_.saved_file).load().at("korea").filters.categories.empty());

    EXPECT_EQ(error_of([&] { run(command(SavedVerb::kRm, "korea")); }),
              "saved search asia uses saved:korea: change or remove asia first");
    EXPECT_EQ(run(command(SavedVerb::kRm, "asia")).first, kExitOk);
    EXPECT_EQ(run(command(SavedVerb::kRm, "korea")).first, kExitOk);
    EXPECT_EQ(error_of([&] { run(command(SavedVerb::kShow, "korea")); }),
              "no saved search named korea");
    EXPECT_EQ(run(command(SavedVerb::kList, "")), (std::pair<int, std::string>{kExitNoMatch, ""}));
}

TEST_F(SavedRunTest, AllTagsEachResultWithItsSavedSearch) {
    ASSERT_EQ(run(command(SavedVerb::kAdd, "korea", "north korea")).first, kExitOk);
    ASSERT_EQ(run(command(SavedVerb::kAdd, "nothing", "xylophonequartz")).first, kExitOk);
    opts_.format = Format::kJsonl;
    SavedCommand all = run_new("");
    all.all = true;
    auto [status, lines] = run(all);
    EXPECT_EQ(status, kExitOk);
    std::istringstream in(lines);
    size_t count = 0;
    for (std::string line; std::getline(in, line); ++count) {
        EXPECT_EQ(line.substr(0, 17), "{\"saved\":\"korea\",") << line;
    }
    EXPECT_GT(count, 0u);
    opts_.format = Format::kJson;
    EXPECT_EQ(run(all), (std::pair<int, std::string>{kExitNoMatch, ""}));  // nothing new
}

}  // namespace
}  // namespace newsidx
