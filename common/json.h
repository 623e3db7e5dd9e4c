// The one place that writes JSON and converts an Article to and from it (parse output,
// document data, show). Keys come in a fixed order so output is stable.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/article.h"

namespace newsidx {

using Json = nlohmann::ordered_json;

/// Compact one-line JSON. Control characters (C0, DEL, C1) and bidirectional controls are
/// escaped; invalid UTF-8 (which readers reject, but a corrupt database could hold) becomes
/// U+FFFD, so the output is always valid and harmless on a terminal.
std::string dump_json(const Json& value);

/// "YYYY-MM-DD", or null.
Json nullable_json(const std::optional<Date>& date);
/// The string, or null.
Json nullable_json(const std::optional<std::string>& text);

/// The object `newsidx parse` prints, with exactly its keys in this order: id, source,
/// category, title, summary, authors, published, updated, photo_credit, highlights,
/// dateline, subheadings, body. Dates as "YYYY-MM-DD" or null.
Json article_to_json(const Article& article);

/// The inverse of article_to_json. Throws newsidx::Error on a missing key or wrong type.
Article article_from_json(const Json& json);

}  // namespace newsidx
