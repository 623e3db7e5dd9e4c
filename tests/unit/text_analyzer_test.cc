#include "common/text_analyzer.h"

#include <random>

#include <gtest/gtest.h>

namespace newsidx {
namespace {

std::vector<std::string> terms(TextAnalyzer& analyzer, std::string_view text) {
    std::vector<std::string> out;
    for (const auto& token : analyzer.tokenize(text)) {
        out.push_back(token.term);
    }
    return out;
}

using Terms = std::vector<std::string>;

TEST(TextAnalyzer, NormalisesWords) {
    struct Row {
        std::string input;
        Terms expected;
    };
    const Row rows[] = {
        {"Gökçe", {"gokce"}},
        {"GÖKÇE", {"gokce"}},
        {"Türkiye", {"turkiye"}},
        {"İstanbul", {"istanbul"}},  // Turkish dotted capital I
        {"ISTANBUL", {"istanbul"}},
        {"Kızılay", {"kizilay"}},  // Turkish dotless i
        {"Łódź", {"lodz"}},        // ł does not decompose
        {"Dvořák naïve café", {"dvorak", "naive", "cafe"}},
        {"Straße", {"strasse"}},       // full case folding
        {"ﬁnance", {"finance"}},       // NFKC: the ligature
        {"ＡＢＣ１２３", {"abc123"}},  // NFKC: full-width forms
        {"Kim’s", {"kim", "s"}},       // curly apostrophe
        {"Kim's", {"kim", "s"}},
        {"Kimʼs", {"kim", "s"}},  // the modifier letter apostrophe
        {"Ankara'da Türkiye’nin", {"ankara", "da", "turkiye", "nin"}},  // Turkish suffixes
        {"Erdoğan'ın", {"erdogan", "in"}},
        {"doctest'ed", {"doctest", "ed"}},
        {"GOMP_loop_nonmonotonic_runtime_next",
         {"gomp", "loop", "nonmonotonic", "runtime", "next"}},  // connectors join compounds
        {"__init__", {"init"}},
        {"colspan=2", {"colspan", "2"}},
        {"‘firm conviction,’", {"firm", "conviction"}},  // quotes are not apostrophes
        {"China-North Korea", {"china", "north", "korea"}},
        {"COVID-19", {"covid", "19"}},
        {"$1.05 billion, 2,000 troops", {"1.05", "billion", "2,000", "troops"}},
        {"U.S.", {"u", "s"}},
        {"10:30", {"10", "30"}},
        {"Ёлка", {"елка"}},  // Cyrillic diaeresis folded
        {"Москве", {"москве"}},
        {"й", {"й"}},                                // but the breve of й is kept
        {"الْمَشْرُوعَ", {"المشروع"}},                    // Arabic: harakat dropped
        {"المـياه", {"المياه"}},                     // tatweel dropped
        {"أحمد إلى آلاف", {"احمد", "الي", "الاف"}},  // alef forms; alef maksura as yeh
        {"مدرسة", {"مدرسه"}},                        // teh marbuta as heh
    };
    TextAnalyzer analyzer;
    for (const auto& row : rows) {
        SCOPED_TRACE(row.input);
        EXPECT_EQ(terms(analyzer, row.input), row.expected);
    }
}

TEST(TextAnalyzer, SegmentsCjkAndThaiIntoWords) {
    TextAnalyzer analyzer;
    auto chinese = terms(analyzer, "中国经济增长");
    EXPECT_GE(chinese.size(), 2u);  // dictionary words, not one run of characters
    std::string joined;
    for (const auto& t : chinese) {
        joined += t;
    }
    EXPECT_EQ(joined, "中国经济增长");
    EXPECT_GE(terms(analyzer, "ภาษาไทยง่ายนิดเดียว").size(), 3u);
    EXPECT_GE(terms(analyzer, "東京都に住んでいます").size(), 3u);
}

TEST(TextAnalyzer, TokensPointAtThePrintedWord) {
    TextAnalyzer analyzer;
    std::string text = "“Gökçe’s” train left.";
    auto tokens = analyzer.tokenize(text);
    ASSERT_EQ(tokens.size(), 4u);
    EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "Gökçe");
    EXPECT_EQ(tokens[0].term, "gokce");
    EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "s");
    EXPECT_EQ(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin), "left");
}

