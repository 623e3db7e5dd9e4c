#include "common/date.h"

#include <gtest/gtest.h>

namespace newsidx {
namespace {

TEST(Date, ValidatesCalendarDays) {
    EXPECT_TRUE((Date{2024, 2, 29}.valid()));
    EXPECT_FALSE((Date{2025, 2, 29}.valid()));
    EXPECT_FALSE((Date{2025, 2, 31}.valid()));
    EXPECT_FALSE((Date{2025, 13, 1}.valid()));
    EXPECT_FALSE((Date{2025, 0, 1}.valid()));
}

TEST(Date, ParsesDottedAndIsoForms) {
    EXPECT_EQ(parse_dotted_date("04.09.2025"), (Date{2025, 9, 4}));
    EXPECT_EQ(parse_dotted_date("4.9.2025"), (Date{2025, 9, 4}));
    EXPECT_FALSE(parse_dotted_date("04.09.25"));
    EXPECT_FALSE(parse_dotted_date("04/09/2025"));
    auto feb31 = parse_dotted_date("31.02.2025");
    ASSERT_TRUE(feb31);  // the shape is right, the day is not
    EXPECT_FALSE(feb31->valid());
    EXPECT_EQ(parse_iso_date("2025-09-04"), (Date{2025, 9, 4}));
    EXPECT_FALSE(parse_iso_date("2025-02-31"));
    EXPECT_FALSE(parse_iso_date("2025-9-4"));
}

TEST(Date, DaysSinceEpochRoundTrips) {
    EXPECT_EQ((Date{1970, 1, 1}.days_since_epoch()), 0);
    EXPECT_EQ((Date{2025, 9, 4}.days_since_epoch()), 20335);
    EXPECT_EQ(Date::from_days_since_epoch(20335), (Date{2025, 9, 4}));
    EXPECT_EQ((Date{2025, 9, 4}.iso()), "2025-09-04");
}

}  // namespace
}  // namespace newsidx
