// Saved searches on disk: their definitions (a TOML file people may edit and keep in version
// control) and what `saved run --new` already reported (a state file beside it). Writes are
// atomic and made under a lock, so that cron jobs running at once lose nothing.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/search.h"

namespace newsidx {

/// One saved search: a query and the search options kept with it.
struct SavedSearch {
    std::string query;                // may be empty when filters are given
    Filters filters;                  // --category, --author, --dateline, --since, --until
    std::optional<Sort> sort;         // unset: the order `saved run` is given, else relevance
    std::optional<size_t> limit;      // unset: -n given to `saved run`, else 10
    std::vector<std::string> facets;  // names from kFacetNames

    /// Neither a query nor a filter: refused, in the file and on the command line.
    bool empty() const {
        return query.find_first_not_of(" \t") == std::string::npos && filters.empty();
    }
    bool operator==(const SavedSearch&) const = default;
};

/// A field a saved search keeps besides its query, one row of kSavedFields: its key in the
/// file (also its JSON key and the label `saved list` and `saved show` print), the option of
/// `saved add` and `edit` that sets it, and how it is held.
struct SavedField {
    enum class Kind {
        kText,   // a string (since, until)
        kList,   // strings, an array in the file and the JSON
        kSort,   // relevance, newest or oldest
        kLimit,  // a number
    };
    std::string_view key;
    std::string_view option;
    Kind kind;
    /// Its value as text: none if unset, one item unless kList.
    std::vector<std::string> (*get)(const SavedSearch&);
    /// Sets it from values of get()'s form that check() passed; none unsets it.
    void (*set)(SavedSearch&, std::vector<std::string>);
    /// Why an item is not a value of it (a date that is none, an unknown facet); nullopt if it
    /// is one.
    std::optional<std::string> (*check)(const std::string&);
};

/// The fields of a saved search besides its query, in the order the file, `saved show` and
/// the JSON list them. The reader, the writer, the "known keys" message, `saved list` and
/// `show`, the JSON and the command line's change are all derived from it.
extern const std::vector<SavedField> kSavedFields;

/// Saved searches by name, in name order.
using SavedSearches = std::map<std::string, SavedSearch>;

/// Article ids `saved run --new` has printed, by saved-search name.
using ReportedIds = std::map<std::string, std::set<std::string>>;

/// "relevance", "newest" or "oldest", as in the file and on the command line.
std::string_view sort_name(Sort sort);

/// Throws newsidx::Error unless `name` is a good saved-search name: letters, digits, '-'
/// and '_' (ASCII), at most 64 of them.
void check_saved_name(std::string_view name);

/// The saved searches of a TOML document (README, "Saved searches"): one table a saved
/// search. Throws newsidx::Error "path:line: reason" for a syntax error, an unknown key, a
/// bad name, a value of the wrong type, a date that is not one, a search with nothing to
/// search for.
SavedSearches parse_saved_searches(std::string_view toml, const std::string& path);

/// The TOML document of `searches`, which parse_saved_searches() reads back as they are.
std::string format_saved_searches(const SavedSearches& searches);

/// saved:NAME resolved from `searches` (copied).
SavedLookup lookup_in(const SavedSearches& searches);

/// saved:NAME resolved from the file at `path`, read when a query first names a saved search
/// (a search that names none never reads it, so a broken file cannot stop it).
SavedLookup lookup_in_file(std::string path);

/// The files of one set of saved searches: the definitions at `path`, what was reported at
/// `path`.state (JSON Lines: {"saved": NAME, "reported": [ids]}), and the lock at `path`.lock.
/// Reading needs no lock (files are replaced whole, by rename); a read-modify-write holds
/// lock() throughout.
class SavedStore {
  public:
    /// `path`: the definitions file (it need not exist yet). Throws newsidx::Error if it is
    /// inside a database folder (one holding iamglass or XAPIANDB, at any depth, symbolic
    /// links resolved): `compact` and a first build replace that folder and delete the old
    /// one, with the saved searches.
    explicit SavedStore(std::string path);

    /// Where the saved searches of a database are kept unless told otherwise: beside it, as
    /// DB.saved.toml (the searcher never writes into the database folder). `db_path` as
    /// given to --db: "DB/", "DB/." and "DB/XAPIANDB" (a stub inside an archive folder) all
    /// give DB.saved.toml; "." and ".." are resolved to the folder's name; any other path is
    /// kept as typed.
    static std::string default_path(std::string db_path);

    const std::string& path() const { return path_; }
    std::string state_path() const { return path_ + ".state"; }

    /// The saved searches; none if the file does not exist. Throws newsidx::Error naming
    /// the file and line of a problem.
    SavedSearches load() const;
    /// What was reported; nothing if the state file does not exist. Throws newsidx::Error.
    ReportedIds load_reported() const;

    /// Replace the files atomically (a temporary file in the same folder, fsync, rename,
    /// fsync of the folder). The caller holds lock(). Throws newsidx::Error.
    void save(const SavedSearches& searches) const;
    void save_reported(const ReportedIds& reported) const;

    /// An exclusive lock on the saved searches (flock on `path`.lock, which is made if
    /// missing and never removed), held until it is destroyed; waits for another holder.
    class Lock {
      public:
        explicit Lock(const SavedStore& store);
        ~Lock();
        Lock(const Lock&) = delete;
        Lock& operator=(const Lock&) = delete;

      private:
        int fd_;
    };

  private:
    std::string path_;
};

}  // namespace newsidx
