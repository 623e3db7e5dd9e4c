#include "searcher/run.h"

#include <cerrno>
#include <cstring>
#include <memory>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/error.h"
#include "common/json.h"
#include "common/utf8.h"
#include "searcher/query_builder.h"
#include "searcher/saved_store.h"

namespace newsidx {

namespace {

// A pipe or socket on standard output whose other end is closed: poll reports an error or a
// hang-up on it (a file or a terminal never does).
bool stdout_reader_gone() {
    struct stat st;
    if (fstat(STDOUT_FILENO, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
        return false;
    }
    pollfd fd{STDOUT_FILENO, 0, 0};
    return poll(&fd, 1, 0) == 1 && (fd.revents & (POLLERR | POLLHUP));
}

}  // namespace

int finish_output(std::ostream& out, int status) {
    out.flush();
    if (!out) {
        if (stdout_reader_gone()) {
            throw OutputClosed(status);
        }
        throw Error("cannot write output");
    }
    return status;
}

std::string saved_file_of(const SearchOptions& opts) {
    return opts.saved_file.empty() ? SavedStore::default_path(opts.db_path) : opts.saved_file;
}

int run_search(const SearchOptions& opts, std::ostream& out, std::ostream& err) {
    SearchRequest request = opts.request;
    for (const auto& word : opts.words) {
        request.query += (request.query.empty() ? "" : " ") + word;
    }
    for (const auto& name : unknown_fields(request.query)) {
        err << "newsidx-search: warning: unknown field \"" << terminal_safe(name)
            << "\" (fields: " << known_field_names() << "): searched as words\n";
    }
    Searcher searcher(opts.db_path, opts.searcher, lookup_in_file(saved_file_of(opts)));
    Xapian::doccount total;
    if (opts.count_only) {
        total = searcher.count(request);
        out << total << '\n';
    } else {
        SearchResult result = searcher.search(request);
        total = result.total;
        make_printer(opts.format, out, opts.layout)->print(result);
    }
    return finish_output(out, total > 0 ? kExitOk : kExitNoMatch);
}

int run_show(const SearchOptions& opts, const std::string& id, std::ostream& out,
             std::ostream& err) {
    std::optional<Article> article = Searcher(opts.db_path, opts.searcher).article(id);
    if (!article) {
        err << "newsidx-search: no article with id " << terminal_safe(id) << '\n';
        return kExitNoMatch;
    }
    make_printer(opts.format, out, opts.layout)->print(*article);
    return finish_output(out, kExitOk);
}

int run_similar(const SearchOptions& opts, const std::string& id, std::ostream& out) {
    SearchResult result = Searcher(opts.db_path, opts.searcher).similar(id, opts.request);
    make_printer(opts.format, out, opts.layout)->print(result);
    return finish_output(out, result.total > 0 ? kExitOk : kExitNoMatch);
}

int run_batch(const SearchOptions& opts, std::istream& in, std::ostream& out) {
    if (!opts.words.empty()) {
        throw Error("give queries either on the command line or with --queries, not both");
    }
    auto open = [&] {
        return std::make_unique<Searcher>(opts.db_path, opts.searcher,
                                          lookup_in_file(saved_file_of(opts)));
    };
    std::unique_ptr<Searcher> searcher = open();  // a database that will not open: exit 2
    auto printer = make_printer(Format::kJson, out);
    bool matched = false, failed = false;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.find_first_not_of(" \t") == std::string::npos) {
            continue;
        }
        SearchRequest request = opts.request;
        request.query = line;
        auto answer_error = [&](const std::string& why) {
            failed = true;
            out << dump_json(Json{{"query", line}, {"error", why}}) << '\n';
        };
        try {
            if (!searcher) {
                searcher = open();
            }
            SearchResult result = searcher->search(request);
            matched |= result.total > 0;
            printer->print(result);
        } catch (const QueryError& e) {
            answer_error(e.what());
        } catch (const Error& e) {
            // The database failed, not the query (a remote shard that stalled or reset): the
            // next query opens it again, and may be answered.
            answer_error(e.what());
            searcher.reset();
        } catch (const Xapian::Error& e) {
            answer_error(e.get_description());
            searcher.reset();
        }
        out.flush();  // a script (or a benchmark) waits for each answer in turn
        if (!out) {
            break;  // no one reads the answers (finish_output says why)
        }
    }
    int status = finish_output(out, failed ? kExitError : matched ? kExitOk : kExitNoMatch);
    if (in.bad()) {
        throw Error(std::string("cannot read the queries: ") + std::strerror(errno));
    }
    return status;
}

}  // namespace newsidx
