// Turns what a user types into a Xapian::Query: QueryParser set up from common/schema.h, with
// every word analysed by the same TextAnalyzer the indexer uses.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/text_analyzer.h"
#include "searcher/query_lexer.h"

namespace newsidx {

/// Restrictions that do not change ranking (the options --category, --author, --dateline,
/// --since, --until). Values of one field are ORed, different fields ANDed.
struct Filters {
    std::vector<std::string> categories, authors, datelines;
    std::vector<std::string> languages;  // also the only languages query words are stemmed in
    std::string since, until;            // date expressions (date_expr.h); empty: open

    bool empty() const {
        return categories.empty() && authors.empty() && datelines.empty() && languages.empty() &&
               since.empty() && until.empty();
    }
    bool operator==(const Filters&) const = default;
};

/// What `saved:NAME` stands for.
struct SavedQuery {
    std::string query;  // as typed; may itself hold saved:OTHER
    Filters filters;    // applied inside the saved query, as filters of its own
};

/// Finds a saved search by name; nullopt if there is none. May throw newsidx::Error (a
/// saved-search file that cannot be read).
using SavedLookup = std::function<std::optional<SavedQuery>(const std::string& name)>;

/// The size of a query as QueryBuilder's bound counts it: its leaves (terms, value ranges,
/// match-all), however deep; the stems of one word in the archive's languages count as one.
Xapian::termcount query_size(const Xapian::Query& query);

/// Parses queries for one database. Not thread-safe (it owns an analyser).
class QueryBuilder {
  public:
    /// Bounds on what one query may cost; beyond them it is refused (a QueryError). The
    /// terms are counted in the query as searched, its saved searches expanded: every term,
    /// date range and match-all of it (query_size()).
    static constexpr size_t kMaxQueryBytes = 16 * 1024;
    static constexpr Xapian::termcount kMaxQueryTerms = 1000;
    static constexpr Xapian::termcount kMaxWildcardTerms = 1000;  // words a wildcard may match

    /// `db` serves wildcard expansion, synonyms and spelling; it must outlive the builder.
    /// `synonyms`: expand words and runs of words that are keys of the database's synonym
    /// table (newsidx build --synonyms) into any of their synonyms. `saved` resolves
    /// saved:NAME; without it every saved:NAME is unknown.
    explicit QueryBuilder(const Xapian::Database& db, bool synonyms = true, SavedLookup saved = {});
    ~QueryBuilder();

    /// The query for `text`. A malformed query (an unbalanced quote or parenthesis, a
    /// dangling operator, NEAR or ADJ of a wildcard or saved search) is parsed leniently. A
    /// word joined by NEAR or ADJ is not expanded into its synonyms. A query of only negative
    /// terms (`-word`) matches every article but those. Throws newsidx::QueryError for what
    /// cannot be answered as typed (an impossible date; saved:NAME naming no saved search, one
    /// that cannot be answered, or one that refers to itself through others; a query over the
    /// bounds above); Xapian::QueryParserError only if even the lenient parse fails.
    Xapian::Query parse(std::string_view text);

    /// parse(text), restricted by `filters` without changing weights. An empty text with
    /// filters matches every article that passes them; with none it is a QueryError.
    Xapian::Query build(std::string_view text, const Filters& filters);

    /// The restriction `filters` make, if any (a boolean query: no weight).
    std::optional<Xapian::Query> filter(const Filters& filters);

    /// `text` with each word the index does not hold, or holds far less often than a word
    /// of its vocabulary a few letters away, replaced by that word (Xapian's spelling
    /// table); in the analysed form of normalize_query() (query_lexer.h). nullopt if nothing
    /// was replaced.
    std::optional<std::string> suggest(std::string_view text);

    /// The prefixes of the wildcards in `text` and in the saved searches it refers to,
    /// analysed ("Pyong*" -> "pyong").
    std::vector<std::string> wildcard_prefixes(std::string_view text);

