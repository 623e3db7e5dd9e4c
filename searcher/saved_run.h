// `newsidx-search saved ...`: keeping, listing and running saved searches, on streams.
#pragma once

#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "searcher/run.h"
#include "searcher/saved_store.h"

namespace newsidx {

enum class SavedVerb { kAdd, kList, kShow, kEdit, kRm, kRun, kReset };

/// What the command line gives of a saved search; unset: not given. `saved add` and `edit`
/// keep what is given (an empty value clears a filter); `saved run` takes sort, limit and
/// facets given over the saved ones.
struct SavedChange {
    std::optional<std::string> query;
    SavedSearch values;                    // the values of the fields given
    std::vector<const SavedField*> given;  // from kSavedFields

    bool empty() const { return !query && given.empty(); }
    /// Marks the field of this key given (its value is in `values`).
    void give(std::string_view key) {
        for (const auto& field : kSavedFields) {
            if (field.key == key) {
                given.push_back(&field);
            }
        }
    }
    /// Whether the field of this key was given.
    bool gives(std::string_view key) const {
        return std::any_of(given.begin(), given.end(),
                           [&](const SavedField* f) { return f->key == key; });
    }
};

struct SavedCommand {
    SavedVerb verb = SavedVerb::kList;
    std::string name;       // empty for list, and for run and reset with `all`
    bool all = false;       // run, reset: every saved search
    bool only_new = false;  // run: only what was not reported before, then remember it
    SavedChange change;
};

/// `saved run --new` prints at most this many new matches of a saved search unless -n is
/// given; the others stay new for the next run.
inline constexpr size_t kNewMatchesCap = 1000;

/// Runs one saved-search command against the saved-search file of `opts` (saved_file_of())
/// and its database. `opts` gives what any search takes: format, layout, synonyms, and for
/// `run` the filters (applied on top of the saved ones), offset, explain, count_only.
/// Returns kExitOk when something was printed (run: something matched; --new: something
/// new), kExitNoMatch when nothing was, kExitError when a saved search of `run --all` could
/// not be answered (the others are). Throws newsidx::Error for the rest: a bad or unknown
/// name, a broken file, a failed write. `saved run --new` remembers what it printed only
/// once `out` has taken all of it.
int run_saved(const SearchOptions& opts, const SavedCommand& command, std::ostream& out,
              std::ostream& err);

}  // namespace newsidx
