// The index schema: term prefixes, value slots and date terms, defined once. The indexer's
// document builder and the searcher's query builder both loop over kFields; README.md's
// "Index schema" table mirrors this file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include "common/date.h"
#include "common/error.h"

namespace newsidx {

/// Database metadata key holding the schema version: tells our databases from others.
inline constexpr std::string_view kSchemaKey = "newsidx:schema";
/// 3: value slot kSortKey.
inline constexpr std::string_view kSchemaVersion = "3";

/// Throws newsidx::Error unless `db` (at `path`) was made by this version of newsidx. An
/// empty database passes: it may be a build's first moment, before its first commit.
inline void check_schema(const Xapian::Database& db, const std::string& path) {
    std::string schema = db.get_metadata(std::string(kSchemaKey));
    if (schema.empty() && db.get_doccount() > 0) {
        throw Error(path + " is not a newsidx database");
    }
    if (!schema.empty() && schema != kSchemaVersion) {
        throw Error(path + " was built by another version of newsidx (schema " + schema +
                    ", this one reads " + std::string(kSchemaVersion) + "): build it again");
    }
}

/// Value slots.
enum Slot : Xapian::valueno {
    kPublished = 0,      // sortable_serialise(days since 1970-01-01): date ranges, sorting
    kUpdated = 1,        // same encoding; absent if the article was never updated
    kCategoryValue = 2,  // the category as printed: facets
    kDatelineValue = 3,  // the dateline as printed: facets
    kAuthorsValue = 4,   // the authors as printed, joined by kValueSeparator: facets
    kSortKey = 5,        // sort_key(): ties broken by id, never by docid
};

/// Separates the items of a multi-valued slot (kAuthorsValue).
inline constexpr char kValueSeparator = '\x1f';

/// Prefixes of terms that are not fields a user types (Omega's conventions).
inline constexpr std::string_view kIdPrefix = "Q";     // Q<id>: the unique id term
inline constexpr std::string_view kDayPrefix = "D";    // D20250904
inline constexpr std::string_view kMonthPrefix = "M";  // M202509
inline constexpr std::string_view kYearPrefix = "Y";   // Y2025
/// Stemmed terms are "Z" + prefix + stem, as Xapian's TermGenerator and QueryParser make them.
inline constexpr std::string_view kStemPrefix = "Z";

/// A field a user can name in a query ("title:kim").
struct Field {
    std::string_view name;    // as typed in queries
    std::string_view prefix;  // as stored (Xapian's termprefixes.rst)
    bool boolean;             // a filter: restricts, never adds weight
};

inline constexpr Field kTitle{"title", "S", false};
inline constexpr Field kAuthor{"author", "A", false};
inline constexpr Field kDateline{"dateline", "XDATELINE", false};
inline constexpr Field kCategory{"category", "XCAT", true};
/// Free-text fields, indexed with positions and stems under their prefix and also
/// unprefixed. The category is a boolean term "XCAT" + slug ("XCATasia-pacific").
inline constexpr Field kFields[] = {kTitle, kAuthor, kDateline, kCategory};

/// "date:" in queries: a day, month, year or range of them; served by the value slot
/// kPublished and the D/M/Y terms.
inline constexpr std::string_view kDateField = "date";

/// What an indexed word term holds: see split_term().
struct TermParts {
    std::string_view field;  // the Field name ("title"); empty for unprefixed text
    std::string_view word;   // the term without prefixes: a word, or a stem if `stemmed`
    bool stemmed = false;
};

/// Splits a term made by the indexer ("ZSkorea" -> title, korea, stemmed). nullopt for the
/// terms that hold no word (id, dates, category, source file).
inline std::optional<TermParts> split_term(std::string_view term) {
    auto starts_upper = [](std::string_view s) { return !s.empty() && s[0] >= 'A' && s[0] <= 'Z'; };
    TermParts parts;
    if (term.starts_with(kStemPrefix)) {
        parts.stemmed = true;
        term.remove_prefix(kStemPrefix.size());
    }
    if (starts_upper(term)) {
        for (const auto& field : kFields) {
            if (!field.boolean && term.starts_with(field.prefix) &&
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
    if (term.empty()) {
        return std::nullopt;
    }
    parts.word = term;
    return parts;
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

/// Within-document frequency of a title word in the unprefixed text, so that a title
/// match outranks a body-only match; every other section counts once a word.
inline constexpr Xapian::termcount kTitleWeight = 5;

/// The unique id term of an article.
inline std::string id_term(std::string_view id) {
    std::string term(kIdPrefix);  // not operator+: GCC 12 -O2 warns falsely (-Wrestrict)
    term += id;
    return term;
}

/// The boolean date terms: D20250904, M202509, Y2025.
inline std::string day_term(const Date& d) {
    return std::string(kDayPrefix) + std::to_string(d.year * 10000 + d.month * 100 + d.day);
}
inline std::string month_term(const Date& d) {
    return std::string(kMonthPrefix) + std::to_string(d.year * 100 + d.month);
}
inline std::string year_term(int year) { return std::string(kYearPrefix) + std::to_string(year); }

/// The value stored in kPublished/kUpdated for a date.
inline std::string date_value(const Date& date) {
    return Xapian::sortable_serialise(static_cast<double>(date.days_since_epoch()));
}

/// The value in kSortKey: "\x01" + the kPublished value, or "\x00" without a date; then the
/// id. Results equal in score (or, without weights, in date) are ordered by it: by docid they
/// would come in the order they were indexed, which differs between one database and shards.
inline std::string sort_key(const std::optional<Date>& published, std::string_view id) {
    std::string key(1, published ? '\x01' : '\0');
    if (published) {
        key += date_value(*published);
    }
    key += id;
    return key;
}

}  // namespace newsidx
