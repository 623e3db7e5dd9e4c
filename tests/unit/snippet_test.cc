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

TEST(Snippet, FindsTheWindowWithTheMostMatchedWordsFarBelow) {
    // "iraq war" over a long speech: both words together only at the end of the body.
    auto snippet =
        snippet_of({"A war.", words(2000), "Iraq and the war.", words(10)}, {"iraq", "war"});
    EXPECT_EQ(highlighted(snippet), (std::vector<std::string>{"Iraq", "war"}));
    // Every window with one word: the earliest.
    snippet = snippet_of({"A war.", words(2000), "The war."}, {"iraq", "war"});
    EXPECT_EQ(highlighted(snippet), (std::vector<std::string>{"war"}));
    EXPECT_TRUE(snippet.text.starts_with("A war.")) << snippet.text;
}

TEST(Snippet, ShowsEveryMatchOfTheWindowItPicked) {
    // The words shown before the first match, for context, do not push the last one out:
    // "war" 30 words after the first "Iraq" would not be shown with it.
    auto snippet = snippet_of(
        {words(10) + " Iraq " + words(29) + " war " + words(50) + " Iraq and war " + words(10)},
        {"iraq", "war"});
    EXPECT_EQ(highlighted(snippet), (std::vector<std::string>{"Iraq", "war"}));
}

TEST(Snippet, HighlightsEveryFormOfAMatchedStem) {
    Article article;
    article.body = {"Pipelines were laid; the pipeline is dying, lying idle, as they say.",
                    "Both are tied."};
    article.language = "en";
    MatchedTerms matched;
    matched.stems = {"en:pipelin", "en:die", "en:lie", "en:tie",
                     "tr:pipelin"};  // what "pipeline die lie tie" matched
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
