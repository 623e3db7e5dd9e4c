#include "searcher/query_builder.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace newsidx {
namespace {

TEST(QueryBuilder, NormalizesWordsAndKeepsSyntax) {
    struct Row {
        std::string input, expected;
    };
    const Row rows[] = {
        {"Gökçe", "gokce"},
        {"Kim’s summit", "kim's summit"},
        {"COVID-19", "covid-19"},
        {"China-North Korea", "china-north korea"},
        {"“Xi Jinping”", "\"xi jinping\""},
        {"\"North Korea's\"", "\"north korea's\""},
        {"Pyong*", "pyong*"},
        {"kim AND (xi OR putin) NOT trump", "kim AND (xi OR putin) NOT trump"},
        {"kim NEAR/5 xi", "kim NEAR/5 xi"},
        {"+Beijing -Moscow", "+beijing -moscow"},
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

class QueryBuilderTest : public ::testing::Test {
  protected:
    Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
};

TEST_F(QueryBuilderTest, BuildsFieldAndDateQueries) {
    QueryBuilder builder(db_);
    struct Row {
        std::string input, expected;
    };
    const Row rows[] = {
        {"kim", "Query(Zkim@1)"},
        {"title:kim", "Query(ZSkim@1)"},
        {"\"kim jong\"", "Query((kim@1 PHRASE 2 jong@2))"},
        {"category:\"Asia - Pacific\"", "Query(0 * XCATasia-pacific)"},
        {"date:2025", "Query(0 * Y2025)"},
        {"date:2025-09", "Query(0 * M202509)"},
        {"date:2025-09-04", "Query(0 * D20250904)"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.input);
        EXPECT_EQ(builder.parse(row.input).get_description(), row.expected);
    }
    // A range becomes a value range over the publication date slot.
    EXPECT_NE(builder.parse("date:2025-09-02..2025-09-30").get_description().find("VALUE_RANGE"),
              std::string::npos);
    EXPECT_NE(builder.parse("date:2025-09-01..").get_description().find("VALUE_GE"),
              std::string::npos);
    EXPECT_NE(builder.parse("date:..2019").get_description().find("VALUE_LE"), std::string::npos);
}

TEST_F(QueryBuilderTest, RejectsImpossibleDates) {
    QueryBuilder builder(db_);
    for (const char* bad : {"date:2025-02-31", "date:2025-13", "date:tomorrow", "date:..",
                            "date:2025-10..2025-09", "kim date:20250904"}) {
        SCOPED_TRACE(bad);
        EXPECT_THROW(builder.parse(bad), QueryError);
    }
}

TEST_F(QueryBuilderTest, ParsesMalformedQueriesLeniently) {
    QueryBuilder builder(db_);
    for (const char* odd : {"\"kim jong", "(kim", "kim)", "kim AND", "OR kim", "NOT", "-", "“"}) {
        SCOPED_TRACE(odd);
        EXPECT_NO_THROW(builder.parse(odd));
    }
    EXPECT_EQ(builder.parse("kim AND").get_description(), "Query(Zkim@1)");
}

}  // namespace
}  // namespace newsidx
