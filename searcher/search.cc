#include "searcher/search.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>
#include <thread>

#include "common/error.h"
#include "common/json.h"
#include "common/parallel.h"
#include "common/schema.h"

namespace newsidx {

namespace {

// A remote shard (xapian-tcpsrv) that refused the connection, closed it, or did not answer
// within Xapian's timeout (10 s for a stub's `remote` line): said once, plainly.
Error unreachable(const std::string& path, const Xapian::NetworkError& e) {
    std::string why = e.get_msg();
    if (e.get_error_string()) {
        why += std::string(" (") + e.get_error_string() + ")";
    }
    std::string where = e.get_context().empty() ? "" : " " + e.get_context();
    return Error("database " + path + ": remote shard" + where + " does not answer: " + why);
}

// A short pause before trying again, longer each time: a build's commit or a compact's
// swap is over in milliseconds; twenty tries wait about a second in all.
void pause_before(int attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt));
}

bool changed(const std::vector<PathIdentity>& sources) {
    return identify_again(sources) != sources;
}

// `compact` and a first build's import swap a new database folder in for the old one
// (renameat2 RENAME_EXCHANGE). Xapian's glass backend opens a database by path: it reads
// iamglass, then opens each of its tables by name, at open time and again at every reopen()
// (GlassDatabase::open_tables). An open that overlaps a swap can read the version file of one
// folder and tables of the other: DatabaseCorruptError ("Expected block 277 to be level 1",
// "EOF reading block"), or answers from a mix. Once open, a database reads through the files
// it holds open, and a swap no longer matters: the old files stay readable until closed (the
// promise README makes). So an open counts only if every stub file and database folder it
// was opened from is still the one at its path when it is done; if one was swapped meanwhile,
// it is opened again. (A folder swapped out, deleted, and its inode number given to the next
// swapped in, all within one open of milliseconds, would go unseen: two compacts in that
// time cannot happen, each takes the build lock and writes a whole copy.)
Xapian::Database open_unswapped(const std::string& path, const OpenRules& rules,
                                std::vector<PathIdentity>& sources) {
    constexpr int kMaxOpens = 20;
    for (int attempt = 1;; ++attempt) {
        try {
            Xapian::Database db = open_database_to_read(path, rules, sources);
            if (!changed(sources) || attempt == kMaxOpens) {
                return db;
            }
        } catch (const Xapian::DatabaseError&) {
            // DatabaseCorruptError, DatabaseOpeningError ("Couldn't open postlist.glass"),
            // DatabaseError ("EOF reading block 28"): a swap meanwhile, or a damaged database.
            if (!changed(sources) || attempt == kMaxOpens) {
                throw;
            }
        }
        pause_before(attempt);
    }
}

Xapian::Database open_database(const std::string& path, const SearcherOptions& options,
                               std::vector<PathIdentity>& sources) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw no_database_error(path);
    }
    Xapian::Database db;
    try {
        db = open_unswapped(path, OpenRules{options.allow_remote_program}, sources);
    } catch (const Xapian::DatabaseOpeningError& e) {
        if (std::filesystem::is_directory(path, ec)) {  // a folder that holds no database
            auto name = other_file_in(path);
            throw name ? other_files_error(path, *name) : no_database_error(path);
        }
        throw Error("cannot open database " + path + ": " + e.get_msg());
    } catch (const Xapian::NetworkError& e) {
        throw unreachable(path, e);
    } catch (const Error& e) {  // a stub that would run a program
        throw Error("cannot open database " + path + ": " + e.what());
    }
    if (db.size() == 0) {  // a stub file that names no database (an empty file)
        throw Error("cannot open database " + path + ": a file that names no database");
    }
    try {
        check_schema(db, path);
    } catch (const Xapian::NetworkError& e) {
        throw unreachable(path, e);
    }
    return db;
}

// The article a document holds as its data (document_builder.cc).
Article stored_article(const std::string& data) { return article_from_json(Json::parse(data)); }

// What to highlight: the query's terms. A term an article does not hold is not in its text
// either; asking Xapian which terms each result matched would read (and inflate) each
// result's whole termlist, the largest cost of a query.
MatchedTerms terms_of(const Xapian::Query& query) {
    MatchedTerms terms;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        terms.add_index_term(*t);
    }
    return terms;
}

// `query` less the articles the request excludes, by id term: an article indexed again keeps
// its id (and stays excluded), not its docid.
Xapian::Query excluding(const Xapian::Query& query, const SearchRequest& request) {
    if (request.exclude.empty()) {
        return query;
    }
    std::vector<std::string> ids;
    ids.reserve(request.exclude.size());
    for (const auto& id : request.exclude) {
        ids.push_back(id_term(id));
    }
    return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                         Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()));
}

