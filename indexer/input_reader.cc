#include "indexer/input_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "indexer/stop_signal.h"

namespace newsidx {

namespace {

// "cannot open file (Permission denied)".
Diagnostic unreadable(const std::string& path, const char* what, int error) {
    return Diagnostic{path, 0, what, std::string("(") + std::strerror(error) + ")"};
}

Diagnostic too_long(const std::string& path, size_t line, size_t limit) {
    return Diagnostic{path, line, line ? "line too long" : "file too large",
                      "(over " + std::to_string(limit) + " bytes: see --max-article-size)"};
}

// A descriptor, closed at the end of its scope if it is ours.
struct Fd {
    int fd = -1;
    bool owned = true;
    Fd(int fd_, bool owned_) : fd(fd_), owned(owned_) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (owned && fd >= 0) {
            close(fd);
        }
    }
};

// Opens `path` for reading, as a regular file only: O_NONBLOCK, so that a FIFO put in its
// place since the walk cannot block the open.
std::variant<int, Diagnostic> open_regular(const std::string& path, struct stat& st) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return unreadable(path, "cannot open file", errno);
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return Diagnostic{path, 0, "not a regular file", {}};
    }
    return fd;
}

// read(2), after poll(2) with a timeout, so that a stop signal is seen within a fifth of a
// second even by a thread that waits for standard input (the signal may go to another
// thread, and an istream would retry an interrupted read anyway). 0 at the end, and when
// stopped.
ssize_t read_some(int fd, char* buf, size_t size) {
    for (;;) {
        if (stop_requested()) {
            return 0;
        }
        pollfd ready{fd, POLLIN, 0};
        int polled = poll(&ready, 1, 200);
        if (polled == 0 || (polled < 0 && errno == EINTR)) {
            continue;
        }
        ssize_t n = read(fd, buf, size);
        if (n >= 0 || (errno != EINTR && errno != EAGAIN)) {
            return n;
        }
    }
}

}  // namespace

Read read_whole_file(const std::string& path, size_t limit) {
    struct stat st;
    auto opened = open_regular(path, st);
    if (auto* d = std::get_if<Diagnostic>(&opened)) {
        return *d;
    }
    Fd fd{std::get<int>(opened), true};
    if (static_cast<uint64_t>(st.st_size) > limit) {
        return too_long(path, 0, limit);
    }
    std::string bytes(static_cast<size_t>(st.st_size), '\0');
    size_t got = 0;
    while (got < bytes.size()) {
        ssize_t n = read_some(fd.fd, bytes.data() + got, bytes.size() - got);
        if (n < 0) {
            return unreadable(path, "read error", errno);
        }
        if (n == 0) {
            break;  // shorter than it was, or stopped
        }
        got += static_cast<size_t>(n);
    }
    bytes.resize(got);
    return bytes;
}

std::optional<Diagnostic> read_lines(const InputFile& file, size_t limit, StreamHash* hash,
                                     const std::function<bool(size_t, Read&&)>& on_line) {
    bool is_stdin = file.kind == InputKind::kStdin;
    Fd fd{STDIN_FILENO, false};
    if (!is_stdin) {
        struct stat st;
        auto opened = open_regular(file.path, st);
        if (auto* d = std::get_if<Diagnostic>(&opened)) {
            return *d;
        }
        fd.fd = std::get<int>(opened);
        fd.owned = true;
    }

    static thread_local char buf[1 << 16];
    size_t pos = 0, end = 0;
    std::string line;
    bool in_line = false;  // some of `line` was read
    size_t line_no = 1;
    // Hands the line read to on_line; false to stop.
    auto finish_line = [&]() {
        if (hash) {
            hash->update("\n");
        }
        bool more = true;
        if (line.size() > limit) {
            more = on_line(line_no, too_long(file.path, line_no, limit));
        } else if (line.find_first_not_of(" \t\r") != std::string::npos) {
            more = on_line(line_no, std::move(line));
        }
        line.clear();
        in_line = false;
        ++line_no;
        return more;
    };
    for (;;) {
        if (pos == end) {
            ssize_t n = read_some(fd.fd, buf, sizeof buf);
            if (n < 0) {
                return unreadable(file.path, "read error", errno);
            }
            if (n == 0) {
                break;
            }
            pos = 0;
            end = static_cast<size_t>(n);
        }
        auto* start = buf + pos;
        auto* newline = static_cast<char*>(std::memchr(start, '\n', end - pos));
        size_t n = newline ? static_cast<size_t>(newline - start) : end - pos;
        if (hash) {
            hash->update(std::string_view(start, n));  // XXH3 streams: as if whole
        }
        line.append(start, std::min(n, limit + 1 - std::min(line.size(), limit + 1)));
        in_line = true;
        pos += n + (newline ? 1 : 0);
        if (newline) {
            if (!finish_line()) {
                return std::nullopt;
            }
        } else if (is_stdin && line.size() > limit) {
            finish_line();  // an endless line would never end: the rest is not read
            return std::nullopt;
        }
    }
    if (in_line && !stop_requested()) {
        finish_line();  // the last line, without its '\n'
    }
    return std::nullopt;
}

}  // namespace newsidx
