#include "searcher/search.h"

#include <algorithm>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "common/aa_reader.h"
#include "common/error.h"
#include "corpus_db.h"
#include "searcher/printer.h"
#include "searcher/run.h"

namespace newsidx {
namespace {

SearchRequest request(std::string query, size_t offset = 0, size_t limit = 10) {
    SearchRequest r;
    r.query = std::move(query);
    r.offset = offset;
    r.limit = limit;
    return r;
}

// Builds a database of the JSON Lines `feed` in `dir`; returns its path.
std::string build_feed(test::TempDir& dir, const std::string& feed) {
    BuildOptions opts;
    opts.db_path = (dir / "db").string();
    opts.inputs = {dir.write("feed.jsonl", feed).string()};
    std::ostringstream out, err;
    EXPECT_EQ(run_build(opts, out, err), kExitOk) << err.str();
    return opts.db_path;
}

std::vector<std::string> ids(const SearchResult& result) {
    std::vector<std::string> out;
    for (const auto& hit : result.hits) {
        out.push_back(hit.article.id);
    }
    return out;
}

TEST(Search, TitleMatchOutranksBodyOnlyMatch) {
    Searcher searcher(test::corpus_db().string());
    // corpus/README.md: "pipeline" is in the title of 102 only; "glacier" in the title of 103
    // and only the body of 125.
    for (auto [word, title_id] : {std::pair{"pipeline", "102_ce06b15e1832e038"},
                                  std::pair{"glacier", "103_7b86262ef9f8157a"}}) {
        SCOPED_TRACE(word);
        auto result = searcher.search(request(word, 0, 10));
        ASSERT_GE(result.hits.size(), 2u);
        EXPECT_EQ(result.hits[0].article.id, title_id);
    }
}

TEST(Search, FieldsRestrictWhereAWordMatches) {
    Searcher searcher(test::corpus_db().string());
    auto all = searcher.search(request("pipeline", 0, 100));
    auto title = searcher.search(request("title:pipeline", 0, 100));
    EXPECT_EQ(ids(title), std::vector<std::string>{"102_ce06b15e1832e038"});
    EXPECT_GT(all.total, title.total);
    auto by_author = searcher.search(request("author:gokce", 0, 100));
    ASSERT_GT(by_author.total, 0u);
    for (const auto& hit : by_author.hits) {
        bool found = false;
        for (const auto& a : hit.article.authors) {
            found |= a.find("Gök") != std::string::npos;
        }
        EXPECT_TRUE(found) << hit.article.id;
    }
    auto dateline = searcher.search(request("dateline:zurich", 0, 100));
    ASSERT_GT(dateline.total, 0u);
    for (const auto& hit : dateline.hits) {
        EXPECT_EQ(hit.article.dateline, "ZÜRICH");
    }
    auto category = searcher.search(request("category:\"Asia - Pacific\"", 0, 100));
    ASSERT_GT(category.total, 0u);
    for (const auto& hit : category.hits) {
        EXPECT_EQ(hit.article.category, "Asia - Pacific");
    }
}

TEST(Search, DateRangesIncludeTheirEnds) {
    Searcher searcher(test::corpus_db().string());
    auto check = [&](const std::string& query, Date first, Date last) {
        SCOPED_TRACE(query);
        auto result = searcher.search(request(query, 0, 1000));
        ASSERT_GT(result.total, 0u);
        EXPECT_EQ(result.total, result.hits.size());
        for (const auto& hit : result.hits) {
            ASSERT_TRUE(hit.article.published);
            EXPECT_GE(*hit.article.published, first);
            EXPECT_LE(*hit.article.published, last);
        }
    };
    check("date:2019", {2019, 1, 1}, {2019, 12, 31});
    check("date:2020-02", {2020, 2, 1}, {2020, 2, 29});
    check("date:2020-02-29", {2020, 2, 29}, {2020, 2, 29});
    check("date:2019-01..2019-06", {2019, 1, 1}, {2019, 6, 30});
    check("date:2026-01-20..", {2026, 1, 20}, {9999, 12, 31});
    check("date:..2016", {1900, 1, 1}, {2016, 12, 31});
    check("climate date:2021..2022", {2021, 1, 1}, {2022, 12, 31});
    EXPECT_EQ(searcher.search(request("date:2019-01..2019-06", 0, 100)).total, 3u);
}

// Regression: issue #15 (14), `-glacier` alone found the glacier articles: Xapian's
// QueryParser cannot "just hate" and then searched the words without their signs.
TEST(Search, APurelyNegativeQueryMatchesEveryOtherArticle) {
    Searcher searcher(test::corpus_db().string());
    SearchRequest all;
    all.filters.since = "1000";
    Xapian::doccount total = searcher.count(all);
    struct Row {
        std::string negative, positive;
    };
    const Row rows[] = {
        {"-glacier", "glacier"},
        {"NOT glacier", "glacier"},
        {"-glacier -pipeline", "glacier OR pipeline"},
        {"-Pipeline*", "pipeline*"},
        {"-\"black sea\"", "\"black sea\""},
        {"-title:glacier", "title:glacier"},
        {"-category:energy", "category:energy"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.negative);
        Xapian::doccount positive = searcher.count(request(row.positive));
        ASSERT_GT(positive, 0u);
        EXPECT_EQ(searcher.count(request(row.negative)), total - positive);
        SearchResult result = searcher.search(request(row.negative, 0, 1000));
        EXPECT_EQ(result.total, total - positive);
        std::vector<std::string> found = ids(result);
        for (const auto& hit : searcher.search(request(row.positive, 0, 1000)).hits) {
            EXPECT_EQ(std::count(found.begin(), found.end(), hit.article.id), 0);
        }
    }
    // A sign before a phrase is kept beside other words too.
    EXPECT_EQ(searcher.count(request("gas -\"black sea\"")),
              searcher.count(request("gas")) - searcher.count(request("gas \"black sea\"")));
}

TEST(Search, SortsByDateEitherWay) {
    Searcher searcher(test::corpus_db().string());
    for (Sort sort : {Sort::kNewest, Sort::kOldest}) {
        SearchRequest r = request("climate", 0, 100);
        r.sort = sort;
        auto result = searcher.search(r);
        ASSERT_GT(result.hits.size(), 3u);
        for (size_t i = 1; i < result.hits.size(); ++i) {
            auto a = *result.hits[i - 1].article.published, b = *result.hits[i].article.published;
            EXPECT_TRUE(sort == Sort::kNewest ? a >= b : a <= b) << a.iso() << " " << b.iso();
        }
    }
}

// Issue 18 (2): undated articles come last in both date orders (oldest first listed them
// first), with words or filters only, on one database and on shards; and days in a row sort
// as days without weights (the sort key once let an id decide between two days).
TEST(Search, UndatedArticlesComeLastInBothDateOrders) {
    std::string feed;
    for (int i = 0; i < 12; ++i) {
        // Days in a row: their kPublished values are prefixes of one another.
        std::string date = i % 3 == 0 ? "" : "2011-01-" + std::to_string(10 + i);
        feed += R"({"id":"u)" + std::to_string(i) + R"(","title":"Harbour","body":"Harbour)" +
                std::string(i % 2, '!') + R"( news.","language":"en")" +
                (date.empty() ? "" : R"(,"published":")" + date + '"') + "}\n";
    }
    for (auto layout : {ShardLayout::single(), ShardLayout::hashed(3), ShardLayout::by_year()}) {
        test::TempDir dir;
        BuildOptions opts;
        opts.db_path = (dir / "db").string();
        opts.layout = layout;
        opts.inputs = {dir.write("feed.jsonl", feed).string()};
        std::ostringstream out, err;
        ASSERT_EQ(run_build(opts, out, err), kExitOk) << err.str();
        Searcher searcher(opts.db_path);
        for (Sort sort : {Sort::kNewest, Sort::kOldest}) {
            for (const char* query : {"harbour", "lang:en"}) {  // words, a filter only
                SearchRequest r = request(query, 0, 100);
                r.sort = sort;
                SCOPED_TRACE(std::string(query) + (sort == Sort::kNewest ? " newest" : " oldest"));
                auto result = searcher.search(r);
                ASSERT_EQ(result.hits.size(), 12u);
                for (size_t i = 0; i < result.hits.size(); ++i) {
                    // The first eight are dated, in order; the last four are not.
                    const auto& published = result.hits[i].article.published;
                    ASSERT_EQ(published.has_value(), i < 8) << result.hits[i].article.id;
                    if (i > 0 && i < 8) {
                        auto before = *result.hits[i - 1].article.published;
                        EXPECT_TRUE(sort == Sort::kNewest ? before > *published
                                                          : before < *published);
                    }
                }
            }
        }
    }
}

