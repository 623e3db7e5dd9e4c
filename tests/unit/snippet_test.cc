#include "searcher/snippet.h"

#include <gtest/gtest.h>

namespace newsidx {
namespace {

std::string words(size_t n) {
    std::string text;
    for (size_t i = 0; i < n; ++i) {
        text += i ? " filler" : "Filler";
    }
    return text;
}

std::vector<std::string> highlighted(const Snippet& snippet) {
    std::vector<std::string> out;
    for (auto [b, e] : snippet.highlights) {
        out.push_back(snippet.text.substr(b, e - b));
    }
    return out;
}

Snippet snippet_of(const std::vector<std::string>& body, std::initializer_list<const char*> query) {
    Article article;
    article.body = body;
    MatchedTerms matched;
    for (const char* word : query) {
        matched.words.insert(word);
    }
    TextAnalyzer analyzer;
    return make_snippet(article, matched, analyzer);
}

TEST(Snippet, ShowsTheEarliestWindowWithTheMostMatchedWords) {
    // The first "pipeline" is more than a window away from "gas".
    auto snippet = snippet_of({words(50) + " pipeline here. " + words(40), "Pipeline and gas."},
                              {"pipeline", "gas"});
    EXPECT_EQ(highlighted(snippet), (std::vector<std::string>{"Pipeline", "gas"}));
    EXPECT_TRUE(snippet.text.starts_with("\u2026")) << snippet.text;
    EXPECT_NE(snippet.text.find(" \u00B6 "), std::string::npos) << snippet.text;  // spans a break
}

TEST(Snippet, DoesNotReadFarBelowTheBestWindowForABetterOne) {
    // Both words together only far below the first match: the first match is shown.
    auto snippet = snippet_of({"A pipeline.", words(kSnippetLookAhead + 50), "Pipeline and gas."},
                              {"pipeline", "gas"});
    EXPECT_EQ(highlighted(snippet), (std::vector<std::string>{"pipeline"}));
    // Within the look-ahead, the better window is found.
    snippet = snippet_of({"A pipeline.", words(kSnippetLookAhead - 40), "Pipeline and gas."},
                         {"pipeline", "gas"});
    EXPECT_EQ(highlighted(snippet), (std::vector<std::string>{"Pipeline", "gas"}));
}

TEST(Snippet, HighlightsEveryFormOfAMatchedStem) {
    Article article;
    article.body = {"Pipelines were laid; the pipeline is dying, lying idle, as they say.",
                    "Both are tied."};
    article.language = "en";
    MatchedTerms matched;
    matched.stems = {"en:pipelin", "en:die", "en:lie", "en:tie", "tr:pipelin"};  // what "pipeline die lie tie" matched
    TextAnalyzer analyzer;
    EXPECT_EQ(highlighted(make_snippet(article, matched, analyzer)),
              (std::vector<std::string>{"Pipelines", "pipeline", "dying", "lying", "tied"}));
}

TEST(Snippet, StartsAtTheTopWhenNothingMatched) {
    auto snippet = snippet_of({"First words of the article.", "More."}, {"absent"});
    EXPECT_TRUE(snippet.text.starts_with("First words")) << snippet.text;
    EXPECT_TRUE(snippet.highlights.empty());
}

}  // namespace
}  // namespace newsidx
