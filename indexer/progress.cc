#include "indexer/progress.h"

#include <cstdio>

namespace newsidx {

Progress::Progress(std::ostream& err, bool enabled, uint64_t total_bytes)
    : err_(err),
      enabled_(enabled),
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
    double rate = seconds > 0 ? static_cast<double>(bytes) / seconds : 0;
    char line[160];
    int n = std::snprintf(
        line, sizeof line, "\r\x1b[K%llu files, %llu articles, %.0f articles/s, %.1f MB/s",
        static_cast<unsigned long long>(files), static_cast<unsigned long long>(articles),
        seconds > 0 ? static_cast<double>(articles) / seconds : 0.0, rate / 1e6);
    if (rate > 0 && total_bytes_ > bytes && n > 0 && static_cast<size_t>(n) < sizeof line) {
        auto left = static_cast<long>(static_cast<double>(total_bytes_ - bytes) / rate);
        std::snprintf(line + n, sizeof line - static_cast<size_t>(n), ", %ld:%02ld left", left / 60,
                      left % 60);
    }
    err_ << line << std::flush;
    drawn_ = true;
}

void Progress::finish() {
    if (drawn_) {
        err_ << "\r\x1b[K" << std::flush;
        drawn_ = false;
    }
}

}  // namespace newsidx