TEST(Search, FiltersRestrictWithoutChangingRanking) {
    Searcher searcher(test::corpus_db().string());
    auto plain = searcher.search(request("gas", 0, 100));
    SearchRequest r = request("gas", 0, 100);
    r.filters.categories = {"Energy", "economy"};  // any of them
    auto filtered = searcher.search(r);
    ASSERT_GT(filtered.total, 0u);
    ASSERT_LT(filtered.total, plain.total);
    // Same order and same scores as in the unfiltered list.
    std::vector<std::pair<std::string, double>> expected;
    for (const auto& hit : plain.hits) {
        if (hit.article.category == "Energy" || hit.article.category == "Economy") {
            expected.emplace_back(hit.article.id, hit.score);
        }
    }
    ASSERT_EQ(filtered.hits.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(filtered.hits[i].article.id, expected[i].first);
        EXPECT_DOUBLE_EQ(filtered.hits[i].score, expected[i].second);
    }
    // Different fields are ANDed.
    r.filters.authors = {"Mert Kaya"};
    r.filters.since = "2022";
    for (const auto& hit : searcher.search(r).hits) {
        EXPECT_NE(std::find(hit.article.authors.begin(), hit.article.authors.end(), "Mert Kaya"),
                  hit.article.authors.end());
        EXPECT_GE(*hit.article.published, (Date{2022, 1, 1}));
    }
    // Filters alone list everything that passes them.
    SearchRequest only = request("", 0, 100);
    only.filters.datelines = {"Zürich"};
    EXPECT_EQ(searcher.search(only).total, 2u);
    EXPECT_THROW(searcher.search(request("", 0, 10)), QueryError);
}

