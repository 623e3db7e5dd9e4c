// The index schema, defined once: the fields (what each indexes, its prefix, weight, value
// slot and how queries treat it), the facets, the other term prefixes, the value slots and
// the metadata keys. The indexer's document builder, the searcher's query builder, the facets
// and split_term() loop over kFields; README.md's "Index schema" table mirrors this file.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include "common/date.h"
#include "common/hash.h"

namespace newsidx {

/// Database metadata key holding the schema version: tells our databases from others.
inline constexpr std::string_view kSchemaKey = "newsidx:schema";
/// 3: value slot kSortKey. 4: wdf normalised by article length (kWdfScale). 5: compounds
/// joined by "_" or an apostrophe indexed as their parts; field terms normalised by their
/// field's length; k1 1.2, b 0.75. 6: a language per article (kLanguage, kLanguageValue),
/// stems per language (stem_term()), also from a word's accented form; ä ö ü also indexed
/// as ae oe ue. 7: sort keys with the day in fixed width, slots kOldestDate and kOldestKey
/// (undated articles last oldest first too).
inline constexpr std::string_view kSchemaVersion = "7";

/// Value slots.
enum Slot : Xapian::valueno {
    kPublished = 0,      // sortable_serialise(days since 1970-01-01): date ranges, sorting
    kUpdated = 1,        // same encoding; absent if the article was never updated
    kCategoryValue = 2,  // the category as printed: facets
    kDatelineValue = 3,  // the dateline as printed: facets
    kAuthorsValue = 4,   // the authors as printed, joined by kValueSeparator: facets
    kSortKey = 5,        // sort_key(): ties broken by id, never by docid
    kLanguageValue = 6,  // the language's primary subtag ("tr"): facets
    kOldestDate = 7,     // the kPublished value, or "\xff" without a date: oldest first
    kOldestKey = 8,      // sort_key(..., true): oldest first, ties broken by id
};

/// Separates the items of a multi-valued slot (kAuthorsValue).
inline constexpr char kValueSeparator = '\x1f';

/// Prefixes of terms that are not fields a user types (Omega's conventions).
inline constexpr std::string_view kIdPrefix = "Q";     // Q<id>: the unique id term
inline constexpr std::string_view kDayPrefix = "D";    // D20250904
inline constexpr std::string_view kMonthPrefix = "M";  // M202509
inline constexpr std::string_view kYearPrefix = "Y";   // Y2025
/// "XFILE" + hash of a source key: the input file (or JSON Lines line) an article came from
/// (indexer/source_state.h).
inline constexpr std::string_view kSourcePrefix = "XFILE";
/// Stemmed terms are "Z" + prefix + language + ":" + stem (stem_term()).
inline constexpr std::string_view kStemPrefix = "Z";

/// Database metadata keys besides kSchemaKey: each file's state ("newsidx:file:" + hash of
/// its key; indexer/source_state.h) and the lines of a JSON Lines file reported as bad
/// ("newsidx:bad:" + hash of its key: the content hashes of those lines), the UTC time of the last build, "1" once a build has
/// checked that no id is held by two documents, and a sharded archive's layout ("hash 4",
/// "year"; in its meta database).
inline constexpr std::string_view kSourceStateKey = "newsidx:file:";
inline constexpr std::string_view kBadLinesKey = "newsidx:bad:";
inline constexpr std::string_view kLastBuildKey = "newsidx:last_build";
inline constexpr std::string_view kIdsCheckedKey = "newsidx:ids_checked";
inline constexpr std::string_view kLayoutKey = "newsidx:layout";

/// The names in a sharded archive's folder: the stub file, the meta database, the shards'
/// prefix ("shard-3", "shard-2019"); README's "Scale-out" describes the layout.
inline constexpr std::string_view kStubFile = "XAPIANDB";
inline constexpr std::string_view kMetaName = "meta";
inline constexpr std::string_view kShardPrefix = "shard-";

/// How the query parser treats a field, and so how it is indexed.
enum class FieldKind {
    kWords,     // free text under the field's prefix, with positions and stems, and also in
                // the unprefixed text (QueryParser::add_prefix)
    kBoolean,   // a filter term: restricts, never adds weight (add_boolean_prefix)
    kDate,      // a day, month, year or range of them: value slot kPublished, D/M/Y terms
    kSaved,     // the query of a saved search, weighted as that query (searcher)
    kPrepared,  // never typed: a sub-query the searcher prepared before parsing
};

/// The article section a field indexes (common/article.h).
enum class Section { kNone, kTitle, kAuthors, kDateline, kCategory, kLanguage, kPublished };

/// A field of the index: what a query names ("title:kim") and what the indexer writes for
/// it. README.md's "Index schema" table mirrors kFields.
struct Field {
    std::string_view name;    // as typed in queries
    std::string_view prefix;  // of its terms, as stored (Xapian's termprefixes.rst)
    FieldKind kind;
    Section section;
    Xapian::termcount weight;  // within-document frequency of each of its words in the
                               // unprefixed text (kWords)
    double typical_words;      // its length normalisation's reference (see wdf_unit())
    Xapian::valueno slot;      // the value slot holding it as printed, or kNoSlot

