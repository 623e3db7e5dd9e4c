// Reports the problems of a build or a parse: one line each on stderr, counted by reason for
// the summary line. Thread-safe: shard writers report from their threads.
#pragma once

#include <map>
#include <mutex>
#include <ostream>
#include <string>

#include "common/diagnostic.h"

namespace newsidx {

class Problems {
  public:
    explicit Problems(std::ostream& err) : err_(err) {}

    void report(const Diagnostic& d) {
        std::lock_guard lock(mutex_);
        err_ << "newsidx: " << d << '\n';
        ++by_reason_[d.reason];
        ++total_;
    }
    /// Any other line for stderr ("warning: ..."), whole even when writers run in parallel.
    void say(const std::string& line) {
        std::lock_guard lock(mutex_);
        err_ << "newsidx: " << line << '\n';
    }
    size_t total() const { return total_; }

    /// "2 skipped (1 empty file, 1 invalid UTF-8)"
    std::string summary() const {
        std::string text = std::to_string(total_) + " skipped";
        if (total_ == 0) {
            return text;
        }
        text += " (";
        bool first = true;
        for (const auto& [reason, count] : by_reason_) {
            text += (first ? "" : ", ") + std::to_string(count) + ' ' + reason;
            first = false;
        }
        return text + ")";
    }

  private:
    std::mutex mutex_;  // shard writers report from their threads
    std::ostream& err_;
    std::map<std::string, size_t> by_reason_;
    size_t total_ = 0;
};

}  // namespace newsidx