TEST(Search, FacetsCountEveryMatchNotJustThePage) {
    Searcher searcher(test::corpus_db().string());
    SearchRequest all = request("climate OR gas OR election", 0, 1000);
    auto everything = searcher.search(all);
    // The hand count, over every match.
    std::map<std::string, std::map<std::string, Xapian::doccount>> expected;
    for (const auto& hit : everything.hits) {
        const Article& a = hit.article;
        ++expected["category"][a.category];
        if (a.dateline) {
            ++expected["dateline"][*a.dateline];
        }
        for (const auto& author : a.authors) {
            ++expected["author"][author];
        }
        ++expected["year"][a.published->iso().substr(0, 4)];
        ++expected["month"][a.published->iso().substr(0, 7)];
    }
    SearchRequest page = request("climate OR gas OR election", 0, 2);
    page.facets = {"category", "dateline", "author", "year", "month"};
    auto result = searcher.search(page);
    ASSERT_EQ(result.hits.size(), 2u);
    ASSERT_EQ(result.facets.size(), 5u);
    for (const auto& [name, values] : result.facets) {
        SCOPED_TRACE(name);
        std::map<std::string, Xapian::doccount> got;
        for (size_t i = 0; i < values.size(); ++i) {
            got[values[i].value] = values[i].count;
            if (i > 0) {
                EXPECT_GE(values[i - 1].count, values[i].count);  // most first
            }
        }
        EXPECT_EQ(got, expected[name]);
    }
}

TEST(Search, SnippetHighlightsWordsAsPrinted) {
    Searcher searcher(test::corpus_db().string());
    auto result = searcher.search(request("gokce turkiye", 0, 10));
    ASSERT_FALSE(result.hits.empty());
    bool any = false;
    for (const auto& hit : result.hits) {
        for (auto [b, e] : hit.snippet.highlights) {
            std::string word = hit.snippet.text.substr(b, e - b);
            EXPECT_TRUE(word.starts_with("Türkiye") || word.starts_with("Gökçe")) << word;
            any = true;
        }
    }
    EXPECT_TRUE(any);
}