    bool typed() const { return kind != FieldKind::kPrepared; }
};

/// A title word counts kTitleWeight times in the unprefixed text, so that a title match
/// outranks a body-only match; every other section counts once a word.
inline constexpr Xapian::termcount kTitleWeight = 5;
/// A Field::slot for a field without one.
inline constexpr Xapian::valueno kNoSlot = Xapian::BAD_VALUENO;

/// The fields. The category is a boolean term, "XCAT" + its slug ("XCATasia-pacific"), and
/// its words are also unprefixed text; the language is "L" + its primary subtag ("Ltr";
/// Omega's prefix for it); date: is served by the slot kPublished and the kDayPrefix,
/// kMonthPrefix and kYearPrefix terms; `saved:korea` is the query of the saved search named
/// korea, with its filters; "xsyn:N" is the N-th sub-query the searcher prepared (a synonym
/// group, an expanded wildcard), never typed: the query normaliser makes "xsyn-..." of it.
// clang-format off
inline constexpr Field kFields[] = {
 // name        prefix       kind                  section              weight  words  slot
    {"title",    "S",         FieldKind::kWords,    Section::kTitle,     kTitleWeight, 10, kNoSlot},
    {"author",   "A",         FieldKind::kWords,    Section::kAuthors,   1,   2,  kAuthorsValue},
    {"dateline", "XDATELINE", FieldKind::kWords,    Section::kDateline,  1,   2,  kDatelineValue},
    {"category", "XCAT",      FieldKind::kBoolean,  Section::kCategory,  1,   0,  kCategoryValue},
    {"lang",     "L",         FieldKind::kBoolean,  Section::kLanguage,  0,   0,  kLanguageValue},
    {"date",     "",          FieldKind::kDate,     Section::kPublished, 0,   0,  kPublished},
    {"saved",    "",          FieldKind::kSaved,    Section::kNone,      0,   0,  kNoSlot},
    {"xsyn",     "",          FieldKind::kPrepared, Section::kNone,      0,   0,  kNoSlot},
};
// clang-format on
inline constexpr const Field& kTitle = kFields[0];
inline constexpr const Field& kAuthor = kFields[1];
inline constexpr const Field& kDateline = kFields[2];
inline constexpr const Field& kCategory = kFields[3];
inline constexpr const Field& kLanguage = kFields[4];
inline constexpr const Field& kDate = kFields[5];
inline constexpr const Field& kSaved = kFields[6];
inline constexpr const Field& kPrepared = kFields[7];

/// The field named `name` (as typed, lower case), if it is one a user may type.
inline const Field* find_field(std::string_view name) {
    for (const auto& field : kFields) {
        if (field.typed() && field.name == name) {
            return &field;
        }
    }
    return nullptr;
}

/// How a facet's values are read from its slot.
enum class FacetValues {
    kAsStored,  // one value a document, as printed
    kSplit,     // several, joined by kValueSeparator
    kYear,      // a date_value(), counted by its year ("2025")
    kMonth,     // a date_value(), counted by its month ("2025-09")
};

/// What a facet counts (`--facets category,year`).
struct Facet {
    std::string_view name;
    Xapian::valueno slot;
    FacetValues values;
};

inline constexpr Facet kFacets[] = {
    {"category", kCategory.slot, FacetValues::kAsStored},
    {"dateline", kDateline.slot, FacetValues::kAsStored},
    {"author", kAuthor.slot, FacetValues::kSplit},
    {"language", kLanguage.slot, FacetValues::kAsStored},
    {"year", kDate.slot, FacetValues::kYear},
    {"month", kDate.slot, FacetValues::kMonth},
};

/// The facet named `name`, or nullptr.
inline const Facet* find_facet(std::string_view name) {
    for (const auto& facet : kFacets) {
        if (facet.name == name) {
            return &facet;
        }
    }
    return nullptr;
}

/// What an indexed word term holds: see split_term().
struct TermParts {
    std::string_view field;  // the Field name ("title"); empty for unprefixed text
    std::string_view word;   // the term without prefixes: a word, or a stem if `stemmed`
    bool stemmed = false;
    std::string_view language;  // a stem's language ("en")
};

/// Splits a term made by the indexer ("ZSen:korea" -> title, korea, stemmed, en). nullopt
/// for the terms that hold no word (id, dates, category, language, source file).
inline std::optional<TermParts> split_term(std::string_view term) {
    auto starts_upper = [](std::string_view s) { return !s.empty() && s[0] >= 'A' && s[0] <= 'Z'; };
    TermParts parts;
    if (term.starts_with(kStemPrefix)) {
        parts.stemmed = true;
        term.remove_prefix(kStemPrefix.size());
    }
    if (starts_upper(term)) {
        for (const auto& field : kFields) {
            if (field.kind == FieldKind::kWords && term.starts_with(field.prefix) &&
                !starts_upper(term.substr(field.prefix.size()))) {
                parts.field = field.name;
                term.remove_prefix(field.prefix.size());
                break;
            }
        }
        if (parts.field.empty()) {
            return std::nullopt;
        }
    }
    if (parts.stemmed) {
        size_t colon = term.find(':');
        if (colon == term.npos) {
            return std::nullopt;
        }
        parts.language = term.substr(0, colon);
        term.remove_prefix(colon + 1);
    }
    if (term.empty()) {
        return std::nullopt;
    }
    parts.word = term;
    return parts;
}

/// The stemmed term of `stem` in `language` ("tr") under a field's `prefix`: "Z" + prefix +
/// language + ":" + stem ("ZStr:ankara"). Each language's stems are apart: the Turkish stem
/// of a word is not the English one, and one language's inflections do not find another's
/// words. (Words never hold a ':', which the analyser splits at.)
inline std::string stem_term(std::string_view prefix, std::string_view language,
                             std::string_view stem) {
    std::string term(kStemPrefix);
    term += prefix;
    term += language;
    term += ':';
    term += stem;
    return term;
}

/// Whether the indexer adds a stemmed term ("Z" + prefix + stem) for a word: Xapian's
/// QueryParser does not stem a word that starts with a digit, so neither do we.
inline bool has_stem(std::string_view term) {
    return !term.empty() && !(term[0] >= '0' && term[0] <= '9');
}

/// Whether a word goes into the spelling table (and may be corrected): not one holding a
/// digit ("covid-19", "2025").
inline bool is_spelling_word(std::string_view term) {
    return !term.empty() && term.find_first_of("0123456789") == std::string_view::npos;
}

/// The most words a member of a synonym group may have (the searcher looks runs of up to
/// this many query words up in the synonym table).
inline constexpr size_t kMaxSynonymWords = 6;

/// Ranking is BM25 (k1 = 1.2, b = 0.75, as SQLite FTS5 and Lucene), with the length
/// normalisation done when indexing: each occurrence of a word adds wdf_unit(n, r) to its
/// wdf, kWdfScale / (1 - b + b * max(n / r, min_normlen)), where n is the length of what it
/// was found in and r that length's reference: the article and kReferenceLength for
/// unprefixed terms; the field and its Field::typical_words for field terms (BM25F's way:
/// `title:ls` ranks the page titled "ls" above a long title that mentions it, whatever the
/// length of the articles). The searcher weighs with b = 0 and k1 scaled alike
/// (ranking_weight()): a match costs no lookup of its document's length, which was most of
/// a query's time over 100,000 articles and grows with the database (Xapian 1.4 decodes
/// the length list up to each match). bench/quality.sh measured these against FTS5.
inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.75;
inline constexpr double kBm25MinNormLen = 0.05;
inline constexpr double kWdfScale = 1000;
inline constexpr double kReferenceLength = 500;  // words of a typical news article

/// What one occurrence of a word adds to its wdf in a text of `words` words, of which
/// `reference` is the typical length.
inline Xapian::termcount wdf_unit(size_t words, double reference = kReferenceLength) {
    double norm_length = std::max(static_cast<double>(words) / reference, kBm25MinNormLen);
    double unit = kWdfScale / (1 - kBm25B + kBm25B * norm_length);
    return std::max<Xapian::termcount>(1, static_cast<Xapian::termcount>(std::lround(unit)));
}

/// The weighting scheme of the searcher, for the wdf the indexer writes (see above).
inline Xapian::BM25Weight ranking_weight() {
    return Xapian::BM25Weight(kBm25K1 * kWdfScale, 0, 1, 0, kBm25MinNormLen);
}

/// What turns ranking_weight()'s weights into BM25's usual scale (its k1 + 1 factor), for
/// the scores shown.
inline constexpr double kScoreScale = (kBm25K1 + 1) / (kBm25K1 * kWdfScale + 1);

/// expand_k of relevance feedback (Xapian's "trad" expansion scheme; 1 by default), scaled
/// alike: unscaled, every word of an article would weigh the same whatever its wdf, and the
/// words found in that article alone would be picked.
inline constexpr double kExpandK = kWdfScale;

/// `prefix` + `rest`. Not operator+, of which GCC 12 -O2 warns falsely (-Wrestrict).
inline std::string prefixed(std::string_view prefix, std::string_view rest) {
    std::string term(prefix);
    term += rest;
    return term;
}

/// Xapian refuses a longer term ("Term too long (> 245)"), and drops every change not yet
/// committed when it does.
inline constexpr size_t kMaxTermBytes = 245;

/// `prefix` + `value` as a boolean term that fits kMaxTermBytes, as Omega hashes long terms:
/// a value too long keeps as many of its first bytes as fit (whole UTF-8 characters) and
/// ends with the XXH3 hash of the whole value, so different values give different terms.
/// Ids from scraped URLs and long category names are that long.
inline std::string boolean_term(std::string_view prefix, std::string_view value) {
    if (prefix.size() + value.size() <= kMaxTermBytes) {
        return prefixed(prefix, value);
    }
    std::string hash = hash_hex(content_hash(value));
    size_t keep = kMaxTermBytes - prefix.size() - hash.size() - 1;
    while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0) == 0x80) {
        --keep;  // not inside a character
    }
    std::string term = prefixed(prefix, value.substr(0, keep));
    term += '#';
    term += hash;
    return term;
}