// Results' snippets are made in parallel: a page of ten is about half of a query's time.
unsigned snippet_threads() {
    constexpr unsigned kMax = 4;
    return std::clamp(std::thread::hardware_concurrency(), 1u, kMax);
}

}  // namespace

void Searcher::open() {
    builder_.reset();  // none until the database is open: retrying() then opens again
    std::vector<PathIdentity> sources;
    Xapian::Database db = open_database(db_path_, options_, sources);
    db_ = std::move(db);
    sources_ = std::move(sources);
    // The builder's QueryParser holds a copy of the database handle: made again with it.
    builder_ = std::make_unique<QueryBuilder>(db_, options_.synonyms, saved_);
}

bool Searcher::swapped_since_open() const { return changed(sources_); }

// reopen() reads the version files and tables by path again: checked as an open is. After a
// swap, the folder at the path is another database than the one opened: opened afresh.
void Searcher::refresh() {
    if (swapped_since_open()) {
        open();
        return;
    }
    db_.reopen();
    if (swapped_since_open()) {
        open();
    }
}

// A build that commits while we read can make Xapian throw DatabaseModifiedError: reopen
// at the newest commit and try again (Xapian's documented remedy), after a short pause. Any
// other DatabaseError (corrupt, cannot open a table, EOF reading a block) is what a reopen
// that overlapped a swap gives: tried again, opened afresh, only if a folder was swapped
// since the open; otherwise the database is damaged, and that is said. A remote shard that stops
// answering is an error, said plainly.
template <typename Fn>
auto Searcher::retrying(Fn&& fn, Recovery first) {
    Recovery recovery = first;
    for (int attempt = 1;; ++attempt) {
        try {
            if (recovery == Recovery::kReopen) {
                refresh();
            } else if (recovery == Recovery::kOpenAgain) {
                open();
            }
            return fn();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == kMaxAttempts) {
                throw;
            }
            recovery = builder_ ? Recovery::kReopen : Recovery::kOpenAgain;
        } catch (const Xapian::DatabaseError&) {
            // DatabaseCorruptError ("Expected block 277 to be level 1"), DatabaseOpeningError,
            // DatabaseError ("EOF reading block 78"): what an open or reopen that overlapped a
            // swap gives, or a damaged database.
            if (attempt == kMaxAttempts || !swapped_since_open()) {
                throw;
            }
            recovery = Recovery::kOpenAgain;
        } catch (const Xapian::NetworkError& e) {
            throw unreachable(db_path_, e);
        }
        pause_before(attempt);
    }
}

Searcher::Searcher(const std::string& db_path, SearcherOptions options, SavedLookup saved)
    : db_path_(db_path), options_(options), saved_(std::move(saved)), workers_(snippet_threads()) {
    // Reading the schema and the synonym keys right after the open can meet a build's
    // commits too (DatabaseModifiedError): the open is tried again as a search is.
    retrying([] { return true; }, Recovery::kOpenAgain);
    for (unsigned i = 0; i < workers_.size(); ++i) {
        analyzers_.push_back(std::make_unique<TextAnalyzer>());
    }
}

SearchResult Searcher::search(const SearchRequest& request) {
    return retrying([&] {
        SearchResult result = search_once(request);
        if (result.total >= kSuggestBelow || request.query.empty()) {
            return result;
        }
        std::optional<std::string> suggestion = builder_->suggest(request.query);
        if (!suggestion) {
            return result;
        }
        SearchRequest instead = request;
        instead.query = *suggestion;
        // Only a suggestion that finds more is worth showing.
        if (request.correct) {
            SearchResult corrected = search_once(instead);
            if (corrected.total > result.total) {
                corrected.query = request.query;
                corrected.suggestion = suggestion;
                corrected.corrected = true;
                return corrected;
            }
        } else if (count_once(instead) > result.total) {
            result.suggestion = suggestion;
        }
        return result;
    });
}

Xapian::doccount Searcher::count(const SearchRequest& request) {
    return retrying([&] { return count_once(request); });
}

std::optional<Article> Searcher::article(const std::string& id) {
    return retrying([&]() -> std::optional<Article> {
        auto docid = find(id);
        if (!docid) {
            return std::nullopt;
        }
        return stored_article(db_.get_document(*docid).get_data());
    });
}

SearchResult Searcher::similar(const std::string& id, const SearchRequest& request) {
    return retrying([&] { return similar_once(id, request); });
}

