// `newsidx-search QUERY...`: the work behind the flags, on streams.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "searcher/printer.h"
#include "searcher/search.h"

namespace newsidx {

enum class Color { kAuto, kAlways, kNever };

struct SearchOptions {
    std::string db_path = "newsidx.db";
    std::vector<std::string> words;  // the query, joined by spaces into request.query
    SearchRequest request;
    Format format = Format::kText;
    bool count_only = false;
    /// Colour the text output (the caller decides: a terminal, and NO_COLOR unset).
    bool color = false;
};

/// Runs the query and prints the results. Returns kExitOk if anything matched,
/// kExitNoMatch if nothing did. Throws newsidx::Error (missing database, bad query) and
/// Xapian::Error; main turns them into exit code 2.
int run_search(const SearchOptions& opts, std::ostream& out);

}  // namespace newsidx
