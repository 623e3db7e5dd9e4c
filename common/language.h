// Languages: the tag an article is recorded with, the code its terms and filters use, the
// stemmer of that code, and detection for the articles that do not say their language.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include "common/article.h"

namespace newsidx {

/// The language of an article no one could tell (BCP 47's "undetermined").
inline constexpr std::string_view kUndetermined = "und";

/// `tag` as BCP 47 writes it ("PT_br" -> "pt-BR", "zh-hant" -> "zh-Hant", "TR" -> "tr");
/// nullopt unless it is a language tag: a primary subtag of 2 or 3 letters, then subtags of
/// 1 to 8 letters or digits joined by '-' (or '_', as locales write it).
std::optional<std::string> normalize_language_tag(std::string_view tag);

/// What terms, filters and facets hold of a language: the primary subtag of a tag made by
/// normalize_language_tag() ("pt-BR" -> "pt").
std::string_view primary_language(std::string_view tag);

/// The Snowball stemmer Xapian has for the language `code` (a primary subtag: "tr",
/// "ru"), or nullopt: Chinese, Japanese, Greek, "und"... are segmented and folded, not
/// stemmed.
std::optional<Xapian::Stem> stemmer_for(std::string_view code);

/// Whether the stemmer of `code` keeps a word's first letter: false for those that take
/// prefixes off (Arabic "الكتاب" -> "كتاب", Indonesian, Irish).
bool stems_keep_initial(std::string_view code);

/// The language of `text` (UTF-8) by Compact Language Detector 2: a primary subtag ("en",
/// "tr", "zh"), or kUndetermined when CLD2 cannot tell. Thread-safe.
std::string detect_language(std::string_view text);

/// The language of an article that does not say its own: detect_language() of its title,
/// summary and first paragraphs (about kLanguageSample bytes: more text costs time and
/// changes nothing).
std::string detect_language(const Article& a);
inline constexpr size_t kLanguageSample = 4096;

}  // namespace newsidx
