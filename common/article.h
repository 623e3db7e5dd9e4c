// The article model: what every reader produces and what the index stores. Plain data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.h"

namespace newsidx {

struct Article {
    std::string id;      // unique key; for a plain-text file, its name without ".txt"
    std::string source;  // the file it was read from, as given on the command line
    std::string category;
    std::string title;
    std::string summary;
    std::vector<std::string> authors;
    std::optional<Date> published;
    std::optional<Date> updated;
    std::optional<std::string> photo_credit;
    std::vector<std::string> highlights;
    std::optional<std::string> dateline;
    /// The paragraphs of `body` that are subheadings, in order.
    std::vector<std::string> subheadings;
    /// Every paragraph in reading order, subheadings included, boilerplate footer excluded.
    std::vector<std::string> body;
    /// A BCP 47 tag (normalize_language_tag(): "tr", "pt-BR"); empty if the input did not
    /// say, until the indexer detects it.
    std::string language;

    bool operator==(const Article&) const = default;
};

}  // namespace newsidx
