#include "indexer/file_walker.h"

#include <algorithm>
#include <filesystem>
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

void walk_folder(const std::string& root, WalkResult& result) {
    std::vector<std::string> found;
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
        std::error_code type_ec;
        if (it->path().extension() == ".txt" && it->is_regular_file(type_ec)) {
            found.push_back(it->path().string());
        }
    }
    std::sort(found.begin(), found.end());
    result.files.insert(result.files.end(), found.begin(), found.end());
}

}  // namespace

WalkResult walk_inputs(const std::vector<std::string>& paths) {
    WalkResult result;
    for (const auto& path : paths) {
        std::error_code ec;
        auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            result.problems.push_back(
                {path,
                 0,
                 error_reason(ec ? ec : std::make_error_code(std::errc::no_such_file_or_directory)),
                 {}});
        } else if (fs::is_directory(status)) {
            walk_folder(path, result);
        } else {
            result.files.push_back(path);
        }
    }
    return result;
}

}  // namespace newsidx
