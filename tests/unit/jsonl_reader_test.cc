#include "common/jsonl_reader.h"

#include <gtest/gtest.h>

namespace newsidx {
namespace {

Article read_ok(const std::string& line) {
    auto result = read_jsonl_article(line, "feed.jsonl", 7);
    if (auto* d = std::get_if<Diagnostic>(&result)) {
        ADD_FAILURE() << "unexpected: " << *d;
        return {};
    }
    return std::get<Article>(result);
}

TEST(JsonlReader, ReadsTheKeysOfParse) {
    Article a =
        read_ok(R"({"id":"a1","category":"World","title":"T\u00fcrkiye votes","summary":"S",)"
                R"("authors":["A B","C D"],"published":"2025-09-04","updated":null,)"
                R"("photo_credit":"AA","highlights":["h1"],"dateline":"ANKARA ",)"
                R"("subheadings":["Sub"],"body":["p1","Sub","p2"],"extra":1})");
    EXPECT_EQ(a.id, "a1");
    EXPECT_EQ(a.source, "feed.jsonl:7");
    EXPECT_EQ(a.title, "Türkiye votes");
    EXPECT_EQ(a.authors, (std::vector<std::string>{"A B", "C D"}));
    EXPECT_EQ(a.published, (Date{2025, 9, 4}));
    EXPECT_FALSE(a.updated);
    EXPECT_EQ(a.dateline, "ANKARA");
    EXPECT_EQ(a.body, (std::vector<std::string>{"p1", "Sub", "p2"}));
}

TEST(JsonlReader, BodyMayBeOneStringOfParagraphs) {
    Article a = read_ok(R"({"id":"x","title":"T","body":"One\nline.\n\n\nTwo.\r\n"})");
    EXPECT_EQ(a.body, (std::vector<std::string>{"One line.", "Two."}));
}

TEST(JsonlReader, IdComesFromUrlWhenMissing) {
    Article a = read_ok(R"({"url":"https://example.org/a","title":"T"})");
    Article b = read_ok(R"({"url":"https://example.org/a","title":"Other"})");
    EXPECT_TRUE(a.id.starts_with("url-"));
    EXPECT_EQ(a.id, b.id);
    EXPECT_NE(a.id, read_ok(R"({"url":"https://example.org/b","title":"T"})").id);
}

TEST(JsonlReader, TimeStampsAreCutToTheirDay) {
    EXPECT_EQ(read_ok(R"({"id":"x","title":"T","published":"2025-09-04T23:10:00Z"})").published,
              (Date{2025, 9, 4}));
}

TEST(JsonlReader, ReadsTheLanguageTag) {
    EXPECT_EQ(read_ok(R"({"id":"a","title":"T","language":"pt_br"})").language, "pt-BR");
    EXPECT_EQ(read_ok(R"({"id":"a","title":"T","language":"TR"})").language, "tr");
    EXPECT_EQ(read_ok(R"({"id":"a","title":"T"})").language, "");  // detected when indexed
}

TEST(JsonlReader, ReportsBadLines) {
    struct Row {
        std::string line;
        std::string reason, detail;
    };
    const Row rows[] = {
        {"{not json", "invalid JSON", ""},
        {"[1,2]", "not a JSON object", ""},
        {R"({"id":"x"})", "missing title", ""},
        {R"({"id":"x","title":""})", "missing title", ""},
        {R"({"title":"T"})", "missing id (and no url)", ""},
        {R"({"id":7,"title":"T"})", "wrong type", "for \"id\" (expected a string)"},
        {R"({"id":"x","title":"T","authors":[1]})", "wrong type",
         "for \"authors\" (expected strings)"},
        {R"({"id":"x","title":"T","published":"2025-02-31"})", "impossible date", "2025-02-31"},
        {R"({"id":"x","title":"T","published":"yesterday"})", "malformed date", "yesterday"},
        {"{\"id\":\"x\",\"title\":\"caf\xE9\"}", "invalid UTF-8", ""},
        {R"({"id":"x","title":"T","language":"Turkish"})", "not a language tag",
         "\"Turkish\" (write it as BCP 47: tr, pt-BR)"},
        {R"({"id":"x","title":"T","language":7})", "wrong type",
         "for \"language\" (expected a string)"},
        // Regression: issue #15 (10), such an id broke --format ids and reached terminals.
        {R"({"id":"a\nb","title":"T"})", "id contains control characters", R"("a\nb")"},
        {R"({"id":"a\tb","title":"T"})", "id contains control characters", R"("a\tb")"},
        {R"({"id":"x\u001b[2J","title":"T"})", "id contains control characters", R"("x\u001b[2J")"},
        {R"({"id":"x\u009b31m","title":"T"})", "id contains control characters", R"("x\u009b31m")"},
        {R"({"id":"x\u202e","title":"T"})", "id contains control characters", R"("x\u202e")"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.line);
        auto result = read_jsonl_article(row.line, "feed.jsonl", 3);
        ASSERT_TRUE(std::holds_alternative<Diagnostic>(result));
        const auto& d = std::get<Diagnostic>(result);
        EXPECT_EQ(d.path, "feed.jsonl");
        EXPECT_EQ(d.line, 3u);
        EXPECT_EQ(d.reason, row.reason);
        EXPECT_EQ(d.detail, row.detail);
    }
}

}  // namespace
}  // namespace newsidx
