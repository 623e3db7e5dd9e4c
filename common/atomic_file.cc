#include "common/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include "common/error.h"

namespace newsidx {

namespace {

std::string errno_text() { return std::strerror(errno); }

void write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            throw Error(errno_text());
        }
        bytes.remove_prefix(static_cast<size_t>(n));
    }
}

}  // namespace

void write_atomically(const std::string& path, std::string_view bytes) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path target = fs::is_symlink(path, ec) ? fs::weakly_canonical(path, ec) : fs::path(path);
    if (ec) {
        target = path;
    }
    fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string tmp = target.string() + ".tmp";
    int fd = -1;
    try {
        fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (fd < 0) {
            throw Error(errno_text());
        }
        struct stat old {};
        if (stat(target.c_str(), &old) == 0) {
            fchmod(fd, old.st_mode & 07777);  // keep the mode someone chose
        }
        write_all(fd, bytes);
        if (fsync(fd) != 0) {
            throw Error(errno_text());
        }
        int closing = std::exchange(fd, -1);
        if (close(closing) != 0) {
            throw Error(errno_text());
        }
        if (rename(tmp.c_str(), target.c_str()) != 0) {
            throw Error(errno_text());
        }
    } catch (const Error& e) {
        if (fd >= 0) {
            close(fd);
        }
        unlink(tmp.c_str());
        throw Error("cannot write " + path + ": " + e.what());
    }
    sync_folder(dir.string());
}

void sync_folder(const std::string& dir) {
    int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    bool synced = dir_fd >= 0 && fsync(dir_fd) == 0;
    std::string reason = synced ? "" : errno_text();
    if (dir_fd >= 0) {
        close(dir_fd);
    }
    if (!synced) {
        throw Error("cannot sync folder " + dir + ": " + reason);
    }
}

std::optional<std::string> read_file(const std::string& path) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            return std::nullopt;
        }
        throw Error("cannot read " + path + ": " + errno_text());
    }
    std::string bytes;
    char buffer[1 << 16];
    for (;;) {
        ssize_t n = read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            std::string reason = errno_text();
            close(fd);
            throw Error("cannot read " + path + ": " + reason);
        }
        if (n == 0) {
            break;
        }
        bytes.append(buffer, static_cast<size_t>(n));
    }
    close(fd);
    return bytes;
}

}  // namespace newsidx
