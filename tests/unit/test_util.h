// Shared by the unit tests: where the test data is, and a fresh temporary directory.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace newsidx::test {

inline std::filesystem::path source_dir() { return NEWSIDX_SOURCE_DIR; }
inline std::filesystem::path corpus_dir() { return source_dir() / "corpus"; }
/// The real samples, present when the project sits beside ../shared; tests skip without them.
inline std::filesystem::path seeds_dir() { return source_dir().parent_path() / "shared" / "seeds"; }

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// The article files of corpus/ (corpus/languages/ included) and, when present, of the
/// seeds, sorted.
inline std::vector<std::filesystem::path> article_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& dir : {corpus_dir(), seeds_dir()}) {
        if (!std::filesystem::is_directory(dir)) {
            continue;
        }
        for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
            if (entry.path().extension() == ".txt") {
                files.push_back(entry.path());
            }
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// How many articles `newsidx build corpus` indexes: the *.txt files of corpus/.
inline size_t corpus_article_count() {
    size_t n = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus_dir())) {
        n += entry.path().extension() == ".txt";
    }
    return n;
}

/// The summary line of a build over corpus/ that read every article, its start.
inline std::string all_corpus_changed() {
    std::string n = std::to_string(corpus_article_count());
    return n + " changed, 0 unchanged, 0 removed, 0 skipped; " + n + " articles";
}

/// The start of the summary line of a build over corpus/ that found nothing to do.
inline std::string no_corpus_change() {
    return "0 changed, " + std::to_string(corpus_article_count()) + " unchanged";
}

/// A directory made for one test and removed with everything in it afterwards.
class TempDir {
  public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "newsidx-test-XXXXXX");
        if (!mkdtemp(pattern.data())) {
            throw std::runtime_error("mkdtemp failed");
        }
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

    /// Writes `bytes` to a file in the directory and returns its path.
    std::filesystem::path write(const std::string& name, const std::string& bytes) const {
        std::ofstream(path_ / name, std::ios::binary) << bytes;
        return path_ / name;
    }

  private:
    std::filesystem::path path_;
};

}  // namespace newsidx::test
