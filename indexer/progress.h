// The live progress line of `newsidx build`, on a terminal only.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>

namespace newsidx {

class Progress {
  public:
    /// Draws on `err` only if `enabled` (stderr is a terminal and not --quiet).
    Progress(std::ostream& err, bool enabled, uint64_t total_bytes);

    /// At most a few times a second: files done, articles, articles/s, MB/s, time left.
    void update(uint64_t files, uint64_t articles, uint64_t bytes);
    /// Clears the line so the summary starts on a clean one.
    void finish();

  private:
    std::ostream& err_;
    bool enabled_;
    bool drawn_ = false;
    uint64_t total_bytes_;
    std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace newsidx
