// Reads a synonyms file (`newsidx build --synonyms FILE`) into the database's synonym table,
// which the searcher expands queries with.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "common/diagnostic.h"
#include "common/text_analyzer.h"

namespace newsidx {

struct SynonymFile {
    /// Each group's members, analysed as queries are (terms joined by ' '): "north korea".
    std::vector<std::vector<std::string>> groups;
    std::vector<Diagnostic> problems;  // one per line that was skipped
};

/// Reads `path`: one group per line, members separated by '=' ("DPRK = North Korea =
/// Pyongyang regime"); blank lines and lines starting with '#' are ignored. A line with
/// fewer than two members that hold a word, or a member of more than kMaxSynonymWords
/// words, is a problem, and skipped. Throws newsidx::Error
/// if the file cannot be read.
SynonymFile read_synonyms(const std::string& path, TextAnalyzer& analyzer);

/// Replaces the database's synonym table by `groups`: every member of a group becomes a
/// synonym of each other member. Not committed.
void store_synonyms(Xapian::WritableDatabase& db,
                    const std::vector<std::vector<std::string>>& groups);

}  // namespace newsidx
