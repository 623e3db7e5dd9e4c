#include "searcher/run.h"

#include "common/error.h"
#include "searcher/search.h"

namespace newsidx {

int run_search(const SearchOptions& opts, std::ostream& out) {
    std::string query;
    for (const auto& word : opts.query) {
        query += (query.empty() ? "" : " ") + word;
    }
    Searcher searcher(opts.db_path);
    Xapian::doccount total;
    if (opts.count_only) {
        total = searcher.count(query);
        out << total << '\n';
    } else {
        SearchResult result = searcher.search(query, opts.offset, opts.limit);
        total = result.total;
        make_printer(opts.format, out, opts.color)->print(result);
    }
    out.flush();
    if (!out) {
        throw Error("cannot write output");
    }
    return total > 0 ? kExitOk : kExitNoMatch;
}

}  // namespace newsidx
