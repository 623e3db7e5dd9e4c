#include "indexer/file_walker.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <sys/stat.h>
#include <system_error>

namespace newsidx {

namespace fs = std::filesystem;

namespace {

std::string error_reason(const std::error_code& ec) {
    std::string text = ec.message();
    if (!text.empty()) {
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    }
    return text;
}

InputKind kind_of(const fs::path& path) {
    auto ext = path.extension();
    return ext == ".jsonl" || ext == ".ndjson" ? InputKind::kJsonl : InputKind::kText;
}

// Fills size and mtime; a problem if the file cannot be stat()ed (and, unless it is gone,
// an unreadable path).
bool stat_file(InputFile& file, WalkResult& result) {
    struct stat st;
    if (::stat(file.path.c_str(), &st) != 0) {
        std::error_code ec(errno, std::generic_category());
        result.problems.push_back({file.path, 0, error_reason(ec), {}});
        if (ec != std::errc::no_such_file_or_directory) {
            result.unreadable.push_back(file.key);
        }
        return false;
    }
    file.size = static_cast<uint64_t>(st.st_size);
    file.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    return true;
}

void add_file(const fs::path& path, WalkResult& result, bool named = false) {
    InputFile file{path.string(), path_key(path.string()), kind_of(path), 0, 0, named};
    if (stat_file(file, result)) {
        result.files.push_back(std::move(file));
    }
}

bool is_article_name(const fs::path& path) {
    auto ext = path.extension();
    return ext == ".txt" || ext == ".jsonl" || ext == ".ndjson";
}

// "not a regular file (a FIFO)": what would block a reader (a FIFO, a device) or never end
// (/dev/zero) is refused.
Diagnostic not_regular(const fs::path& path, fs::file_type type) {
    const char* what = type == fs::file_type::fifo        ? "(a FIFO)"
                       : type == fs::file_type::character ? "(a character device)"
                       : type == fs::file_type::block     ? "(a block device)"
                       : type == fs::file_type::socket    ? "(a socket)"
                                                          : "";
    return {path.string(), 0, "not a regular file", what};
}

// A folder that cannot be listed is reported and remembered: nothing under it may be taken
// for gone (rsync's rule: no deletions after an I/O error).
void cannot_read_folder(const fs::path& dir, const std::error_code& ec, WalkResult& result) {
    result.problems.push_back({dir.string(), 0, "cannot read folder", "(" + ec.message() + ")"});
    result.unreadable.push_back(path_key(dir.string()));
}

// Every folder under `root` (links to folders are not followed, so a link loop cannot trap
// it), with an explicit stack so that no nesting exhausts ours.
void walk_folder(const std::string& root, WalkResult& result) {
    std::vector<fs::path> found;
    std::vector<fs::path> folders{root};
    while (!folders.empty()) {
        fs::path dir = std::move(folders.back());
        folders.pop_back();
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
            const fs::path& path = it->path();
            std::error_code type_ec;
            auto own = it->symlink_status(type_ec);
            if (type_ec) {
                result.problems.push_back({path.string(), 0, error_reason(type_ec), {}});
                result.unreadable.push_back(path_key(path.string()));
                continue;
            }
            if (fs::is_directory(own)) {
                folders.push_back(path);
                continue;
            }
            if (!is_article_name(path)) {
                continue;
            }
            auto target = it->status(type_ec);  // through a link
            if (type_ec) {                      // a dangling link or a link loop
                result.problems.push_back({path.string(), 0, error_reason(type_ec), {}});
            } else if (fs::is_regular_file(target)) {
                found.push_back(path);
            } else if (!fs::is_directory(target)) {
                result.problems.push_back(not_regular(path, target.type()));
            }
        }
        if (ec) {
            cannot_read_folder(dir, ec, result);
        }
    }
    std::sort(found.begin(), found.end());
    for (const auto& path : found) {
        add_file(path, result);
    }
}

}  // namespace

std::string path_key(const std::string& path) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    return (ec ? fs::path(path) : absolute).lexically_normal().string();
}

WalkResult walk_inputs(const std::vector<std::string>& paths) {
    WalkResult result;
    for (const auto& path : paths) {
        if (path == "-") {
            result.files.push_back({"-", "-", InputKind::kStdin, 0, 0});
            continue;
        }
        std::error_code ec;
        auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            auto reason = ec ? ec : std::make_error_code(std::errc::no_such_file_or_directory);
            result.problems.push_back({path, 0, error_reason(reason), {}});
            if (reason != std::errc::no_such_file_or_directory) {
                result.unreadable.push_back(path_key(path));  // it may be there
            }
        } else if (fs::is_directory(status)) {
            std::string key = path_key(path);
            if (key.size() > 1 && key.back() == '/') {
                key.pop_back();
            }
            result.folders.push_back(key);
            walk_folder(path, result);
        } else if (fs::is_regular_file(status)) {
            add_file(path, result, true);
        } else {
            result.problems.push_back(not_regular(path, status.type()));
        }
    }
    return result;
}

}  // namespace newsidx