std::optional<Xapian::docid> Searcher::find(const std::string& id) {
    std::string term = id_term(id);
    auto post = db_.postlist_begin(term);
    if (post == db_.postlist_end(term)) {
        return std::nullopt;
    }
    return *post;
}

SearchResult Searcher::search_once(const SearchRequest& request) {
    Xapian::Query query = builder_->build(request.query, request.filters);
    MatchedTerms highlight = terms_of(query);
    // Wildcards expand at match time: Xapian lists no terms for them.
    highlight.prefixes = builder_->wildcard_prefixes(request.query);
    return run(excluding(query, request), request, highlight);
}

namespace {

// The terms relevance feedback may pick: unprefixed stems, so that "similar" is about the
// words of the article and matches their other forms; held by another article too (a word
// of this article alone finds nothing else), and by at most a tenth of the archive (or
// kCommon articles): words that common ("which", "have", "been" in speeches, in any
// language) tell nothing of a subject, and Xapian has no stop words for most languages.
class StemDecider : public Xapian::ExpandDecider {
  public:
    static constexpr Xapian::doccount kCommon = 10;

    explicit StemDecider(const Xapian::Database& db)
        : db_(db), most_(std::max(kCommon, db.get_doccount() / 10)) {}

    bool operator()(const std::string& term) const override {
        auto parts = split_term(term);
        if (!parts || !parts->stemmed || !parts->field.empty() || parts->word.size() <= 2) {
            return false;
        }
        Xapian::doccount freq = db_.get_termfreq(term);
        return freq > 1 && freq <= most_;
    }

  private:
    const Xapian::Database& db_;
    Xapian::doccount most_;
};

}  // namespace

SearchResult Searcher::similar_once(const std::string& id, const SearchRequest& request) {
    constexpr Xapian::termcount kTerms = 30;
    auto docid = find(id);
    if (!docid) {
        throw QueryError("no article with id " + id);
    }
    Xapian::RSet rset;
    rset.add_document(*docid);
    StemDecider decider(db_);
    // Exact term frequencies: over shards Xapian would otherwise estimate them from the
    // article's own shard, and pick other terms than one database does.
    Xapian::Enquire expander(db_);
    expander.set_expansion_scheme("trad", kExpandK);
    Xapian::ESet eset =
        expander.get_eset(kTerms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
    std::vector<Xapian::Query> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
        terms.emplace_back(*it);
    }
    Xapian::Query query(Xapian::Query::OP_AND_NOT,
                        Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                        Xapian::Query(id_term(id)));
    if (auto filter = builder_->filter(request.filters)) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, *filter);
    }
    SearchResult result = run(query, request, terms_of(query));
    result.query = "similar " + id;
    return result;
}

namespace {

// The hits of one page, in the order shown.
struct Page {
    Xapian::MSet mset;
    std::vector<Xapian::MSetIterator> hits;
};

// A page that shows `mset` as the matcher ordered it.
Page as_ordered(Xapian::MSet mset) {
    Page page{std::move(mset), {}};
    for (auto it = page.mset.begin(); it != page.mset.end(); ++it) {
        page.hits.push_back(it);
    }
    return page;
}

bool same_weight(const Xapian::MSetIterator& a, const Xapian::MSetIterator& b) {
    return a.get_weight() == b.get_weight();
}

// Relevance order, equal scores broken by kSortKey (newest, then id) so that the order does
// not depend on docids. Asking the matcher for that makes it read kSortKey for every
// candidate, a sixth of a query's time; so the page is asked for by relevance alone with one
// more hit on each side. Unless equal scores straddle an edge of the page, it then holds the
// articles that the matcher's tie-break would give, and sorting its ties gives their order;
// otherwise (rare, but always for a query without weights) the matcher is asked again.
Page by_relevance(Xapian::Enquire& enquire, Xapian::doccount offset, Xapian::doccount limit,
                  Xapian::doccount check_at_least) {
    Xapian::doccount before = offset > 0 ? 1 : 0;
    Page page{enquire.get_mset(offset - before, limit + before + 1, check_at_least), {}};
    const Xapian::MSet& mset = page.mset;
    Xapian::doccount first = before, end = std::min(mset.size(), before + limit);
    if (first < end && ((before && same_weight(mset[0], mset[first])) ||
                        (end < mset.size() && same_weight(mset[end - 1], mset[end])))) {
        enquire.set_sort_by_relevance_then_value(kSortKey, true);
        return as_ordered(enquire.get_mset(offset, limit, check_at_least));
    }
    std::vector<std::pair<Xapian::MSetIterator, std::string>> hits;
    for (Xapian::doccount i = first; i < end; ++i) {
        hits.emplace_back(mset[i], mset[i].get_document().get_value(kSortKey));
    }
    std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
        double wa = a.first.get_weight(), wb = b.first.get_weight();
        return wa != wb ? wa > wb : a.second > b.second;
    });
    for (auto& hit : hits) {
        page.hits.push_back(hit.first);
    }
    return page;
}

}  // namespace

