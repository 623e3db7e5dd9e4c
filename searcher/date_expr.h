// Date expressions of queries and of --since/--until: absolute (2025, 2025-09, 2025-09-04),
// relative as notmuch users know them (today, yesterday, 7d, 2w, 3m, 1y) and ranges of them.
#pragma once

#include <optional>
#include <string_view>

#include <xapian.h>

#include "common/date.h"

namespace newsidx {

/// Days from `first` to `last`, both included; an end left out is open.
struct DateSpan {
    std::optional<Date> first, last;
};

/// Parses one expression relative to `today`:
///   2025 | 2025-09 | 2025-09-04   that year, month or day
///   today | yesterday             that day
///   7d | 2w | 3m | 1y             from that many days, weeks, months, years ago until today
///                                 (up to five digits; before year 1, from 0001-01-01)
///   A..B, A.., ..B                from the start of A to the end of B
/// Throws newsidx::QueryError for what is not a date, not a real day (2025-02-31), ambiguous
/// (04/09/2025: day or month first?), or a range that ends before it starts.
DateSpan parse_date_expression(std::string_view text, Date today);

/// "Today" for relative dates: $NEWSIDX_TODAY (YYYY-MM-DD, for tests and reproducible
/// scripts) or the local calendar day. Throws newsidx::QueryError if NEWSIDX_TODAY is bad.
Date today_date();

/// The query matching articles published within `span`: a D, M or Y term when the span is
/// exactly a day, month or year, else a range over the kPublished slot.
Xapian::Query date_span_query(const DateSpan& span);

}  // namespace newsidx