TEST(Search, TotalCountsEveryMatchNotJustThePage) {
    Searcher searcher(test::corpus_db().string());
    auto page = searcher.search(request("the", 2, 3));
    EXPECT_EQ(page.hits.size(), 3u);
    EXPECT_EQ(page.hits[0].rank, 3u);
    EXPECT_EQ(page.total, searcher.count(request("the")));
    EXPECT_GT(page.total, 30u);
}

// Above Searcher::kExactTotalUpTo matches a total may be estimated, and says so.
TEST(Search, LargeTotalsAreEstimatedUnlessAnExactOneIsAsked) {
    test::TempDir dir;
    std::string feed;
    for (int i = 0; i < 3000; ++i) {
        std::string words = std::string(i % 3 ? "harbour" : "") + (i % 2 ? " ferry" : "");
        feed += R"({"id":"a)" + std::to_string(i) + R"(","title":"Article )" + std::to_string(i) +
                R"(","body":"Words )" + words + R"(."})" + "\n";
    }
    Searcher searcher(build_feed(dir, feed));
    auto exact = request("harbour OR ferry");
    exact.exact_total = true;
    auto counted = searcher.search(exact);
    EXPECT_TRUE(counted.total_exact);
    EXPECT_EQ(counted.total, 2500u);  // all but the multiples of 6
    EXPECT_EQ(searcher.count(request("harbour OR ferry")), 2500u);

    auto estimated = searcher.search(request("harbour OR ferry"));
    EXPECT_FALSE(estimated.total_exact);
    EXPECT_EQ(ids(estimated), ids(counted));
    std::ostringstream text;
    make_printer(Format::kText, text, {})->print(estimated);
    EXPECT_NE(text.str().find(" of about "), std::string::npos) << text.str();

    // No dates: none. (Without the parentheses the date would filter "ferry" alone.)
    auto few = searcher.search(request("(harbour OR ferry) date:..2000"));
    EXPECT_TRUE(few.total_exact);
}

// Equal scores come newest first, then by id (descending), on every page, whether or not
// the equal scores straddle the page's edges, whatever order the articles were indexed in.
TEST(Search, EqualScoresAreOrderedByDateThenIdOnEveryPage) {
    test::TempDir dir;
    // Three score groups: "harbour" twice, once with a short and once with a long body.
    // Dates repeat so that ids decide some ties; undated articles come last.
    struct Row {
        std::string id, date, body;
    };
    std::vector<Row> rows;
    for (int i = 0; i < 24; ++i) {
        std::string date = i % 5 == 4 ? "" : "2020-01-0" + std::to_string(1 + (i * 7) % 4);
        std::string body = i % 3 == 0   ? "harbour harbour ferry"
                           : i % 3 == 1 ? "harbour ferry dock"
                                        : "harbour dock";
        rows.push_back({"t" + std::to_string((i * 11) % 24 + 10), date, body});
    }
    std::string feed;
    for (const auto& r : rows) {
        feed += R"({"id":")" + r.id + R"(","title":"Same","body":")" + r.body + '"' +
                (r.date.empty() ? "" : R"(,"published":")" + r.date + '"') + "}\n";
    }
    Searcher searcher(build_feed(dir, feed));
    auto all = searcher.search(request("harbour", 0, 100));
    ASSERT_EQ(all.hits.size(), rows.size());
    for (size_t i = 1; i < all.hits.size(); ++i) {
        const Hit &a = all.hits[i - 1], &b = all.hits[i];
        SCOPED_TRACE(a.article.id + " before " + b.article.id);
        ASSERT_GE(a.score, b.score);
        if (a.score == b.score) {
            auto date = [](const Hit& h) { return h.article.published.value_or(Date{0, 0, 0}); };
            EXPECT_TRUE(date(a) > date(b) || (date(a) == date(b) && a.article.id > b.article.id));
        }
    }
    EXPECT_GT(all.hits.front().score, all.hits.back().score);  // not one big tie
    for (size_t offset = 0; offset < rows.size(); ++offset) {
        for (size_t limit : {1, 2, 3, 5, 8}) {
            SCOPED_TRACE("offset " + std::to_string(offset) + " limit " + std::to_string(limit));
            auto page = searcher.search(request("harbour", offset, limit));
            auto whole = ids(all);
            std::vector<std::string> slice(whole.begin() + offset,
                                           whole.begin() + std::min(offset + limit, whole.size()));
            EXPECT_EQ(ids(page), slice);
            EXPECT_EQ(page.hits.front().rank, offset + 1);
        }
    }
}