SearchResult Searcher::run(const Xapian::Query& query, const SearchRequest& request,
                           const MatchedTerms& highlight) {
    if (request.explain && request.limit > SearchRequest::kMaxExplained) {
        throw QueryError("--explain explains at most " +
                         std::to_string(SearchRequest::kMaxExplained) + " results: give -n " +
                         std::to_string(SearchRequest::kMaxExplained) + " or less");
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(ranking_weight());
    SearchResult result;
    result.query = request.query;
    result.offset = request.offset;
    bool counted = false;
    if (!request.facets.empty()) {
        // Facets see every match, in a pass of their own without weights nor order: over
        // remote shards, Xapian 1.4's match spies count some documents twice when the
        // results are sorted by a value. The total comes from it, exact.
        Xapian::Enquire counting(db_);
        counting.set_query(query);
        counting.set_weighting_scheme(Xapian::BoolWeight());
        FacetSpy facets(request.facets);
        facets.attach(counting);
        result.total = counting.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
        result.facets = facets.result();
        counted = true;
    }
    auto offset = static_cast<Xapian::doccount>(request.offset);
    auto limit = static_cast<Xapian::doccount>(request.limit);
    Xapian::doccount check_at_least = request.exact_total && !counted
                                          ? db_.get_doccount()
                                          : std::max(offset + limit, kExactTotalUpTo);
    Page page;
    if (request.sort == Sort::kRelevance) {
        page = by_relevance(enquire, offset, limit, check_at_least);
    } else {
        bool newest = request.sort == Sort::kNewest;
        // By date, undated articles last in both orders; equal dates by relevance. A query
        // without weights (filters only) scores every article 0: then by id.
        if (enquire.get_mset(0, 0).get_max_possible() == 0) {
            enquire.set_sort_by_value(newest ? kSortKey : kOldestKey, newest);
        } else {
            enquire.set_sort_by_value_then_relevance(newest ? kPublished : kOldestDate, newest);
        }
        page = as_ordered(enquire.get_mset(offset, limit, check_at_least));
    }
    if (!counted) {
        result.total = page.mset.get_matches_estimated();
        result.total_exact =
            page.mset.get_matches_lower_bound() == page.mset.get_matches_upper_bound();
        // A page cut short holds every match from the offset on: the total is known, even
        // where Xapian's bounds stay apart (a value range on a word OR its stems).
        if (!result.total_exact && page.hits.size() < limit &&
            (!page.hits.empty() || offset == 0)) {
            result.total = static_cast<Xapian::doccount>(offset + page.hits.size());
            result.total_exact = true;
        }
    }
    for (const auto& it : page.hits) {
        Hit hit;
        hit.rank = request.offset + result.hits.size() + 1;
        hit.score = it.get_weight() * kScoreScale;
        hit.percent = it.get_percent();
        result.hits.push_back(std::move(hit));
    }
    read_articles(page.hits, result.hits, highlight);
    if (request.explain) {
        for (size_t i = 0; i < result.hits.size(); ++i) {
            Hit& hit = result.hits[i];
            hit.explain = explain(enquire, hit.article.id);
            double sum = 0;
            for (const auto& w : hit.explain) {
                sum += w.weight;
            }
            hit.explain_complete = std::abs(sum - hit.score) <= 0.001 * std::max(1.0, hit.score);
        }
    }
    return result;
}

// Task 0 reads the hits' documents in order, on one thread at a time as Xapian requires;
// task i > 0 parses the (i-1)-th and makes its snippet as soon as it is read. So the other
// threads work while Xapian reads (and inflates) the next documents.
void Searcher::read_articles(const std::vector<Xapian::MSetIterator>& from, std::vector<Hit>& hits,
                             const MatchedTerms& highlight) {
    std::vector<std::string> data(from.size());
    std::atomic<size_t> read{0};  // data[0, read) are there; past from.size() if reading failed
    workers_.run(from.size() + 1, [&](size_t task, unsigned w) {
        if (task == 0) {
            try {
                for (size_t i = 0; i < from.size(); ++i) {
                    data[i] = from[i].get_document().get_data();
                    read.store(i + 1);
                    read.notify_all();
                }
            } catch (...) {
                read.store(from.size() + 1);  // the others stop waiting; run() rethrows
                read.notify_all();
                throw;
            }
            return;
        }
        size_t i = task - 1;
        for (size_t now; (now = read.load()) <= i;) {
            read.wait(now);
        }
        if (read.load() > from.size()) {
            return;
        }
        hits[i].article = stored_article(data[i]);
        hits[i].snippet = make_snippet(hits[i].article, highlight, *analyzers_[w]);
    });
}

namespace {

// The parts of `query` that Xapian weighs apart, whose weights add up to a match's score: its
// terms, and its OP_SYNONYM groups whole (a group is weighed as one term: synonyms, wildcards,
// a word's stems in several languages). Filters add nothing.
void weighed_parts(const Xapian::Query& query, std::vector<Xapian::Query>& parts) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
        case Xapian::Query::OP_SYNONYM:
            parts.push_back(query);
            return;
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_AND_NOT:
            weighed_parts(query.get_subquery(0), parts);  // the others restrict
            return;
        case Xapian::Query::OP_SCALE_WEIGHT:
            return;  // a boolean field (0 * XCATenergy): we scale nothing else
        default:
            for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
                weighed_parts(query.get_subquery(i), parts);
            }
    }
}

}  // namespace

