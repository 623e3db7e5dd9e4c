// `newsidx build` and `newsidx parse`: the work behind the flags, on streams.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace newsidx {

struct BuildOptions {
    std::string db_path = "newsidx.db";
    std::vector<std::string> inputs;
    /// Articles written between two commits: bounds memory, and what an interrupted
    /// build can lose.
    unsigned batch_size = 1000;
};

/// Indexes the articles under opts.inputs into the database at opts.db_path (created if
/// missing), replacing any article with the same id. Each unreadable or malformed file gets
/// one line on `err` and is skipped; a one-line summary goes to `out`.
/// Returns kExitOk if every file was indexed, kExitError if any was skipped (what could be
/// read is indexed and committed all the same). Throws Xapian::Error if the database cannot
/// be opened or written.
int run_build(const BuildOptions& opts, std::ostream& out, std::ostream& err);

/// Prints what the reader understood of each file: one JSON object per line.
/// Returns kExitOk if every file parsed, kExitError otherwise.
int run_parse(const std::vector<std::string>& inputs, std::ostream& out, std::ostream& err);

}  // namespace newsidx
