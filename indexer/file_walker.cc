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

// Fills size and mtime; a Diagnostic if the file cannot be stat()ed.
bool stat_file(InputFile& file, std::vector<Diagnostic>& problems) {
    struct stat st;
    if (::stat(file.path.c_str(), &st) != 0) {
        problems.push_back(
            {file.path, 0, error_reason(std::error_code(errno, std::generic_category())), {}});
        return false;
    }
    file.size = static_cast<uint64_t>(st.st_size);
    file.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    return true;
}

void add_file(const fs::path& path, WalkResult& result) {
    InputFile file{path.string(), path_key(path.string()), kind_of(path), 0, 0};
    if (stat_file(file, result.problems)) {
        result.files.push_back(std::move(file));
    }
}

void walk_folder(const std::string& root, WalkResult& result) {
    std::vector<fs::path> found;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        result.problems.push_back({root, 0, error_reason(ec), {}});
        return;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            result.problems.push_back({it->path().string(), 0, error_reason(ec), {}});
            break;
        }
        auto ext = it->path().extension();
        if (ext != ".txt" && ext != ".jsonl" && ext != ".ndjson") {
            continue;
        }
        std::error_code type_ec;
        bool regular = it->is_regular_file(type_ec);
        if (type_ec) {  // a dangling link or a link loop
            result.problems.push_back({it->path().string(), 0, error_reason(type_ec), {}});
        } else if (regular) {
            found.push_back(it->path());
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
        } else if (fs::is_directory(status)) {
            std::string key = path_key(path);
            if (key.size() > 1 && key.back() == '/') {
                key.pop_back();
            }
            result.folders.push_back(key);
            walk_folder(path, result);
        } else {
            add_file(path, result);
        }
    }
    return result;
}

}  // namespace newsidx
