#include "common/date.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace newsidx {

namespace {

// Parses exactly `text` as a decimal number of min..max digits.
std::optional<int> parse_digits(std::string_view text, size_t min, size_t max) {
    if (text.size() < min || text.size() > max) {
        return std::nullopt;
    }
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

std::chrono::year_month_day to_ymd(const Date& d) {
    return std::chrono::year_month_day{std::chrono::year{d.year},
                                       std::chrono::month{static_cast<unsigned>(d.month)},
                                       std::chrono::day{static_cast<unsigned>(d.day)}};
}

}  // namespace

bool Date::valid() const {
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 && to_ymd(*this).ok();
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

long Date::days_since_epoch() const {
    return std::chrono::sys_days{to_ymd(*this)}.time_since_epoch().count();
}

Date Date::from_days_since_epoch(long days) {
    std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
    return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    auto y = parse_digits(text.substr(0, 4), 4, 4);
    auto m = parse_digits(text.substr(5, 2), 2, 2);
    auto d = parse_digits(text.substr(8, 2), 2, 2);
    if (!y || !m || !d) {
        return std::nullopt;
    }
    Date date{*y, *m, *d};
    if (!date.valid()) {
        return std::nullopt;
    }
    return date;
}

std::optional<Date> parse_dotted_date(std::string_view text) {
    auto dot1 = text.find('.');
    auto dot2 = dot1 == text.npos ? text.npos : text.find('.', dot1 + 1);
    if (dot2 == text.npos) {
        return std::nullopt;
    }
    auto d = parse_digits(text.substr(0, dot1), 1, 2);
    auto m = parse_digits(text.substr(dot1 + 1, dot2 - dot1 - 1), 1, 2);
    auto y = parse_digits(text.substr(dot2 + 1), 4, 4);
    if (!y || !m || !d) {
        return std::nullopt;
    }
    return Date{*y, *m, *d};
}

}  // namespace newsidx
