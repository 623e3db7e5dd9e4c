// The writers' lock on an archive, and the folder swap of `compact` and a first build's import.
//
// Every process that writes an archive (build, rm, compact) holds its lock first. It is an
// flock(2) on the archive's folder, checked once granted to be the folder still at the path:
// `compact` and the import replace a database folder by another (swap_folders), and a
// process that waited on the folder swapped out must lock the one swapped in. So the lock
// protects the path, not an inode, and Xapian's own lock (on a file inside the folder, which
// moves away with it) is never the only one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace newsidx {

/// An exclusive lock on the database path of an archive; released on destruction. Movable.
class ArchiveLock {
  public:
    ArchiveLock() = default;
    /// Locks the folder at `path`, making it if missing. A path that is not a folder (a file,
    /// or one that cannot be made) is not locked: the caller's checks say what it is. `wait`:
    /// wait for another writer; else throws LockedError. Throws newsidx::Error if the folder
    /// cannot be opened, or if SIGINT or SIGTERM ended the wait (see StopSignals).
    ArchiveLock(const std::string& path, bool wait);
    ArchiveLock(ArchiveLock&& other) noexcept;
    ArchiveLock& operator=(ArchiveLock&& other) noexcept;
    ~ArchiveLock();

    /// Swaps the folder `fresh` in at the locked path (swap_folders), locking it first; the
    /// folder swapped out, now at `fresh`, stays locked too until this lock is released, so
    /// that a writer that waited for it does not build into it.
    void swap_in(const std::string& fresh);

  private:
    void release();

    std::string path_;
    std::vector<int> fds_;  // the folder at path_ first
};

/// Exchanges the folders at `a` and `b` in one atomic rename (renameat2 RENAME_EXCHANGE),
/// then syncs their parent folder so that the swap survives a crash: a search opening either
/// path sees one folder or the other, whole. Throws newsidx::Error.
void swap_folders(const std::string& a, const std::string& b);

/// Bytes free to an unprivileged user on the file system that holds `path` (or its nearest
/// existing parent); UINT64_MAX if that cannot be told.
uint64_t free_bytes(const std::string& path);

/// Bytes in the files under `path`.
uint64_t folder_bytes(const std::string& path);

/// "1.4 GB", "300 MB", "12 kB": for messages.
std::string human_bytes(uint64_t bytes);

}  // namespace newsidx
