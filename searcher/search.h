// Answers a query against a database, read-only. Returns data; the printers print it.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "common/text_analyzer.h"
#include "searcher/facets.h"
#include "searcher/query_builder.h"
#include "searcher/snippet.h"

namespace newsidx {

struct Hit {
    size_t rank = 0;  // 1-based, counting from the first result of the whole list
    double score = 0;
    int percent = 0;
    Article article;
    Snippet snippet;
};

struct SearchResult {
    std::string query;
    Xapian::doccount total = 0;  // every matching article, not just this page
    size_t offset = 0;
    std::vector<Hit> hits;
    Facets facets;  // empty unless asked for
};

enum class Sort {
    kRelevance,  // BM25; equal scores: newest first
    kNewest,     // by publication date, newest first; equal dates: by relevance
    kOldest,
};

struct SearchRequest {
    std::string query;
    Filters filters;
    Sort sort = Sort::kRelevance;
    size_t offset = 0;
    size_t limit = 10;
    std::vector<std::string> facets;  // names from kFacetNames
};

/// One open database and what is needed to query it. A build committing meanwhile is
/// handled by reopening at its newest commit. Not thread-safe.
class Searcher {
  public:
    /// Opens `db_path` read-only. Throws newsidx::Error if there is no database there or it
    /// was not made by newsidx.
    explicit Searcher(const std::string& db_path);

    /// Results offset+1 .. offset+limit of the request, in its order, with snippets.
    /// Throws newsidx::QueryError for a query that cannot be answered as typed.
    SearchResult search(const SearchRequest& request);

    /// The exact number of articles matching the request's query and filters.
    Xapian::doccount count(const SearchRequest& request);

  private:
    static constexpr int kMaxReopens = 5;
    template <typename Fn>
    auto retrying(Fn&& fn);
    SearchResult search_once(const SearchRequest& request);
    Xapian::doccount count_once(const SearchRequest& request);

    Xapian::Database db_;
    QueryBuilder builder_;
    TextAnalyzer analyzer_;
};

}  // namespace newsidx
