// A problem with one input record: reported on one line, counted, and the run goes on.
#pragma once

#include <ostream>
#include <string>

namespace newsidx {

struct Diagnostic {
    std::string path;
    size_t line = 0;     // 1-based; 0 when no line applies (an empty file)
    std::string reason;  // stable words, used to count problems by kind: "impossible date"
    std::string detail;  // what was found, if anything: "31.02.2025"
};

/// Writes "path:line: reason detail" (no ":line" when no line applies), no newline.
inline std::ostream& operator<<(std::ostream& out, const Diagnostic& d) {
    out << d.path;
    if (d.line != 0) {
        out << ':' << d.line;
    }
    out << ": " << d.reason;
    if (!d.detail.empty()) {
        out << ' ' << d.detail;
    }
    return out;
}

}  // namespace newsidx
