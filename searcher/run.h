// `newsidx-search QUERY...`: the work behind the flags, on streams.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "common/config.h"
#include "searcher/printer.h"
#include "searcher/search.h"

namespace newsidx {

struct SearchOptions {
    std::string db_path = kDefaultDbPath;
    std::vector<std::string> words;  // the query, joined by spaces into request.query
    SearchRequest request;
    Format format = Format::kText;
    bool count_only = false;
    /// Batch mode: a file (or "-" for standard input) of queries, one per line, each answered
    /// as one JSON line by the same open database; `words` must then be empty.
    std::string queries_file;
    /// Colours and width of text output (the caller decides: a terminal, NO_COLOR unset).
    TextLayout layout;
    /// Synonyms, and whether a stub may run a program (--allow-remote-program).
    SearcherOptions searcher;
    /// The saved-search file (--saved-file, $NEWSIDX_SAVED); empty: beside the database
    /// (SavedStore::default_path).
    std::string saved_file;
};

/// The saved-search file of these options.
std::string saved_file_of(const SearchOptions& opts);

/// Flushes `out` and returns `status`. If anything written to it was lost, throws
/// OutputClosed(status) when standard output is a pipe whose reader has gone (`| head -1`),
/// else newsidx::Error (a full disk, a file opened read-only).
int finish_output(std::ostream& out, int status);

/// Runs the query and prints the results; a warning on `err` for each name typed as a field
/// that is none (unknown_fields()). Returns kExitOk if anything matched, kExitNoMatch if
/// nothing did. Throws newsidx::Error (missing database, bad query) and Xapian::Error; main
/// turns them into exit code 2.
int run_search(const SearchOptions& opts, std::ostream& out, std::ostream& err);

/// Batch mode (opts.queries_file): reads queries from `in`; a query that cannot be answered
/// gives {"query", "error"} and the batch goes on: after an error of the database (a remote
/// shard that stalls or resets) the next query opens it again. Returns kExitOk if any query
/// matched, kExitNoMatch if none did, kExitError if any failed. Throws newsidx::Error if the
/// database does not open for the first query, or output fails.
int run_batch(const SearchOptions& opts, std::istream& in, std::ostream& out);

/// `show ID`: prints the whole article. Returns kExitOk, or kExitNoMatch (with a line on
/// `err`) if the database holds no article with this id.
int run_show(const SearchOptions& opts, const std::string& id, std::ostream& out,
             std::ostream& err);

/// `similar ID`: articles like that one, within opts.request's filters, printed as
/// run_search() does. Throws newsidx::QueryError if there is no article with this id.
int run_similar(const SearchOptions& opts, const std::string& id, std::ostream& out);

}  // namespace newsidx
