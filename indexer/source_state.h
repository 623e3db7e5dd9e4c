// What the last build saw of each input file, kept in the database's metadata so that it is
// committed together with the articles (a crash cannot make the two disagree).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
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

/// The boolean term every article of a file carries: "XFILE" + hash of the key. An article
/// that several files gave (the same id: a file copied to two folders, or JSON Lines files
/// that overlap) carries the term of each, and is kept while any of them still gives it
/// (notmuch's rule for a message in several files); its text is the last one read.
std::string source_term(const std::string& key);

/// The source terms a document carries.
std::vector<std::string> source_terms_of(const Xapian::Database& db, Xapian::docid docid);

/// The state recorded for the file whose source_term() is `term`, if any.
std::optional<SourceState> state_of_source_term(const Xapian::Database& db,
                                                const std::string& term);

/// The state recorded for `key`, if any.
std::optional<SourceState> load_source_state(const Xapian::Database& db, const std::string& key);

/// Records `state` (in the pending transaction: it is committed with the next commit()).
void save_source_state(Xapian::WritableDatabase& db, const SourceState& state);

/// The content hashes of the lines of the JSON Lines file `key` that a build reported and
/// skipped: while they stay as they are, they are not reported again (build --strict does).
std::unordered_set<uint64_t> load_bad_lines(const Xapian::Database& db, const std::string& key);

/// Records them (none: forgets them), in the pending transaction.
void save_bad_lines(Xapian::WritableDatabase& db, const std::string& key,
                    const std::unordered_set<uint64_t>& hashes);

/// Forgets the state of `key`, and its bad lines.
void erase_source_state(Xapian::WritableDatabase& db, const std::string& key);

/// Every recorded file whose key lies under the folder `folder_key`.
std::vector<SourceState> source_states_under(const Xapian::Database& db,
                                             const std::string& folder_key);

}  // namespace newsidx