// BM25's length normalisation (done when indexing, common/schema.h): a word said once in a
// short article counts for more than once in a long one, even twice in a much longer one.
TEST(Search, AWordCountsForMoreInAShorterArticle) {
    test::TempDir dir;
    auto article = [](const std::string& id, const std::string& body, int filler_paragraphs) {
        std::string text = body;
        for (int i = 0; i < filler_paragraphs; ++i) {
            text += " Ferries leave the quay at dawn and come back when the tide turns.";
        }
        return R"({"id":")" + id + R"(","title":"Port news","body":")" + text + "\"}\n";
    };
    std::string feed = article("long", "The harbour opened.", 100) +
                       article("short", "The harbour opened.", 0) +
                       article("longer", "The harbour opened. The harbour closed.", 400);
    Searcher searcher(build_feed(dir, feed));
    auto result = searcher.search(request("harbour"));
    EXPECT_EQ(ids(result), (std::vector<std::string>{"short", "long", "longer"}));
}

TEST(Search, RunSearchExitCodesFollowGrep) {
    SearchOptions opts;
    opts.db_path = test::corpus_db().string();
    std::ostringstream out;
    opts.words = {"pipeline"};
    EXPECT_EQ(run_search(opts, out, out), kExitOk);
    opts.words = {"xylophonequartz"};
    EXPECT_EQ(run_search(opts, out, out), kExitNoMatch);
    opts.words = {"date:2025-02-31"};
    EXPECT_THROW(run_search(opts, out, out), QueryError);
    opts.db_path = "/nonexistent/db";
    EXPECT_THROW(run_search(opts, out, out), Error);
}

TEST(Search, RefusesADatabaseNewsidxDidNotMake) {
    test::TempDir dir;
    {
        Xapian::WritableDatabase other((dir / "other").string(), Xapian::DB_CREATE);
        Xapian::Document doc;
        doc.add_term("hello");
        other.add_document(doc);
    }
    EXPECT_THROW(Searcher((dir / "other").string()), Error);
}

TEST(Search, SnippetHighlightsWhatAWildcardMatched) {
    // Wildcards expand at match time, so their snippets ask each result what it matched.
    Searcher searcher(test::corpus_db().string());
    auto result = searcher.search(request("Pyong*", 0, 3));
    ASSERT_FALSE(result.hits.empty());
    for (const auto& hit : result.hits) {
        ASSERT_FALSE(hit.snippet.highlights.empty()) << hit.article.id;
        EXPECT_EQ(hit.snippet.text.substr(hit.snippet.highlights[0].first, 5), "Pyong")
            << hit.article.id;
    }
}

TEST(Search, ShowsTheWholeArticleAsIndexed) {
    Searcher searcher(test::corpus_db().string());
    auto article = searcher.article("100_c809ca34303675c3");
    ASSERT_TRUE(article);
    auto parsed = read_aa_article(test::read_file(test::corpus_dir() / "100_c809ca34303675c3.txt"),
                                  article->source);
    ASSERT_TRUE(std::holds_alternative<Article>(parsed));
    Article expected = std::get<Article>(parsed);
    expected.language = "en";  // detected when indexed
    EXPECT_EQ(*article, expected);
    EXPECT_FALSE(searcher.article("no_such_id"));
}

TEST(Search, SimilarArticlesShareTheSubjectAndHonourFilters) {
    Searcher searcher(test::corpus_db().string());
    const std::string korea = "100_c809ca34303675c3";  // North Korea missile launch
    SearchRequest r;
    r.limit = 3;
    auto result = searcher.similar(korea, r);
    ASSERT_EQ(result.hits.size(), 3u);
    for (const auto& hit : result.hits) {
        EXPECT_NE(hit.article.id, korea);  // never the article itself
        EXPECT_EQ(hit.article.category, "Asia - Pacific") << hit.article.id;
    }
    r.limit = 100;
    r.filters.since = "2020";
    result = searcher.similar(korea, r);
    ASSERT_FALSE(result.hits.empty());
    for (const auto& hit : result.hits) {
        EXPECT_GE(hit.article.published->year, 2020) << hit.article.id;
    }
    EXPECT_THROW(searcher.similar("no_such_id", r), QueryError);
}

