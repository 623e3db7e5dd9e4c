// Turns what a user types into a Xapian::Query: QueryParser set up from common/schema.h, with
// every word analysed by the same TextAnalyzer the indexer uses.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/text_analyzer.h"

namespace newsidx {

/// Rewrites a query so that QueryParser sees terms exactly as the indexer made them, keeping
/// the query syntax: each word becomes its analysed term ("Gökçe" -> "gokce", "Kim’s" ->
/// "kim's"); a word the analyser splits becomes a hyphenated phrase ("COVID-19" ->
/// "covid-19"); curly quotes become '"'; field names (case-insensitive) become lower case;
/// operators (AND OR NOT XOR NEAR ADJ), +, -, parentheses and a trailing '*' are kept; the
/// values of the boolean fields `category:` and `date:` are kept as typed for their field
/// processors. With `drop_operators`, operator words are left out (the lenient retry).
std::string normalize_query(std::string_view query, TextAnalyzer& analyzer,
                            bool drop_operators = false);

/// Restrictions that do not change ranking (the options --category, --author, --dateline,
/// --since, --until). Values of one field are ORed, different fields ANDed.
struct Filters {
    std::vector<std::string> categories, authors, datelines;
    std::string since, until;  // date expressions (date_expr.h); empty: open

    bool empty() const {
        return categories.empty() && authors.empty() && datelines.empty() && since.empty() &&
               until.empty();
    }
};

/// Parses queries for one database. Not thread-safe (it owns an analyser).
class QueryBuilder {
  public:
    /// `db` serves wildcard expansion, synonyms and spelling; it must outlive the builder.
    /// `synonyms`: expand words and runs of words that are keys of the database's synonym
    /// table (newsidx build --synonyms) into any of their synonyms.
    explicit QueryBuilder(const Xapian::Database& db, bool synonyms = true);
    ~QueryBuilder();

    /// The query for `text`. A malformed query (an unbalanced quote or parenthesis, a
    /// dangling operator) is parsed leniently. Throws newsidx::QueryError for what cannot
    /// be answered as typed (an impossible date); Xapian::QueryParserError only if even the
    /// lenient parse fails.
    Xapian::Query parse(std::string_view text);

    /// parse(text), restricted by `filters` without changing weights. An empty text with
    /// filters matches every article that passes them; with none it is a QueryError.
    Xapian::Query build(std::string_view text, const Filters& filters);

    /// The restriction `filters` make, if any (a boolean query: no weight).
    std::optional<Xapian::Query> filter(const Filters& filters);

    /// `text` with each word the index does not hold, or holds far less often than a word
    /// of its vocabulary a few letters away, replaced by that word (Xapian's spelling
    /// table); in the analysed form of normalize_query(). nullopt if nothing was replaced.
    std::optional<std::string> suggest(std::string_view text);

    /// The prefixes of the wildcards in `text`, analysed ("Pyong*" -> "pyong").
    std::vector<std::string> wildcard_prefixes(std::string_view text);

  private:
    // The articles whose `prefix` field holds `text` as a phrase ("A" + "Gökçe Şahin").
    Xapian::Query field_phrase(std::string_view prefix, std::string_view text);
    // Rewrites runs of plain words that are synonym keys as "xsyn:N" (see SynonymProcessor).
    std::string expand_synonyms(const std::string& query);
    std::string correct_word(const std::string& word);

    const Xapian::Database& db_;
    bool has_synonyms_;  // asked for, and the database has some
    // Declared before parser_, which points at them, so they outlive it.
    TextAnalyzer analyzer_;
    std::unique_ptr<class DateFieldProcessor> dates_;
    std::unique_ptr<class CategoryFieldProcessor> categories_;
    std::unique_ptr<class SynonymProcessor> synonyms_;
    Xapian::QueryParser parser_;
};

}  // namespace newsidx
