#include "searcher/date_expr.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "common/error.h"
#include "common/schema.h"

namespace newsidx {

namespace {

Date last_day_of_month(int year, int month) {
    Date d{year, month, 31};
    while (!d.valid()) {
        --d.day;
    }
    return d;
}

Date days_before(Date d, long n) { return Date::from_days_since_epoch(d.days_since_epoch() - n); }

Date months_before(Date d, long n) {
    long months = d.year * 12L + (d.month - 1) - n;
    if (months < 12) {
        // Before year 1 ("4040y"): the whole archive. Dates are written with four digits, and
        // the month arithmetic below holds for positive years only.
        return Date{1, 1, 1};
    }
    Date r{static_cast<int>(months / 12), static_cast<int>(months % 12) + 1, d.day};
    if (!r.valid()) {
        r = last_day_of_month(r.year, r.month);  // 31 March minus a month: 28/29 February
    }
    return r;
}

bool all_digits(std::string_view s) {
    if (s.empty()) {
        return false;
    }
    for (char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

int number(std::string_view s) { return std::stoi(std::string(s)); }

// "7d", "2w", "3m", "1y": a count (up to five digits) and a unit.
bool is_relative(std::string_view text) {
    return text.size() >= 2 && text.size() <= 6 && all_digits(text.substr(0, text.size() - 1)) &&
           std::string_view("dwmy").find(text.back()) != std::string_view::npos;
}

// "2025-9-4" split at `sep` into three runs of digits, the last two of one or two digits
// when the first has four, else the first two; nullopt for anything else.
std::optional<std::array<std::string_view, 3>> three_numbers(std::string_view text, char sep) {
    size_t a = text.find(sep), b = a == text.npos ? a : text.find(sep, a + 1);
    if (b == text.npos || text.find(sep, b + 1) != text.npos) {
        return std::nullopt;
    }
    std::array<std::string_view, 3> parts{text.substr(0, a), text.substr(a + 1, b - a - 1),
                                          text.substr(b + 1)};
    size_t year = parts[0].size() == 4 ? 0 : 2;
    for (size_t i = 0; i < 3; ++i) {
        bool fits = i == year ? parts[i].size() == 4 : parts[i].size() <= 2;
        if (!all_digits(parts[i]) || !fits) {
            return std::nullopt;
        }
    }
    return parts;
}

DateSpan day_span(std::string_view text, int y, int m, int d) {
    Date date{y, m, d};
    if (!date.valid()) {
        throw QueryError("impossible date " + std::string(text));
    }
    return {date, date};
}

// One end of a range, as the span it names.
DateSpan parse_point(std::string_view text, Date today) {
    std::string quoted = prefixed("\"", text) + '"';
    if (text == "today") {
        return {today, today};
    }
    if (text == "yesterday") {
        Date d = days_before(today, 1);
        return {d, d};
    }
    if (is_relative(text)) {
        long n = number(text.substr(0, text.size() - 1));
        // N days (or weeks) include today: 7d is today and the six days before it.
        long days = std::max(0L, (text.back() == 'w' ? 7 * n : n) - 1);
        Date d = text.back() == 'd' || text.back() == 'w' ? days_before(today, days)
                 : text.back() == 'm'                     ? months_before(today, n)
                                                          : months_before(today, 12 * n);
        return {d, d};
    }
    if (text.size() == 4 && all_digits(text)) {
        int y = number(text);
        return {Date{y, 1, 1}, Date{y, 12, 31}};
    }
    if (text.size() == 7 && text[4] == '-' && all_digits(text.substr(0, 4)) &&
        all_digits(text.substr(5))) {
        int y = number(text.substr(0, 4)), m = number(text.substr(5));
        if (m < 1 || m > 12) {
            throw QueryError("impossible date " + std::string(text));
        }
        return {Date{y, m, 1}, last_day_of_month(y, m)};
    }
    // YYYY-MM-DD, also YYYY-M-D; and DD.MM.YYYY or D.M.YYYY, day first as the articles
    // print their dates (only with dots: 04/09/2025 is ambiguous).
    if (auto parts = three_numbers(text, '-'); parts && (*parts)[0].size() == 4) {
        return day_span(text, number((*parts)[0]), number((*parts)[1]), number((*parts)[2]));
    }
    if (auto parts = three_numbers(text, '.'); parts && (*parts)[2].size() == 4) {
        return day_span(text, number((*parts)[2]), number((*parts)[1]), number((*parts)[0]));
    }
    if (text.find_first_of("/.") != text.npos &&
        text.find_first_not_of("0123456789/.") == text.npos) {
        throw QueryError("ambiguous date " + quoted + ": write it as YYYY-MM-DD or DD.MM.YYYY");
    }
    throw QueryError(
        "bad date " + quoted +
        " (expected YYYY, YYYY-MM, YYYY-MM-DD, DD.MM.YYYY, today, yesterday, 7d, 2w, 3m, 1y, "
        "or a range of them like 2025-09-01..2025-09-30)");
}

}  // namespace

DateSpan parse_date_expression(std::string_view text, Date today) {
    size_t dots = text.find("..");
    if (dots == text.npos) {
        DateSpan span = parse_point(text, today);
        if (is_relative(text)) {
            span.last = today;  // "7d": the last seven days
        }
        return span;
    }
    std::string_view from = text.substr(0, dots), to = text.substr(dots + 2);
    if (from.empty() && to.empty()) {
        throw QueryError("date range \"" + std::string(text) + "\" has no ends");
    }
    DateSpan span;
    if (!from.empty()) {
        span.first = parse_point(from, today).first;
    }
    if (!to.empty()) {
        span.last = parse_point(to, today).last;
    }
    if (span.first && span.last && *span.last < *span.first) {
        throw QueryError("date range \"" + std::string(text) + "\" ends before it starts");
    }
    return span;
}

Date today_date() {
    if (const char* fixed = std::getenv("NEWSIDX_TODAY"); fixed && *fixed) {
        auto d = parse_iso_date(fixed);
        if (!d) {
            throw QueryError(std::string("NEWSIDX_TODAY is not a YYYY-MM-DD date: ") + fixed);
        }
        return *d;
    }
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

Xapian::Query date_span_query(const DateSpan& span) {
    if (span.first && span.last) {
        const Date& f = *span.first;
        const Date& l = *span.last;
        if (f == l) {
            return Xapian::Query(day_term(f));
        }
        if (f.year == l.year && f.day == 1 && f.month == l.month &&
            l == last_day_of_month(l.year, l.month)) {
            return Xapian::Query(month_term(f));
        }
        if (f.year == l.year && f.month == 1 && f.day == 1 && l.month == 12 && l.day == 31) {
            return Xapian::Query(year_term(f.year));
        }
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kPublished, date_value(f),
                             date_value(l));
    }
    if (span.first) {
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, kPublished, date_value(*span.first));
    }
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, kPublished, date_value(*span.last));
}

}  // namespace newsidx