// Each weighed part of the query that matches this article, with its weight here: the part
// alone as a query, restricted to the article, with the same weighting scheme and
// statistics. A group is named by its members that the article holds.
std::vector<TermWeight> Searcher::explain(const Xapian::Enquire& enquire,
                                          const std::string& article_id) {
    std::vector<Xapian::Query> parts;
    weighed_parts(enquire.get_query(), parts);
    Xapian::Query only_this(id_term(article_id));
    auto weight_here = [&](const Xapian::Query& q, bool boolean) {
        Xapian::Enquire one(db_);
        if (boolean) {
            one.set_weighting_scheme(Xapian::BoolWeight());
        } else {
            one.set_weighting_scheme(ranking_weight());
        }
        one.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, only_this));
        Xapian::MSet mset = one.get_mset(0, 1);
        return mset.empty() ? std::optional<double>() : mset.begin().get_weight();
    };
    std::vector<TermWeight> weights;
    for (const auto& part : parts) {
        std::vector<Xapian::Query> members;
        if (part.get_type() == Xapian::Query::OP_SYNONYM) {
            for (size_t i = 0; i < part.get_num_subqueries(); ++i) {
                members.push_back(part.get_subquery(i));
            }
        } else {
            members.push_back(part);
        }
        TermWeight w;
        bool all_stems = true;
        for (const auto& member : members) {
            auto first = member.get_terms_begin();
            if (first == member.get_terms_end()) {
                continue;
            }
            std::string term = *first;  // split_term() points into it
            auto term_parts = split_term(term);
            if (!term_parts || (members.size() > 1 && !weight_here(member, true))) {
                continue;  // a filter term, or a member the article does not hold
            }
            std::string word;  // a phrase's words in order
            for (size_t k = 0; k < std::max<size_t>(1, member.get_num_subqueries()); ++k) {
                const Xapian::Query& leaf =
                    member.get_num_subqueries() ? member.get_subquery(k) : member;
                if (leaf.get_terms_begin() == leaf.get_terms_end()) {
                    continue;
                }
                std::string each = *leaf.get_terms_begin();
                auto each_parts = split_term(each);
                word += (word.empty() ? "" : " ") +
                        std::string(each_parts ? each_parts->word : std::string_view(each));
            }
            if (w.term.empty()) {
                w.term = term;
                w.field = term_parts->field.empty() ? "text" : std::string(term_parts->field);
            }
            w.word += (w.word.empty() ? "" : " | ") + word;
            all_stems &= term_parts->stemmed;
        }
        if (w.term.empty()) {
            continue;
        }
        auto weight = weight_here(part, false);
        if (!weight) {
            continue;  // the part does not match this article
        }
        w.stemmed = all_stems;
        w.weight = *weight * kScoreScale;
        weights.push_back(std::move(w));
    }
    std::stable_sort(weights.begin(), weights.end(), [](const auto& a, const auto& b) {
        return a.weight > b.weight || (a.weight == b.weight && a.term < b.term);
    });
    return weights;
}

Xapian::doccount Searcher::count_once(const SearchRequest& request) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(excluding(builder_->build(request.query, request.filters), request));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 0, db_.get_doccount()).get_matches_estimated();
}

}  // namespace newsidx
