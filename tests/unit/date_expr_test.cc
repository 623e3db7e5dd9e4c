#include "searcher/date_expr.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace newsidx {
namespace {

const Date kToday{2025, 9, 10};

TEST(DateExpr, ParsesAbsoluteRelativeAndRanges) {
    struct Row {
        const char* text;
        std::optional<Date> first, last;
    };
    const Row rows[] = {
        {"2025", Date{2025, 1, 1}, Date{2025, 12, 31}},
        {"2024-02", Date{2024, 2, 1}, Date{2024, 2, 29}},
        {"2025-09-04", Date{2025, 9, 4}, Date{2025, 9, 4}},
        {"today", kToday, kToday},
        {"yesterday", Date{2025, 9, 9}, Date{2025, 9, 9}},
        // Regression: issue #18 (6). 7d covered eight calendar days.
        {"7d", Date{2025, 9, 4}, kToday},
        {"1d", kToday, kToday},
        {"1w", Date{2025, 9, 4}, kToday},
        {"2w", Date{2025, 8, 28}, kToday},
        {"3m", Date{2025, 6, 10}, kToday},
        {"1y", Date{2024, 9, 10}, kToday},
        {"7d..", Date{2025, 9, 4}, std::nullopt},
        {"3m..today", Date{2025, 6, 10}, kToday},
        {"..2019", std::nullopt, Date{2019, 12, 31}},
        {"2019..2021-06", Date{2019, 1, 1}, Date{2021, 6, 30}},
        // Regression: issue #18 (5). Dates as the articles print them, day first with dots.
        {"04.09.2025", Date{2025, 9, 4}, Date{2025, 9, 4}},
        {"4.9.2025", Date{2025, 9, 4}, Date{2025, 9, 4}},
        {"2025-9-4", Date{2025, 9, 4}, Date{2025, 9, 4}},
        {"01.09.2025..30.09.2025", Date{2025, 9, 1}, Date{2025, 9, 30}},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.text);
        DateSpan span = parse_date_expression(row.text, kToday);
        EXPECT_EQ(span.first, row.first);
        EXPECT_EQ(span.last, row.last);
    }
}

TEST(DateExpr, MonthsBackStayInTheirMonth) {
    DateSpan span = parse_date_expression("1m", Date{2025, 3, 31});
    EXPECT_EQ(span.first, (Date{2025, 2, 28}));
}

// Regression: found by tests/fuzz/saved_store_fuzz (since = "4040y"): months before year 1
// gave a month of -7, and last_day_of_month() counted its day down past INT_MIN (a hang, then
// signed overflow). Before year 1 is the whole archive: the span starts on 0001-01-01.
TEST(DateExpr, RelativeDatesBeforeYearOneStartAtYearOne) {
    struct Row {
        const char* text;
        Date first;
    };
    const Row rows[] = {
        {"2025y", Date{1, 1, 1}},
        {"2024y", Date{1, 9, 10}},
        {"4040y", Date{1, 1, 1}},
        {"99999y", Date{1, 1, 1}},
        {"99999m", Date{1, 1, 1}},
        {"24297m", Date{1, 1, 1}},
        {"24296m", Date{1, 1, 10}},
        {"99999w", Date::from_days_since_epoch(kToday.days_since_epoch() - (7 * 99999 - 1))},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.text);
        DateSpan span = parse_date_expression(row.text, kToday);
        EXPECT_EQ(span.first, row.first);
        EXPECT_EQ(span.last, kToday);
    }
}

TEST(DateExpr, RefusesWhatIsNotADate) {
    struct Row {
        const char* text;
        const char* message;
    };
    const Row rows[] = {
        {"2025-02-31", "impossible date 2025-02-31"},
        {"2025-13", "impossible date 2025-13"},
        {"04/09/2025", "ambiguous date \"04/09/2025\": write it as YYYY-MM-DD or DD.MM.YYYY"},
        {"31.02.2025", "impossible date 31.02.2025"},
        {"2025.09.04", "ambiguous date \"2025.09.04\": write it as YYYY-MM-DD or DD.MM.YYYY"},
        {"4.9.25", "ambiguous date \"4.9.25\": write it as YYYY-MM-DD or DD.MM.YYYY"},
        {"..", "date range \"..\" has no ends"},
        {"2025..2024", "date range \"2025..2024\" ends before it starts"},
        {"last-week", nullptr},
        {"7x", nullptr},
        {"", nullptr},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.text);
        try {
            parse_date_expression(row.text, kToday);
            ADD_FAILURE() << "accepted";
        } catch (const QueryError& e) {
            if (row.message) {
                EXPECT_EQ(std::string(e.what()), row.message);
            } else {
                EXPECT_TRUE(std::string(e.what()).starts_with("bad date")) << e.what();
            }
        }
    }
}

TEST(DateExpr, WholeDaysMonthsAndYearsUseTerms) {
    EXPECT_EQ(date_span_query({Date{2025, 9, 4}, Date{2025, 9, 4}}).get_description(),
              "Query(D20250904)");
    EXPECT_EQ(date_span_query({Date{2025, 2, 1}, Date{2025, 2, 28}}).get_description(),
              "Query(M202502)");
    EXPECT_EQ(date_span_query({Date{2025, 1, 1}, Date{2025, 12, 31}}).get_description(),
              "Query(Y2025)");
    EXPECT_NE(date_span_query({Date{2025, 1, 2}, Date{2025, 12, 31}})
                  .get_description()
                  .find("VALUE_RANGE"),
              std::string::npos);
}

}  // namespace
}  // namespace newsidx
