#include "searcher/search.h"

#include <filesystem>

#include "common/error.h"
#include "common/json.h"
#include "common/schema.h"

namespace newsidx {

namespace {

Xapian::Database open_database(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw Error("no database at " + path + " (create one with: newsidx build --db " + path +
                    " FOLDER)");
    }
    Xapian::Database db;
    try {
        db = Xapian::Database(path);
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error("cannot open database " + path + ": " + e.get_msg());
    }
    check_schema(db, path);
    return db;
}

}  // namespace

Searcher::Searcher(const std::string& db_path) : db_(open_database(db_path)), builder_(db_) {}

// A build that commits while we read can make Xapian throw DatabaseModifiedError: reopen
// at the newest commit and try again (Xapian's documented remedy).
template <typename Fn>
auto Searcher::retrying(Fn&& fn) {
    for (int attempt = 1;; ++attempt) {
        try {
            return fn();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == kMaxReopens) {
                throw;
            }
            db_.reopen();
        }
    }
}

SearchResult Searcher::search(const SearchRequest& request) {
    return retrying([&] { return search_once(request); });
}

Xapian::doccount Searcher::count(const SearchRequest& request) {
    return retrying([&] { return count_once(request); });
}

SearchResult Searcher::search_once(const SearchRequest& request) {
    const std::string& query = request.query;
    size_t offset = request.offset, limit = request.limit;
    Xapian::Enquire enquire(db_);
    enquire.set_query(builder_.build(query, request.filters));
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    switch (request.sort) {
        case Sort::kRelevance:  // ties (equal scores) go to the newer article
            enquire.set_sort_by_relevance_then_value(kPublished, true);
            break;
        case Sort::kNewest:
            enquire.set_sort_by_value_then_relevance(kPublished, true);
            break;
        case Sort::kOldest:
            enquire.set_sort_by_value_then_relevance(kPublished, false);
            break;
    }
    std::unique_ptr<FacetSpy> facets;
    if (!request.facets.empty()) {
        facets = std::make_unique<FacetSpy>(request.facets);
        enquire.add_matchspy(facets.get());
    }
    // Count every match exactly: scripts rely on "total".
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(offset),
                                         static_cast<Xapian::doccount>(limit), db_.get_doccount());
    SearchResult result;
    result.query = query;
    result.total = mset.get_matches_estimated();
    result.offset = offset;
    if (facets) {
        result.facets = facets->result();
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Hit hit;
        hit.rank = it.get_rank() + 1;  // get_rank() counts from the top, offset included
        hit.score = it.get_weight();
        hit.percent = it.get_percent();
        hit.article = article_from_json(Json::parse(it.get_document().get_data()));
        MatchedTerms matched;
        for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it);
             ++t) {
            matched.add_index_term(*t);
        }
        hit.snippet = make_snippet(hit.article, matched, analyzer_);
        result.hits.push_back(std::move(hit));
    }
    return result;
}

Xapian::doccount Searcher::count_once(const SearchRequest& request) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(builder_.build(request.query, request.filters));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
}

}  // namespace newsidx
