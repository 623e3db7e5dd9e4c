#include "indexer/progress.h"

#include <cstdio>

namespace newsidx {

namespace {

std::string count_of(uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + ' ' + (n == 1 ? one : many);
}

}  // namespace

std::string progress_line(uint64_t files, uint64_t total_files, uint64_t articles, uint64_t bytes,
                          uint64_t total_bytes, double seconds) {
    std::string line = total_files > 0
                           ? std::to_string(files) + " of " + count_of(total_files, "file", "files")
                           : count_of(files, "file", "files");
    char text[96];
    if (total_bytes > 0) {
        std::snprintf(text, sizeof text, " (%.0f%%)",
                      100.0 * static_cast<double>(std::min(bytes, total_bytes)) /
                          static_cast<double>(total_bytes));
        line += text;
    }
    double rate = seconds > 0 ? static_cast<double>(bytes) / seconds : 0;
    std::snprintf(text, sizeof text, ", %.0f articles/s, %.1f MB/s",
                  seconds > 0 ? static_cast<double>(articles) / seconds : 0.0, rate / 1e6);
    line += ", " + count_of(articles, "article", "articles") + text;
    if (rate > 0 && total_bytes > bytes && bytes * 10 >= total_bytes && seconds >= 3) {
        auto left = static_cast<long>(static_cast<double>(total_bytes - bytes) / rate + 0.5);
        std::snprintf(text, sizeof text, ", %ld:%02ld left", left / 60, left % 60);
        line += text;
    }
    return line;
}

Progress::Progress(std::ostream& err, bool enabled, uint64_t total_files, uint64_t total_bytes)
    : err_(err),
      enabled_(enabled),
      total_files_(total_files),
      total_bytes_(total_bytes),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::update(uint64_t files, uint64_t articles, uint64_t bytes) {
    if (!enabled_) {
        return;
    }
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) {
        return;
    }
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    err_ << "\r\x1b[K" << progress_line(files, total_files_, articles, bytes, total_bytes_, seconds)
         << std::flush;
    drawn_ = true;
}

void Progress::finish() {
    if (drawn_) {
        err_ << "\r\x1b[K" << std::flush;
        drawn_ = false;
    }
}

}  // namespace newsidx
