#include "searcher/query_lexer.h"

#include <gtest/gtest.h>

namespace newsidx {
namespace {

TEST(QueryLexer, NormalizesWordsAndKeepsSyntax) {
    struct Row {
        std::string input, expected;
    };
    const Row rows[] = {
        {"Gökçe", "gokce"},
        {"Kim’s summit", "kim-s summit"},
        {"Ankara'da GOMP_loop", "ankara-da gomp-loop"},  // compounds, searched as phrases
        {"COVID-19", "covid-19"},
        {"China-North Korea", "china-north korea"},
        {"“Xi Jinping”", "\"xi jinping\""},
        {"\"North Korea's\"", "\"north korea s\""},
        {"Pyong*", "pyong*"},
        {"kim AND (xi OR putin) NOT trump", "kim AND (xi OR putin) NOT trump"},
        {"kim NEAR/5 xi", "kim NEAR/5 xi"},
        {"+Beijing -Moscow", "+beijing -moscow"},
        {"gas -“Black Sea”", "gas -\"black sea\""},  // Regression: issue #15, the sign was lost
        {"Title:Kim author:Gökçe", "title:kim author:gokce"},
        {"title:\"Black Sea\"", "title:\"black sea\""},
        {"category:\"Asia - Pacific\" kim", "category:\"Asia - Pacific\" kim"},
        {"date:2025-09-01..2025-09-30", "date:2025-09-01..2025-09-30"},
        {"10:30 – now", "10-30  now"},
        {"and or", "and or"},
    };
    TextAnalyzer analyzer;
    for (const auto& row : rows) {
        SCOPED_TRACE(row.input);
        EXPECT_EQ(normalize_query(row.input, analyzer), row.expected);
    }
    EXPECT_EQ(normalize_query("kim AND", analyzer, true), "kim ");
}

using Kind = QueryToken::Kind;

// What a token is, in a word: "word(title,+,kim)", "value(category,Asia)", "space".
std::string describe(const QueryToken& t) {
    static const char* kNames[] = {"space", "quote", "open",  "close",   "operator",
                                   "lead",  "word",  "value", "subquery"};
    std::string s = kNames[static_cast<int>(t.kind)];
    if (!t.is_term()) {
        return s;
    }
    s += "(";
    s += t.field ? std::string(t.field->name) : "";
    s += t.sign ? std::string(",") + t.sign : "";
    s += "," + t.text + (t.wildcard ? "*" : "");
    s += t.in_phrase ? ",phrase" : "";
    s += t.joined ? ",joined" : "";
    return s + ")";
}

std::vector<std::string> describe(const std::vector<QueryToken>& tokens) {
    std::vector<std::string> out;
    for (const auto& t : tokens) {
        if (!t.is(Kind::kSpace)) {
            out.push_back(describe(t));
        }
    }
    return out;
}

using List = std::vector<std::string>;

TEST(QueryLexer, TokensSayWhatEachPartOfAQueryIs) {
    TextAnalyzer analyzer;
    EXPECT_EQ(
        describe(lex_query("Title:Kim -“Black Sea” +category:\"Asia - Pacific\" Pyong*", analyzer)),
        (List{"word(title,kim)", "lead(,-,)", "quote", "word(,black,phrase)", "word(,sea,phrase)",
              "quote", "value(category,+,\"Asia - Pacific\")", "word(,pyong*)"}));
    // Operators only outside phrases; a compound's parts joined by '-' (' ' in a phrase).
    EXPECT_EQ(describe(lex_query("kim AND \"Kim’s NOT\" COVID-19", analyzer)),
              (List{"word(,kim)", "operator(,AND)", "quote", "word(,kim s,phrase)",
                    "word(,not,phrase)", "quote", "word(,covid-19)"}));
    // NEAR and ADJ join the nearest term either side, past parentheses and quotes.
    EXPECT_EQ(describe(lex_query("a (dprk NEAR/3 saved:x) z", analyzer)),
              (List{"word(,a)", "open", "word(,dprk,joined)", "operator(,NEAR/3)",
                    "value(saved,x,joined)", "close", "word(,z)"}));
    // A field name before a parenthesis; punctuation alone is left out.
    EXPECT_EQ(describe(lex_query("title:(kim) – !!!", analyzer)),
              (List{"lead(title,)", "open", "word(,kim)", "close"}));
}

TEST(QueryLexer, NegativesAloneBecomeNot) {
    TextAnalyzer analyzer;
    auto rewritten = [&](std::string_view q) {
        auto tokens = lex_query(q, analyzer);
        negatives_alone_as_not(tokens);
        return render_query(tokens);
    };
    EXPECT_EQ(rewritten("-glacier -\"black sea\" -category:energy"),
              "NOT glacier NOT \"black sea\" NOT category:energy");
    EXPECT_EQ(rewritten("-glacier sea"), "-glacier sea");
    EXPECT_EQ(rewritten("-glacier (sea)"), "-glacier (sea)");
    EXPECT_EQ(rewritten("-glacier OR -sea"), "-glacier OR -sea");
}

TEST(QueryLexer, FindsSavedNamesAndUnknownFields) {
    EXPECT_EQ(saved_names_in("saved:korea -Saved:loop \"saved:not\" saved:\"quoted\""),
              (List{"korea", "loop", "quoted"}));
    EXPECT_EQ(unknown_fields("tittle:linux -authors:\"Linus T\" title:ok http://x \"in:phrase\" "
                             "re:invent tittle:again 10:30"),
              (List{"tittle", "authors", "re"}));
    EXPECT_EQ(known_field_names(), "title, author, dateline, category, lang, date, saved");
}

}  // namespace
}  // namespace newsidx
