// Answers a query against a database, read-only. Returns data; the printers print it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "common/database_open.h"
#include "common/parallel.h"
#include "common/text_analyzer.h"
#include "searcher/facets.h"
#include "searcher/query_builder.h"
#include "searcher/snippet.h"

namespace newsidx {

/// What one matching term added to a result's score (--explain); a group that Xapian weighs
/// as one term (a synonym group, a wildcard, a word's stems in several languages) is one
/// TermWeight, named by those of its members the article holds.
struct TermWeight {
    std::string term;   // as indexed ("Skorea", "Zpipelin"); a group's first matching member
    std::string field;  // "title", "author", "dateline", or "text" (any section)
    std::string word;   // the term without its prefixes; a group's matching members, " | "
    bool stemmed = false;
    double weight = 0;  // its BM25 weight in this article; the weights add up to the score
};

struct Hit {
    size_t rank = 0;  // 1-based, counting from the first result of the whole list
    double score = 0;
    int percent = 0;
    /// With --explain: false if the explain's weights do not add up to the score (a term
    /// weighed in a way it lists no part of).
    bool explain_complete = true;
    Article article;
    Snippet snippet;
    std::vector<TermWeight> explain;  // empty unless asked for
};

struct SearchResult {
    std::string query;
    /// The saved search these are the results of (`saved run`); empty for any other search.
    std::string saved;
    Xapian::doccount total = 0;  // every matching article, not just this page...
    bool total_exact = true;     // ...counted, or estimated (SearchRequest::exact_total)
    size_t offset = 0;
    std::vector<Hit> hits;
    Facets facets;  // empty unless asked for
    /// A query built from the index's vocabulary that matches more, when this one matched
    /// little (fewer than kSuggestBelow articles).
    std::optional<std::string> suggestion;
    /// The results are those of `suggestion`, run instead of `query` (SearchRequest::correct).
    bool corrected = false;
};

enum class Sort {
    kRelevance,  // BM25; equal scores: newest first
    kNewest,     // by publication date, newest first; equal dates: by relevance
    kOldest,
};

struct SearchRequest {
    /// The most results a page may have, and the most that may be skipped before it: Xapian
    /// keeps offset + limit candidates in memory while it matches (Elasticsearch's
    /// max_result_window is 10,000 likewise). The command line refuses more.
    static constexpr size_t kMaxLimit = 10000;
    static constexpr size_t kMaxOffset = 100000;
    /// The most results --explain explains: each costs a query per matching term, which over
    /// remote shards is a round trip each (-n 1000 took 32 s); refused beyond.
    static constexpr size_t kMaxExplained = 100;

    std::string query;
    Filters filters;
    Sort sort = Sort::kRelevance;
    size_t offset = 0;
    size_t limit = 10;
    std::vector<std::string> facets;  // names from kFacetNames
    bool explain = false;             // fill Hit::explain; limit at most kMaxExplained
    bool correct = false;             // run the spelling suggestion instead, if there is one
    /// Count every match, however many; otherwise a total above Searcher::kExactTotalUpTo
    /// may be Xapian's estimate (reading whole posting lists costs more than the top ten).
    bool exact_total = false;
    /// Articles left out, by id, sorted (`saved run --new`: those already reported).
    std::vector<std::string> exclude;
};

/// How a Searcher opens its database and parses queries.
struct SearcherOptions {
    /// Expand query words with the database's synonyms.
    bool synonyms = true;
    /// Open stub lines `remote :PROGRAM ARGS`, which run PROGRAM (--allow-remote-program);
    /// otherwise such a stub is refused.
    bool allow_remote_program = false;
};

/// One open database and what is needed to query it. A build committing meanwhile is
/// handled by reopening at its newest commit; a compact (or a first build's import)
/// swapping the database folder meanwhile, by opening it again. Not thread-safe.
class Searcher {
  public:
    /// A query that matches fewer articles than this gets a spelling suggestion, if the
    /// index knows better spellings of its words.
    static constexpr Xapian::doccount kSuggestBelow = 5;
    /// Totals up to this are always exact (as Elasticsearch's track_total_hits).
    static constexpr Xapian::doccount kExactTotalUpTo = 1000;

    /// Opens `db_path` read-only: a database folder, or a stub (a file, or a folder holding
    /// XAPIANDB) listing shards, local or remote (README, "Scale-out"). Throws newsidx::Error
    /// if there is no database there, it was not made by newsidx, a stub would run a program
    /// that `options` do not allow, or a remote shard does not answer (then also from every
    /// other method). `saved` resolves saved:NAME in queries (none: every saved:NAME is
    /// unknown).
    explicit Searcher(const std::string& db_path, SearcherOptions options = {},
                      SavedLookup saved = {});

    /// Results offset+1 .. offset+limit of the request, in its order, with snippets.
    /// Throws newsidx::QueryError for a query that cannot be answered as typed.
    SearchResult search(const SearchRequest& request);

    /// The exact number of articles matching the request's query and filters.
    Xapian::doccount count(const SearchRequest& request);

    /// The article with this id, if the database holds it.
    std::optional<Article> article(const std::string& id);

    /// Articles like the one with this id, most similar first (Xapian's relevance feedback:
    /// the article's most telling terms, chosen by an ESet, make the query), within the
    /// request's filters; request.query is ignored. Throws newsidx::QueryError if no
    /// article has this id.
    SearchResult similar(const std::string& id, const SearchRequest& request);

  private:
    /// Tries of one request before its error is given up on (a build that commits, a compact
    /// that swaps): one in 17,000 searches still failed after 5 under 20 searchers.
    static constexpr int kMaxAttempts = 20;
    // What to do before trying again.
    enum class Recovery { kNone, kReopen, kOpenAgain };
    // fn(), tried again (up to kMaxAttempts) when a build or a compact got in its way;
    // `first` is done before the first try.
    template <typename Fn>
    auto retrying(Fn&& fn, Recovery first = Recovery::kNone);
    // Opens the database (again): db_, sources_ and builder_.
    void open();
    // Brings db_ to the newest commit: reopen(), or open() if a folder was swapped.
    void refresh();
    // True if a file or folder the database was opened from is no longer the one at its path.
    bool swapped_since_open() const;
    SearchResult search_once(const SearchRequest& request);
    SearchResult similar_once(const std::string& id, const SearchRequest& request);
    Xapian::doccount count_once(const SearchRequest& request);
    // Runs `query` with the request's order, page and facets; snippets highlight `highlight`.
    SearchResult run(const Xapian::Query& query, const SearchRequest& request,
                     const MatchedTerms& highlight);
    // Fills the articles and snippets of `hits` from the documents of `from`.
    void read_articles(const std::vector<Xapian::MSetIterator>& from, std::vector<Hit>& hits,
                       const MatchedTerms& highlight);
    // What each weighed part of the query adds to the score of the article `article_id`.
    std::vector<TermWeight> explain(const Xapian::Enquire& enquire, const std::string& article_id);
    std::optional<Xapian::docid> find(const std::string& id);

    std::string db_path_;
    SearcherOptions options_;
    SavedLookup saved_;
    Xapian::Database db_;
    std::vector<PathIdentity> sources_;      // what db_ was opened from (database_open.h)
    std::unique_ptr<QueryBuilder> builder_;  // made again with db_: its QueryParser copies it
    WorkerPool workers_;
    std::vector<std::unique_ptr<TextAnalyzer>> analyzers_;  // one per worker
};

}  // namespace newsidx
