#include "common/json.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "common/utf8.h"

namespace newsidx {
namespace {

Article sample() {
    Article a;
    a.id = "x1";
    a.source = "corpus/x1.txt";
    a.category = "World";
    a.title = "“Quoted” title";
    a.authors = {"A", "B"};
    a.published = Date{2025, 9, 4};
    a.highlights = {"one"};
    a.body = {"Para one.", "Sub", "Para two."};
    a.subheadings = {"Sub"};
    return a;
}

TEST(Json, ArticleHasExactlyTheParseKeysInOrder) {
    Json j = article_to_json(sample());
    std::vector<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) {
        keys.push_back(it.key());
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"id", "source", "category", "title", "summary",
                                              "authors", "published", "updated", "photo_credit",
                                              "highlights", "dateline", "subheadings", "body"}));
    EXPECT_EQ(j["published"], "2025-09-04");
    EXPECT_TRUE(j["updated"].is_null());
    EXPECT_TRUE(j["dateline"].is_null());
}

TEST(Json, ArticleRoundTrips) {
    Article a = sample();
    EXPECT_EQ(article_from_json(Json::parse(dump_json(article_to_json(a)))), a);
}

TEST(Json, OutputIsValidForAnyText) {
    Json j = {{"text", std::string("ctl\x01\x1b tab\t bad\xFF end", 17)}};
    std::string out = dump_json(j);
    EXPECT_FALSE(find_invalid_utf8(out));
    EXPECT_NE(out.find("\\u0001"), std::string::npos);
    EXPECT_NE(out.find("\\u001b"), std::string::npos);
    EXPECT_NE(out.find("\uFFFD"), std::string::npos);
    EXPECT_TRUE(Json::parse(out).is_object());
}

// What a terminal acts on is escaped, and comes back unchanged from the JSON.
TEST(Json, EscapesDeleteC1AndBidirectionalControls) {
    std::string text = "a\x7F b\u009B31m c\u202Eevil\u202C d\u2066x\u2069 Gökçe – ok";
    std::string out = dump_json(Json{{"text", text}});
    EXPECT_EQ(out, R"({"text":"a\u007f b\u009b31m c\u202eevil\u202c d\u2066x\u2069 Gökçe – ok"})");
    EXPECT_EQ(Json::parse(out)["text"], text);
}

TEST(Json, RejectsMissingKeys) {
    Json j = article_to_json(sample());
    j.erase("title");
    EXPECT_THROW(article_from_json(j), Error);
}

}  // namespace
}  // namespace newsidx
