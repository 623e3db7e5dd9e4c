#include "searcher/run.h"

#include "common/error.h"

namespace newsidx {

int run_search(const SearchOptions& opts, std::ostream& out) {
    SearchRequest request = opts.request;
    for (const auto& word : opts.words) {
        request.query += (request.query.empty() ? "" : " ") + word;
    }
    Searcher searcher(opts.db_path);
    Xapian::doccount total;
    if (opts.count_only) {
        total = searcher.count(request);
        out << total << '\n';
    } else {
        SearchResult result = searcher.search(request);
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
