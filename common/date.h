// Calendar dates as articles carry them: a day, no time, no zone.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsidx {

struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;

    auto operator<=>(const Date&) const = default;

    /// True if this is a real calendar day (31.02.2025 is not).
    bool valid() const;
    /// "YYYY-MM-DD".
    std::string iso() const;
    /// Days since 1970-01-01 (negative before); the value slots and ranges use it.
    long days_since_epoch() const;
    static Date from_days_since_epoch(long days);
};

/// Parses "YYYY-MM-DD" exactly; nullopt if malformed or not a real day.
std::optional<Date> parse_iso_date(std::string_view text);

/// Parses the byline's "DD.MM.YYYY" (one or two digit day and month). Returns nullopt if the
/// text does not have that shape; a Date that is not valid() if it has the shape but is no
/// real day, so the caller can say "impossible date".
std::optional<Date> parse_dotted_date(std::string_view text);

}  // namespace newsidx
