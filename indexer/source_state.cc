#include "indexer/source_state.h"

#include <charconv>
#include <sstream>

#include "common/hash.h"
#include "common/schema.h"

namespace newsidx {

namespace {

// Metadata keys hold a hash of the path: Xapian limits key length, paths have no limit. The
// source term holds the same hash.

std::string state_key(const std::string& key) {
    return std::string(kSourceStateKey) + hash_hex(content_hash(key));
}

// "size mtime_ns hash articles path"; nullopt for anything else (the file is then read as
// new, which repairs the record).
std::optional<SourceState> decode(const std::string& value) {
    std::istringstream in(value);
    SourceState s;
    std::string hash;
    if (!(in >> s.size >> s.mtime_ns >> hash >> s.articles) || in.get() != ' ') {
        return std::nullopt;
    }
    auto [end, ec] = std::from_chars(hash.data(), hash.data() + hash.size(), s.hash, 16);
    if (ec != std::errc() || end != hash.data() + hash.size()) {
        return std::nullopt;
    }
    std::getline(in, s.key, '\0');
    return s;
}

}  // namespace

std::string source_term(const std::string& key) {
    return std::string(kSourcePrefix) + hash_hex(content_hash(key));
}

std::vector<std::string> source_terms_of(const Xapian::Database& db, Xapian::docid docid) {
    std::vector<std::string> terms;
    auto t = db.termlist_begin(docid);
    for (t.skip_to(std::string(kSourcePrefix));
         t != db.termlist_end(docid) && (*t).starts_with(kSourcePrefix); ++t) {
        terms.push_back(*t);
    }
    return terms;
}

std::optional<SourceState> state_of_source_term(const Xapian::Database& db,
                                                const std::string& term) {
    if (!term.starts_with(kSourcePrefix)) {
        return std::nullopt;
    }
    return decode(
        db.get_metadata(std::string(kSourceStateKey) + term.substr(kSourcePrefix.size())));
}

std::optional<SourceState> load_source_state(const Xapian::Database& db, const std::string& key) {
    auto state = decode(db.get_metadata(state_key(key)));
    if (state && state->key != key) {
        return std::nullopt;  // a hash collision: treat the file as new
    }
    return state;
}

void save_source_state(Xapian::WritableDatabase& db, const SourceState& s) {
    db.set_metadata(state_key(s.key), std::to_string(s.size) + ' ' + std::to_string(s.mtime_ns) +
                                          ' ' + hash_hex(s.hash) + ' ' +
                                          std::to_string(s.articles) + ' ' + s.key);
}

void erase_source_state(Xapian::WritableDatabase& db, const std::string& key) {
    db.set_metadata(state_key(key), "");
    save_bad_lines(db, key, {});
}

std::unordered_set<uint64_t> load_bad_lines(const Xapian::Database& db, const std::string& key) {
    std::unordered_set<uint64_t> hashes;
    std::istringstream in(db.get_metadata(std::string(kBadLinesKey) + hash_hex(content_hash(key))));
    for (std::string hex; in >> hex;) {
        uint64_t h = 0;
        auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), h, 16);
        if (ec == std::errc() && end == hex.data() + hex.size()) {
            hashes.insert(h);  // anything else: that line is reported again
        }
    }
    return hashes;
}

void save_bad_lines(Xapian::WritableDatabase& db, const std::string& key,
                    const std::unordered_set<uint64_t>& hashes) {
    std::string value;
    for (uint64_t h : hashes) {
        value += (value.empty() ? "" : " ") + hash_hex(h);
    }
    db.set_metadata(std::string(kBadLinesKey) + hash_hex(content_hash(key)), value);
}

std::vector<SourceState> source_states_under(const Xapian::Database& db,
                                             const std::string& folder_key) {
    std::vector<SourceState> found;
    std::string prefix = folder_key == "/" ? folder_key : folder_key + "/";
    for (auto it = db.metadata_keys_begin(std::string(kSourceStateKey));
         it != db.metadata_keys_end(std::string(kSourceStateKey)); ++it) {
        auto state = decode(db.get_metadata(*it));
        if (state && state->key.starts_with(prefix)) {
            found.push_back(std::move(*state));
        }
    }
    return found;
}

}  // namespace newsidx
