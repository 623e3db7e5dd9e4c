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
    a.language = "en";
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
                                 "ZSen:pipelin",
                                 "Stalks",  // title
                                 "Agokce",
                                 "Asahin",
                                 "ZAen:gokc",  // author
                                 "XDATELINEistanbul",
                                 "XDATELINEankara",  // dateline
                                 "pipeline",
                                 "Zen:pipelin",
                                 "kim",
                                 "Zen:kim",
                                 "gokce",
                                 "istanbul",
                                 "asia",
                                 "Len"}) {
        EXPECT_TRUE(terms.count(expected)) << expected;
    }
    EXPECT_EQ(doc.get_value(kPublished), date_value(Date{2025, 9, 4}));
    EXPECT_EQ(doc.get_value(kUpdated), date_value(Date{2025, 9, 5}));
    EXPECT_EQ(doc.get_value(kLanguageValue), "en");
    EXPECT_EQ(article_from_json(Json::parse(doc.get_data())), sample());
}

// Words are stemmed in the article's language alone, under its own prefix; an article that
// gives none gets the detected one, recorded with it.
TEST(DocumentBuilder, StemsInTheArticlesLanguage) {
    TextAnalyzer analyzer;
    Article a;
    a.id = "tr1";
    a.title = "Kitaplarımızdan seçmeler";
    a.body = {"Çocukların okuduğu kitaplar belediye kütüphanelerinde ücretsiz olarak "
              "sunuluyor ve yeni şubeler açılıyor. Bu düşünce herkese açık."};
    a.language = "tr";
    auto terms = terms_of(build_document(a, analyzer));
    EXPECT_TRUE(terms.count("Ztr:kitap"));
    EXPECT_TRUE(terms.count("ZStr:kitap"));
    EXPECT_TRUE(terms.count("Ltr"));
    // "düşünce": "dusunce" stemmed folded, "düş" stemmed with its accents, then folded.
    EXPECT_TRUE(terms.count("Ztr:dusunce"));
    EXPECT_TRUE(terms.count("Ztr:dus"));
    for (const auto& term : terms) {
        EXPECT_FALSE(term.starts_with("Zen:")) << term;
    }

    a.language.clear();  // detected
    Xapian::Document doc = build_document(a, analyzer);
    EXPECT_TRUE(terms_of(doc).count("Ztr:kitap"));
    EXPECT_EQ(article_from_json(Json::parse(doc.get_data())).language, "tr");

    a.language = "zh";  // no stemmer: each word is its own stem
    terms = terms_of(build_document(a, analyzer));
    EXPECT_TRUE(terms.count("Zzh:kitaplar"));
    EXPECT_TRUE(terms.count("Lzh"));
}

Xapian::termcount wdf_of(const Xapian::Document& doc, const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    return it != doc.termlist_end() && *it == term ? it.get_wdf() : 0u;
}

TEST(DocumentBuilder, WeighsTitleWordsAboveBodyWords) {
    TextAnalyzer analyzer;
    Xapian::Document doc = build_document(sample(), analyzer);
    Xapian::termcount once = wdf_of(doc, "plans");
    EXPECT_EQ(once, wdf_unit(12));  // 12 words, from the title to the body
    EXPECT_EQ(wdf_of(doc, "talks"), kTitleWeight * once);
    EXPECT_EQ(wdf_of(doc, "pipeline"), (kTitleWeight + 1) * once);
    // A field term by its field's length: a two-word title.
    EXPECT_EQ(wdf_of(doc, "Spipeline"), wdf_unit(2, kTitle.typical_words));
    EXPECT_EQ(wdf_of(doc, "Agokce"), wdf_unit(2, kAuthor.typical_words));
}

// Regression: issue #16, item 2. A title word weighs by the title's length, not the
// article's: a long article titled with the word alone outweighs a short article whose
// longer title mentions it.
TEST(DocumentBuilder, AFieldWordWeighsByItsFieldsLength) {
    TextAnalyzer analyzer;
    Article page = sample();
    page.title = "ls";
    for (int i = 0; i < 300; ++i) {
        page.body.push_back("List information about the files, the current directory by default.");
    }
    Article other = sample();
    other.title = "dircolors: colour setup for ls, and what the colours of its output mean";
    EXPECT_GT(wdf_of(build_document(page, analyzer), "Sls"),
              wdf_of(build_document(other, analyzer), "Sls"));
}

// BM25's length normalisation, done when indexing: a word counts for less in a longer
// article, in proportion to 1 - b + b * (words / kReferenceLength).
TEST(DocumentBuilder, AWordWeighsLessInALongerArticle) {
    auto words = [](double times_reference) {
        return static_cast<size_t>(times_reference * kReferenceLength);
    };
    EXPECT_EQ(wdf_unit(0), wdf_unit(words(kBm25MinNormLen)));  // shorter: no more weight
    EXPECT_EQ(wdf_unit(words(1)), static_cast<Xapian::termcount>(kWdfScale));
    EXPECT_EQ(wdf_unit(words(3)),
              static_cast<Xapian::termcount>(std::lround(kWdfScale / (1 - kBm25B + 3 * kBm25B))));
    // Among short articles too: half the reference's length weighs more than the reference.
    EXPECT_GT(wdf_unit(words(0.2)), wdf_unit(words(0.5)));
    EXPECT_GE(wdf_unit(size_t{1} << 40), 1u);

    Article longer = sample();
    for (int i = 0; i < 100; ++i) {  // 1,000 more words
        longer.body.push_back("Many more words fill this long article, paragraph after paragraph.");
    }
    TextAnalyzer analyzer;
    EXPECT_LT(wdf_of(build_document(longer, analyzer), "plans"),
              wdf_of(build_document(sample(), analyzer), "plans"));
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

// Regression: issue #15, item 4 (Xapian refuses terms over 245 bytes).
TEST(Schema, BooleanTermsFitXapiansLimit) {
    std::string base(300, 'a');
    std::string one = id_term(base + "1"), two = id_term(base + "2");
    EXPECT_LE(one.size(), kMaxTermBytes);
    EXPECT_NE(one, two);
    EXPECT_EQ(id_term("aa-123"), "Qaa-123");  // short ones as they always were
    EXPECT_EQ(boolean_term("Q", std::string(244, 'x')), "Q" + std::string(244, 'x'));
    // Cut between characters, never inside one.
    std::string accents;
    for (int i = 0; i < 200; ++i) {
        accents += "é";
    }
    std::string term = category_term(accents);
    EXPECT_LE(term.size(), kMaxTermBytes);
    std::string kept = term.substr(4, term.find('#') - 4);
    EXPECT_EQ(kept.size() % 2, 0u);
}

}  // namespace
}  // namespace newsidx
