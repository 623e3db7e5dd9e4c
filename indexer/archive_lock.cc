#include "indexer/archive_lock.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <utility>

#include "common/atomic_file.h"
#include "common/error.h"
#include "indexer/shards.h"
#include "indexer/stop_signal.h"

namespace newsidx {

namespace fs = std::filesystem;

namespace {

std::string reason() { return std::strerror(errno); }

bool same_file(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// Opens the folder at `path` and flocks it; -1 if `path` is not a folder.
int lock_folder(const std::string& path, bool wait) {
    int fd = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOTDIR || errno == ENOENT) {
            return -1;
        }
        throw Error("cannot open database " + path + ": " + reason());
    }
    while (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
        int error = errno;
        if (error == EINTR && !stop_requested()) {
            continue;
        }
        close(fd);
        if (error == EWOULDBLOCK) {
            throw LockedError(path);
        }
        if (error == EINTR) {
            throw Error("interrupted (signal " + std::to_string(stop_signal()) +
                        ") while waiting for the lock of " + path);
        }
        throw Error("cannot lock database " + path + ": " + std::strerror(error));
    }
    return fd;
}

}  // namespace

ArchiveLock::ArchiveLock(const std::string& path, bool wait) : path_(path) {
    for (;;) {
        std::error_code ec;
        fs::create_directories(path, ec);  // else Xapian or the caller's checks say why
        int fd = lock_folder(path, wait);
        if (fd < 0) {
            return;
        }
        struct stat locked, now;
        if (fstat(fd, &locked) == 0 && stat(path.c_str(), &now) == 0 && same_file(locked, now)) {
            fds_.push_back(fd);
            return;
        }
        close(fd);  // swapped out while we waited: lock the folder there now
    }
}

ArchiveLock::ArchiveLock(ArchiveLock&& other) noexcept
    : path_(std::move(other.path_)), fds_(std::exchange(other.fds_, {})) {}

ArchiveLock& ArchiveLock::operator=(ArchiveLock&& other) noexcept {
    if (this != &other) {
        release();
        path_ = std::move(other.path_);
        fds_ = std::exchange(other.fds_, {});
    }
    return *this;
}

ArchiveLock::~ArchiveLock() { release(); }

void ArchiveLock::release() {
    for (int fd : fds_) {
        close(fd);  // releases the flock
    }
    fds_.clear();
}

void ArchiveLock::swap_in(const std::string& fresh) {
    int fd = lock_folder(fresh, false);  // nobody finds it by the path yet: never contended
    if (fd < 0) {
        throw Error("cannot swap in " + fresh + ": not a folder");
    }
    try {
        swap_folders(fresh, path_);
    } catch (...) {
        close(fd);
        throw;
    }
    fds_.insert(fds_.begin(), fd);
}

void swap_folders(const std::string& a, const std::string& b) {
    if (renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) != 0) {
        throw Error("cannot swap " + a + " and " + b + ": " + reason());
    }
    sync_folder(fs::absolute(b).parent_path().string());
}

uint64_t free_bytes(const std::string& path) {
    fs::path at = fs::absolute(path);
    std::error_code ec;
    while (!fs::exists(at, ec) && at.has_relative_path()) {
        at = at.parent_path();
    }
    struct statvfs st;
    if (statvfs(at.c_str(), &st) != 0) {
        return UINT64_MAX;
    }
    return static_cast<uint64_t>(st.f_bavail) * st.f_frsize;
}

uint64_t folder_bytes(const std::string& path) {
    uint64_t total = 0;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
        if (entry.is_regular_file(ec)) {
            total += entry.file_size(ec);
        }
    }
    return total;
}

std::string human_bytes(uint64_t bytes) {
    const char* units[] = {"bytes", "kB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    size_t unit = 0;
    while (value >= 1000 && unit + 1 < std::size(units)) {
        value /= 1000;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return text;
}

}  // namespace newsidx
