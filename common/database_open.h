// Opens a database to read as Xapian::Database(path) does (a glass folder, a stub file or a
// folder holding one, stubs listing stubs), but reads the stub files itself: a stub line
// `remote :PROGRAM ARGS` makes Xapian run PROGRAM, which a folder someone else made must not
// be able to do, and the local folders opened are known, so that a reader can tell when one
// was swapped for another (compact) while it opened it.
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include <xapian.h>

#include "common/error.h"

namespace newsidx {

/// What open_database_to_read() may open.
struct OpenRules {
    /// Open `remote :PROGRAM ARGS` lines (Xapian's program backend, which runs PROGRAM);
    /// otherwise such a line is refused.
    bool allow_remote_program = false;
};

/// Which file or folder a path named at one moment: a rename over it, or a swap of folders,
/// gives it another identity.
struct PathIdentity {
    std::string path;
    dev_t device = 0;
    ino_t inode = 0;
    bool exists = false;
    bool operator==(const PathIdentity&) const = default;
};

/// `path` as it is now.
PathIdentity identify(const std::string& path);

/// The identities of these paths as they are now.
std::vector<PathIdentity> identify_again(const std::vector<PathIdentity>& paths);

/// Opens `path` read-only as Xapian::Database(path) would, with the same relative paths,
/// backends and errors (Xapian::DatabaseNotFoundError, DatabaseOpeningError "FILE:LINE: Bad
/// line", NetworkError of a remote database), with two differences: a `remote :PROGRAM` line
/// throws newsidx::Error naming the stub, its line, the program and the option that allows
/// it, before anything runs, unless `rules` allow it; and stubs nest at most 16 deep (Xapian
/// would recurse until its stack ran out).
/// `sources` receives every local file and folder it is opened from, in order, each as it
/// was just before it was opened (each stub file read, each glass database folder or
/// single-file database; remote databases have none), also when it throws: a caller can then
/// tell whether one was replaced meanwhile.
Xapian::Database open_database_to_read(const std::string& path, const OpenRules& rules,
                                       std::vector<PathIdentity>& sources);

// The one message of each state a database path can be in, the same from every command
// (build, search, stats, rm, compact). A database locked by a writer is LockedError
// (indexer/shards.h); an unreachable remote shard is the searcher's.

/// Nothing at `path`, or an empty folder (or what a build killed at once left).
Error no_database_error(const std::string& path);
/// A folder holding `name`, which neither Xapian nor newsidx made.
Error other_files_error(const std::string& path, const std::string& name);
/// A Xapian database that another program made.
Error not_newsidx_error(const std::string& path);

/// Throws not_newsidx_error(), or an error saying that another version made it, unless `db`
/// (at `path`) was made by this version of newsidx. An empty database passes: it may be a
/// build's first moment, before its first commit.
void check_schema(const Xapian::Database& db, const std::string& path);

/// The first name in the folder `path` that neither Xapian's glass backend nor a newsidx
/// build makes; nullopt if there is none (or no folder).
std::optional<std::string> other_file_in(const std::string& path);

}  // namespace newsidx
