#include "indexer/document_builder.h"

#include <set>

#include <gtest/gtest.h>

#include "common/json.h"
#include "common/schema.h"

namespace newsidx {
namespace {

Article sample() {
    Article a;
    a.id = "100_abc";
    a.category = "Asia - Pacific";
    a.title = "Pipeline talks";
    a.authors = {"Gökçe Şahin"};
    a.dateline = "ISTANBUL / ANKARA";
    a.published = Date{2025, 9, 4};
    a.updated = Date{2025, 9, 5};
    a.body = {"Kim’s pipeline plans."};
    return a;
}

std::set<std::string> terms_of(const Xapian::Document& doc) {
    return {doc.termlist_begin(), doc.termlist_end()};
}

TEST(DocumentBuilder, WritesTheSchemaTerms) {
    TextAnalyzer analyzer;
    Xapian::Document doc = build_document(sample(), analyzer);
    auto terms = terms_of(doc);
    for (const char* expected : {"Q100_abc",
                                 "XCATasia-pacific",
                                 "D20250904",
                                 "M202509",
                                 "Y2025",  // filters
                                 "Spipeline",
                                 "ZSpipelin",
                                 "Stalks",  // title
                                 "Agokce",
                                 "Asahin",
                                 "ZAgokc",  // author
                                 "XDATELINEistanbul",
                                 "XDATELINEankara",  // dateline
                                 "pipeline",
                                 "Zpipelin",
                                 "kim's",
                                 "Zkim",
                                 "gokce",
                                 "istanbul",
                                 "asia"}) {
        EXPECT_TRUE(terms.count(expected)) << expected;
    }
    EXPECT_EQ(doc.get_value(kPublished), date_value(Date{2025, 9, 4}));
    EXPECT_EQ(doc.get_value(kUpdated), date_value(Date{2025, 9, 5}));
    EXPECT_EQ(article_from_json(Json::parse(doc.get_data())), sample());
}

TEST(DocumentBuilder, WeighsTitleWordsAboveBodyWords) {
    TextAnalyzer analyzer;
    Xapian::Document doc = build_document(sample(), analyzer);
    auto wdf = [&](const std::string& term) {
        auto it = doc.termlist_begin();
        it.skip_to(term);
        return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0u;
    };
    EXPECT_EQ(wdf("talks"), kTitleWeight);
    EXPECT_EQ(wdf("plans"), 1u);
    EXPECT_EQ(wdf("pipeline"), kTitleWeight + 1);
}

TEST(DocumentBuilder, PhrasesDoNotSpanSections) {
    Article a = sample();
    a.body = {"first ends", "second starts"};
    TextAnalyzer analyzer;
    Xapian::Document doc = build_document(a, analyzer);
    auto position = [&](const std::string& term) {
        auto it = doc.termlist_begin();
        it.skip_to(term);
        return *it.positionlist_begin();
    };
    EXPECT_GT(position("second"), position("ends") + 1);
}

TEST(DocumentBuilder, NoDateMeansNoDateTermsOrValues) {
    Article a = sample();
    a.published.reset();
    a.updated.reset();
    TextAnalyzer analyzer;
    Xapian::Document doc = build_document(a, analyzer);
    EXPECT_TRUE(doc.get_value(kPublished).empty());
    for (const auto& t : terms_of(doc)) {
        EXPECT_FALSE(t.starts_with("D2") || t.starts_with("Y2")) << t;
    }
}

}  // namespace
}  // namespace newsidx
