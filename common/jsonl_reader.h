// Reads articles from JSON Lines, as scrapers write them: one object per line.
#pragma once

#include <string_view>
#include <variant>

#include "common/article.h"
#include "common/diagnostic.h"

namespace newsidx {

/// Parses one line of a JSON Lines file. The keys are those of `newsidx parse` (unknown keys
/// are ignored); `body` may also be one string with paragraphs separated by blank lines;
/// dates are "YYYY-MM-DD" (a longer ISO 8601 time stamp is cut to its date) or null.
/// `id` is required unless `url` is given, in which case the id is "url-" and the hash of
/// the url. Article::source is "path:line". A Diagnostic names path and line for invalid
/// JSON or UTF-8, a wrong type, a missing title or id, an impossible date. Thread-safe.
std::variant<Article, Diagnostic> read_jsonl_article(std::string_view line, std::string_view path,
                                                     size_t line_no);

}  // namespace newsidx