  private:
    // What the builders of one query share while its saved searches are expanded.
    struct Expansion {
        std::vector<std::string> names;  // being expanded, outermost first
        bool too_long = false;           // the bound was passed: expand nothing more
    };
    // A builder for the saved searches of another builder: `expanding` is shared by all of
    // them.
    QueryBuilder(const Xapian::Database& db, bool synonyms, SavedLookup saved,
                 std::shared_ptr<Expansion> expanding);
    // parse(text), its words stemmed in `languages` and those named by lang: in it, else in
    // every language of the archive.
    Xapian::Query parse(std::string_view text, const std::vector<std::string>& languages);
    // The primary subtags of the tags `given` and of lang:TAG in the query (not those
    // excluded), without repeats.
    static std::vector<std::string> languages_named(const std::vector<QueryToken>& tokens,
                                                    const std::vector<std::string>& given);
    // `query` with each "Z" + prefix + word that StemLater left replaced by the OP_SYNONYM
    // of the word's stem terms in `languages` (the word itself in a language without a
    // stemmer, as the indexer makes them) AND_MAYBE the word as typed (prefix + word).
    Xapian::Query with_stems(const Xapian::Query& query, const std::vector<std::string>& languages);
    // The query saved:NAME stands for. Throws newsidx::Error.
    Xapian::Query saved_query(const std::string& name);
    void add_wildcard_prefixes(std::string_view text, std::vector<std::string>& seen,
                               std::vector<std::string>& prefixes);
    // The articles whose `prefix` field holds `text` as a phrase ("A" + "Gökçe Şahin").
    Xapian::Query field_phrase(std::string_view prefix, std::string_view text);
    // Prepares the sub-queries of `tokens` (prepared_ holds them): prepare_synonyms() then
    // prepare_wildcards(). Returns `tokens`.
    std::vector<QueryToken>& prepare(std::vector<QueryToken>& tokens);
    // Replaces each run of plain words that is a synonym key by a prepared sub-query.
    void prepare_synonyms(std::vector<QueryToken>& tokens);
    // Replaces each wildcard by a prepared sub-query, expanded over the whole database.
    void prepare_wildcards(std::vector<QueryToken>& tokens);
    std::string correct_word(const std::string& word);
    // Whether `word` is a word of the database's synonym table (of a key or a member).
    bool in_synonyms(const std::string& word);

    const Xapian::Database& db_;
    bool has_synonyms_;                                   // asked for, and the database has some
    std::optional<std::set<std::string>> synonym_words_;  // of in_synonyms(), read once
    std::vector<std::string> archive_languages_;          // the languages of its articles ("en")
    // The words of the query being parsed that were typed with accents: term -> the word
    // case-folded with them (Token::cased), stemmed too.
    std::multimap<std::string, std::string> cased_;
    SavedLookup saved_lookup_;
    std::shared_ptr<Expansion> expanding_;
    // The size of the saved searches this parse expanded so far (its own words are counted
    // at the end): a bound checked while expanding, so that saved searches that refer to each
    // other many times over stop early instead of multiplying.
    Xapian::termcount expanded_ = 0;
    // Parses the saved searches this one refers to: QueryParser calls a FieldProcessor in the
    // middle of a parse, when parser_ and synonyms_ are in use. Made on first use.
    std::unique_ptr<QueryBuilder> nested_;
    // Declared before parser_, which points at them, so they outlive it.
    TextAnalyzer analyzer_;
    std::unique_ptr<class CheckedFieldProcessor> dates_;
    std::unique_ptr<class CategoryFieldProcessor> categories_;
    std::unique_ptr<class CheckedFieldProcessor> languages_;
    std::unique_ptr<class PreparedQueries> prepared_;
    std::unique_ptr<class CheckedFieldProcessor> saved_;
    Xapian::QueryParser parser_;
};

}  // namespace newsidx