// Regression: issue #16, item 5. Words in most of the archive ("which", "have", "been" in
// two speeches of three) tell nothing of a subject: similar leaves them out.
TEST(Search, SimilarLeavesOutWordsTooCommonToTell) {
    test::TempDir dir;
    std::string feed;
    for (int i = 0; i < 40; ++i) {
        std::string topic =
            i < 2 || i == 5 ? "glacier melting glaciers retreat" : "budget" + std::to_string(i);
        feed += R"({"id":"s)" + std::to_string(i) + R"(","language":"en","title":"Speech )" +
                std::to_string(i) + R"(","body":")" +
                (i % 3 == 2 ? "" : "Which have been upon our minds, which have been said. ") +
                topic + R"(."})" + "\n";
    }
    Searcher searcher(build_feed(dir, feed));
    SearchRequest r;
    r.limit = 10;
    r.explain = true;
    auto result = searcher.similar("s0", r);
    ASSERT_FALSE(result.hits.empty());
    EXPECT_TRUE(result.hits[0].article.id == "s1" || result.hits[0].article.id == "s5");
    for (const auto& hit : result.hits) {
        for (const auto& w : hit.explain) {
            for (const char* common : {"which", "have", "been", "upon", "our", "said"}) {
                EXPECT_NE(w.word, common) << hit.article.id;
            }
        }
    }
    EXPECT_EQ(result.hits.size(), 2u);  // only the glacier speeches
}

TEST(Search, ExplainGivesEachTermsFieldAndWeightsThatAddUpToTheScore) {
    Searcher searcher(test::corpus_db().string());
    SearchRequest r = request("title:korea missiles", 0, 5);
    r.explain = true;
    auto result = searcher.search(r);
    ASSERT_FALSE(result.hits.empty());
    for (const auto& hit : result.hits) {
        SCOPED_TRACE(hit.article.id);
        double sum = 0;
        std::map<std::string, std::string> fields;
        for (const auto& w : hit.explain) {
            sum += w.weight;
            fields[w.term] = w.field;
            EXPECT_GT(w.weight, 0);
        }
        EXPECT_NEAR(sum, hit.score, 1e-9);
        EXPECT_EQ(fields["ZSen:korea"], "title");
        EXPECT_EQ(fields["Zen:missil"], "text");
    }
}

// Regression: issue #15 (13), --explain -n 1000 over remote shards took 32 s.
TEST(Search, ExplainsAtMostAHundredResults) {
    Searcher searcher(test::corpus_db().string());
    SearchRequest r = request("gas", 0, SearchRequest::kMaxExplained);
    r.explain = true;
    EXPECT_NO_THROW(searcher.search(r));
    r.limit = SearchRequest::kMaxExplained + 1;
    EXPECT_THROW(searcher.search(r), QueryError);
    EXPECT_THROW(searcher.similar("100_c809ca34303675c3", r), QueryError);
    r.explain = false;
    EXPECT_NO_THROW(searcher.search(r));
}

TEST(Search, SuggestsASpellingFromTheIndexWhenAQueryFindsLittle) {
    Searcher searcher(test::corpus_db().string());
    auto result = searcher.search(request("Pyongyng missles"));
    EXPECT_EQ(result.total, 0u);
    EXPECT_EQ(result.suggestion, "pyongyang missiles");
    EXPECT_FALSE(result.corrected);

    SearchRequest r = request("Pyongyng missles");
    r.correct = true;
    result = searcher.search(r);
    EXPECT_TRUE(result.corrected);
    EXPECT_EQ(result.query, "Pyongyng missles");  // what was typed
    EXPECT_GT(result.total, 0u);
    EXPECT_EQ(result.total, searcher.count(request("pyongyang missiles")));

    // A query that finds plenty gets none.
    EXPECT_FALSE(searcher.search(request("pipeline")).suggestion);
}

}  // namespace
}  // namespace newsidx
