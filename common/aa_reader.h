// Reads Anadolu Agency plain-text articles (the format of corpus/ and README's "Input formats").
#pragma once

#include <string_view>
#include <variant>

#include "common/article.h"
#include "common/diagnostic.h"

namespace newsidx {

/// The paragraph that ends every article on the agency's site; dropped, never indexed.
inline constexpr std::string_view kAaFooterStart = "Anadolu Agency website contains only a portion";

/// Parses one article file. `bytes` is the whole file; `path` names it in the result
/// (Article::source, Diagnostic::path) and gives the id (the file name without ".txt").
/// Tolerates a UTF-8 BOM, CRLF or CR line ends, trailing and Unicode spaces.
/// Returns a Diagnostic for an empty, binary or non-UTF-8 file, a missing title or byline,
/// or an impossible date. Never throws for bad input. Thread-safe.
std::variant<Article, Diagnostic> read_aa_article(std::string_view bytes, std::string_view path);

/// The id of the article read from `path`: its file name without the directory and ".txt",
/// with each byte that is not UTF-8 or is a control character (tab and newline included) or
/// a bidirectional control written %XX, and a % followed by two hex digits written %25
/// ("caf\xE9.txt" -> "caf%E9", "caf%E9.txt" -> "caf%25E9", "50%_off.txt" -> "50%_off").
std::string article_id_from_path(std::string_view path);

}  // namespace newsidx
