// Printers of search results: one interface, text for people and JSON for scripts.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "searcher/search.h"

namespace newsidx {

enum class Format { kText, kJson, kJsonl, kIds };

class Printer {
  public:
    virtual ~Printer() = default;
    virtual void print(const SearchResult& result) = 0;
};

/// `color`: wrap highlights and headings in ANSI escapes (text only).
std::unique_ptr<Printer> make_printer(Format format, std::ostream& out, bool color);

/// Text that is safe to print on a terminal: control characters (C0 but tab and newline,
/// DEL, C1) and bidirectional overrides become U+FFFD.
std::string terminal_safe(std::string_view text);

}  // namespace newsidx