TEST(TextAnalyzer, SplitsAsciiTextAsIcuDoes) {
    // ASCII text is split without ICU: it must find the words ICU's word breaks give, which a
    // non-ASCII word at the end makes it use. Random text over the characters that matter.
    const std::string alphabet = "aZ09.,;:'_-$ \n\t/@#";
    std::mt19937 random(16);
    TextAnalyzer analyzer;
    for (int round = 0; round < 5000; ++round) {
        std::string text;
        for (size_t n = random() % 24; n > 0; --n) {
            text += alphabet[random() % alphabet.size()];
        }
        auto ascii = analyzer.tokenize(text);
        auto icu = analyzer.tokenize(text + " \u00E9");
        ASSERT_FALSE(icu.empty());
        icu.pop_back();  // the "é"
        ASSERT_EQ(ascii.size(), icu.size()) << text;
        for (size_t i = 0; i < ascii.size(); ++i) {
            EXPECT_EQ(ascii[i].term, icu[i].term) << text;
            EXPECT_EQ(ascii[i].begin, icu[i].begin) << text;
            EXPECT_EQ(ascii[i].end, icu[i].end) << text;
        }
    }
    EXPECT_EQ(terms(analyzer, "v2.2,1,000 3.5x a.b_c"),
              (Terms{"v2.2,1,000", "3.5x", "a", "b", "c"}));
}

TEST(TextAnalyzer, DropsOverlongWordsAndPunctuation) {
    TextAnalyzer analyzer;
    EXPECT_TRUE(terms(analyzer, std::string(200, 'a')).empty());
    EXPECT_TRUE(terms(analyzer, " – … • 🙂 ").empty());
}

TEST(TextAnalyzer, StemsLikeQueryParser) {
    TextAnalyzer analyzer;
    ASSERT_NE(analyzer.stemmer("en"), nullptr);
    EXPECT_EQ((*analyzer.stemmer("en"))("summits"), "summit");
    EXPECT_EQ((*analyzer.stemmer("tr"))("kitaplarımızdan"), "kitap");
    EXPECT_EQ(analyzer.stemmer("zh"), nullptr);
    EXPECT_EQ(analyzer.stemmer("und"), nullptr);
}

// German umlauts are also written ae, oe, ue (the transliteration indexed beside the word),
// and a word with accents keeps its accented form for the stemmer.
TEST(TextAnalyzer, TransliteratesUmlautsAndKeepsTheAccentedForm) {
    TextAnalyzer analyzer;
    auto tokens = analyzer.tokenize("Müller ZÜRICH Öl Straße Gökçe Paris");
    ASSERT_EQ(tokens.size(), 6u);
    const char* expected[][3] = {{"muller", "müller", "mueller"},
                                 {"zurich", "zürich", "zuerich"},
                                 {"ol", "öl", "oel"},
                                 {"strasse", "", ""},
                                 {"gokce", "gökçe", "goekce"},
                                 {"paris", "", ""}};
    for (size_t i = 0; i < tokens.size(); ++i) {
        SCOPED_TRACE(tokens[i].term);
        EXPECT_EQ(tokens[i].term, expected[i][0]);
        EXPECT_EQ(tokens[i].cased, expected[i][1]);
        EXPECT_EQ(tokens[i].transliterated, expected[i][2]);
    }
}

TEST(TextAnalyzer, SlugJoinsTermsWithHyphens) {
    TextAnalyzer analyzer;
    EXPECT_EQ(analyzer.slug("Asia - Pacific"), "asia-pacific");
    EXPECT_EQ(analyzer.slug("Türkiye"), "turkiye");
}

}  // namespace
}  // namespace newsidx
