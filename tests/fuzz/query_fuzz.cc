// libFuzzer harness: the query front end. The input is up to three lines, as a user gives them:
// a query (`newsidx-search QUERY`), then the date expressions of --since and --until. The query
// runs to completion, with snippets, facets and term weights, against a real database of
// corpus/ built once at start-up.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <xapian.h>

#include "common/error.h"
#include "fuzz_check.h"
#include "indexer/build.h"
#include "searcher/date_expr.h"
#include "searcher/saved_store.h"
#include "searcher/search.h"

namespace {

// The database lives in a temporary folder removed at exit (a crash leaves it in /tmp).
std::string build_database() {
    static std::string dir;
    std::string pattern = (std::filesystem::temp_directory_path() / "newsidx-fuzz-XXXXXX");
    if (!mkdtemp(pattern.data())) {
        std::abort();
    }
    dir = pattern;
    std::atexit([] { std::filesystem::remove_all(dir); });
    newsidx::BuildOptions opts;
    opts.db_path = dir + "/db";
    opts.inputs = {NEWSIDX_SOURCE_DIR "/corpus"};
    opts.synonyms_file = dir + "/synonyms.txt";
    std::ofstream(opts.synonyms_file) << "DPRK = North Korea = Pyongyang regime\n"
                                         "EV = electric vehicle\n";
    opts.jobs = 1;
    opts.quiet = true;
    std::ostringstream out, err;
    if (newsidx::run_build(opts, out, err) != newsidx::kExitOk) {
        std::fprintf(stderr, "building the fuzz database failed:\n%s", err.str().c_str());
        std::abort();
    }
    return opts.db_path;
}

// Saved searches for saved:NAME, among them one that refers to itself.
newsidx::SavedSearches saved_searches() {
    newsidx::SavedSearches searches;
    searches["korea"].query = "korea";
    searches["recent"].query = "oil OR gas";
    searches["recent"].filters.since = "2025-01";
    searches["loop"].query = "saved:loop AND title:x";
    searches["indirect"].query = "saved:korea NEAR saved:recent";
    return searches;
}

// The next line of `rest`, which is advanced past it.
std::string_view next_line(std::string_view& rest) {
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    return line;
}

void check_date_expression(std::string_view text) {
    if (text.empty()) {
        return;
    }
    try {
        auto span = newsidx::parse_date_expression(text, newsidx::Date{2025, 9, 4});
        NEWSIDX_FUZZ_CHECK(!span.first || span.first->valid());
        NEWSIDX_FUZZ_CHECK(!span.last || span.last->valid());
        NEWSIDX_FUZZ_CHECK(!span.first || !span.last || *span.first <= *span.last);
        newsidx::date_span_query(span);
    } catch (const newsidx::QueryError&) {
        // Not a date: the user is told so (exit 2).
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    setenv("NEWSIDX_TODAY", "2025-09-04", 1);  // "7d" in a query: the day check_date_expression
                                               // counts from
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string db_path = build_database();
    static newsidx::Searcher searcher(db_path, {}, newsidx::lookup_in(saved_searches()));

    std::string_view rest(reinterpret_cast<const char*>(data), size);
    newsidx::SearchRequest request;
    request.query = next_line(rest);
    request.filters.since = next_line(rest);
    request.filters.until = next_line(rest);
    check_date_expression(request.filters.since);
    check_date_expression(request.filters.until);
    request.limit = 5;
    request.facets.assign(std::begin(newsidx::kFacetNames), std::end(newsidx::kFacetNames));
    request.explain = true;
    request.correct = true;
    try {
        auto result = searcher.search(request);
        NEWSIDX_FUZZ_CHECK(result.hits.size() <= request.limit);
        NEWSIDX_FUZZ_CHECK(result.hits.size() <= result.total);
    } catch (const newsidx::QueryError&) {
        // An impossible date or an unknown saved search: one line on stderr, exit 2.
    } catch (const Xapian::QueryParserError&) {
        // Even the lenient parse failed: the same.
    }
    return 0;
}
