// The live progress line of `newsidx build`, on a terminal only.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace newsidx {

/// What the progress line says after `seconds`: "2 of 5 files (38%), 1 article, 120
/// articles/s, 1.2 MB/s, 0:14 left", the share done and the time left by bytes; the time
/// left only once a tenth of the bytes and 3 seconds are behind (the first moments of a
/// build run faster than the rest: the database is small), never while nothing is known.
std::string progress_line(uint64_t files, uint64_t total_files, uint64_t articles, uint64_t bytes,
                          uint64_t total_bytes, double seconds);

class Progress {
  public:
    /// Draws on `err` only if `enabled` (stderr is a terminal and not --quiet).
    Progress(std::ostream& err, bool enabled, uint64_t total_files, uint64_t total_bytes);

    /// At most a few times a second: progress_line().
    void update(uint64_t files, uint64_t articles, uint64_t bytes);
    /// Clears the line so the summary starts on a clean one.
    void finish();

  private:
    std::ostream& err_;
    bool enabled_;
    bool drawn_ = false;
    uint64_t total_files_, total_bytes_;
    std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace newsidx
