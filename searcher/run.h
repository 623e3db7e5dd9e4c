// `newsidx-search QUERY...`: the work behind the flags, on streams.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "searcher/printer.h"

namespace newsidx {

enum class Color { kAuto, kAlways, kNever };

struct SearchOptions {
    std::string db_path = "newsidx.db";
    std::vector<std::string> query;  // words, joined by spaces
    size_t limit = 10;
    size_t offset = 0;
    Format format = Format::kText;
    bool count_only = false;
    /// kAuto: colour when `out` is a terminal and NO_COLOR is unset (decided by the caller).
    bool color = false;
};

/// Runs the query and prints the results. Returns kExitOk if anything matched,
/// kExitNoMatch if nothing did. Throws newsidx::Error (missing database, bad query) and
/// Xapian::Error; main turns them into exit code 2.
int run_search(const SearchOptions& opts, std::ostream& out);

}  // namespace newsidx
