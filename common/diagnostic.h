// A problem with one input record: reported on one line, counted, and the run goes on.
#pragma once

#include <ostream>
#include <string>

#include "common/utf8.h"

namespace newsidx {

struct Diagnostic {
    std::string path;
    size_t line = 0;     // 1-based; 0 when no line applies (an empty file)
    std::string reason;  // stable words, used to count problems by kind: "impossible date"
    std::string detail;  // what was found, if anything: "31.02.2025"
};

/// Writes "path:line: reason detail" (no ":line" when no line applies), no newline; the
/// path and the detail come from the input and are made terminal_safe.
inline std::ostream& operator<<(std::ostream& out, const Diagnostic& d) {
    out << terminal_safe(d.path);
    if (d.line != 0) {
        out << ':' << d.line;
    }
    out << ": " << d.reason;
    if (!d.detail.empty()) {
        out << ' ' << terminal_safe(d.detail);
    }
    return out;
}

}  // namespace newsidx
