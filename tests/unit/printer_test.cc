#include "searcher/printer.h"

#include <sstream>

#include <gtest/gtest.h>

#include "corpus_db.h"

namespace newsidx {
namespace {

TEST(Printer, MeasuresColumnsAsATerminalShowsThem) {
    EXPECT_EQ(display_width("Gökçe"), 5u);
    EXPECT_EQ(display_width("e\u0301"), 1u);  // a combining accent takes no column
    EXPECT_EQ(display_width("習近平"), 6u);   // wide characters take two
    EXPECT_EQ(display_width("ＡＢ"), 4u);     // full-width forms too
    EXPECT_EQ(display_width(""), 0u);
}

TEST(Printer, TextFitsTheWidthGiven) {
    Searcher searcher(test::corpus_db().string());
    SearchRequest r;
    r.query = "Türkiye gas";
    r.explain = true;
    SearchResult result = searcher.search(r);
    ASSERT_GE(result.hits.size(), 3u);
    for (size_t width : {40u, 60u, 100u}) {
        SCOPED_TRACE(width);
        std::ostringstream out;
        make_printer(Format::kText, out, {false, width})->print(result);
        std::istringstream lines(out.str());
        size_t count = 0;
        for (std::string line; std::getline(lines, line); ++count) {
            EXPECT_LE(display_width(line), width) << line;
        }
        EXPECT_GT(count, result.hits.size() * 3);
    }
    // No width: one line for each part of a hit.
    std::ostringstream out;
    make_printer(Format::kText, out, {})->print(result);
    EXPECT_NE(out.str().find(result.hits[0].article.title), std::string::npos);
}

TEST(Printer, ColourOnlyWhenAsked) {
    Searcher searcher(test::corpus_db().string());
    SearchRequest r;
    r.query = "glacier";
    SearchResult result = searcher.search(r);
    std::ostringstream plain, colour;
    make_printer(Format::kText, plain, {false, 0})->print(result);
    make_printer(Format::kText, colour, {true, 0})->print(result);
    EXPECT_EQ(plain.str().find('\x1b'), std::string::npos);
    EXPECT_NE(colour.str().find("\x1b[1;31m"), std::string::npos);
}

}  // namespace
}  // namespace newsidx