/// The unique id term of an article.
inline std::string id_term(std::string_view id) { return boolean_term(kIdPrefix, id); }

/// The boolean term of a category, from its slug (TextAnalyzer::slug: "asia-pacific").
inline std::string category_term(std::string_view slug) {
    return boolean_term(kCategory.prefix, slug);
}

/// The boolean term of a language, from its primary subtag ("tr" -> "Ltr").
inline std::string language_term(std::string_view code) {
    return boolean_term(kLanguage.prefix, code);
}

/// The boolean date terms: D20250904, M202509, Y2025.
inline std::string day_term(const Date& d) {
    return prefixed(kDayPrefix, std::to_string(d.year * 10000 + d.month * 100 + d.day));
}
inline std::string month_term(const Date& d) {
    return prefixed(kMonthPrefix, std::to_string(d.year * 100 + d.month));
}
inline std::string year_term(int year) { return prefixed(kYearPrefix, std::to_string(year)); }

/// The value stored in kPublished/kUpdated for a date.
inline std::string date_value(const Date& date) {
    return Xapian::sortable_serialise(static_cast<double>(date.days_since_epoch()));
}

/// The values in kSortKey and kOldestKey: "\x01" + the day as four bytes (big-endian, so that
/// days sort as numbers: kPublished's encoding is not of fixed width, and a shorter day would
/// compare its id with a longer day's bytes), then the id; without a date "\x00" + the id in
/// kSortKey (last when sorted newest first) and "\x02" + the id in kOldestKey (last when
/// sorted oldest first). Results equal in score (or, without weights, in date) are ordered by
/// them: by docid they would come in the order they were indexed, which differs between one
/// database and shards.
inline std::string sort_key(const std::optional<Date>& published, std::string_view id,
                            bool oldest_first = false) {
    std::string key(1, published ? '\x01' : oldest_first ? '\x02' : '\0');
    if (published) {
        auto day = static_cast<uint32_t>(published->days_since_epoch() + (int64_t{1} << 31));
        for (int shift = 24; shift >= 0; shift -= 8) {
            key += static_cast<char>((day >> shift) & 0xff);
        }
    }
    key += id;
    return key;
}

}  // namespace newsidx
