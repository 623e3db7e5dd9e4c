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
    /// One whole article (`show`): every section as text, or the object `newsidx parse`
    /// prints as JSON.
    virtual void print(const Article& article) = 0;
};

/// How text output looks.
struct TextLayout {
    bool color = false;  // highlights and headings in ANSI escapes
    size_t width = 0;    // columns to fit lines in (wrap or cut with "…"); 0: no limit
};

/// `layout` applies to Format::kText only.
std::unique_ptr<Printer> make_printer(Format format, std::ostream& out, TextLayout layout = {});

/// Columns that valid UTF-8 text takes on a terminal: East Asian wide and full-width
/// characters take two, combining marks none.
size_t display_width(std::string_view text);

}  // namespace newsidx
