// What the last build saw of each input file, kept in the database's metadata so that it is
// committed together with the articles (a crash cannot make the two disagree).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsidx {

struct SourceState {
    std::string key;  // the file's absolute path (file_walker's path_key)
    uint64_t size = 0;
    int64_t mtime_ns = 0;
    uint64_t hash = 0;      // content_hash of the whole file
    uint64_t articles = 0;  // how many articles it gave
};

/// The boolean term every article of a file carries: "XFILE" + hash of the key. Deleting
/// by it removes everything a file gave.
std::string source_term(const std::string& key);

/// The state recorded for `key`, if any.
std::optional<SourceState> load_source_state(const Xapian::Database& db, const std::string& key);

/// Records `state` (in the pending transaction: it is committed with the next commit()).
void save_source_state(Xapian::WritableDatabase& db, const SourceState& state);

/// Forgets the state of `key`.
void erase_source_state(Xapian::WritableDatabase& db, const std::string& key);

/// Every recorded file whose key lies under the folder `folder_key`.
std::vector<SourceState> source_states_under(const Xapian::Database& db,
                                             const std::string& folder_key);

}  // namespace newsidx
