// Picks the part of an article's body to show for a result and where the matches are in it.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/article.h"
#include "common/text_analyzer.h"

namespace newsidx {

struct Snippet {
    std::string text;
    /// Byte ranges [begin, end) of `text` holding a matched word, as printed.
    std::vector<std::pair<size_t, size_t>> highlights;
};

/// What a document matched, from Enquire::get_matching_terms(): words and stems, with
/// the field prefixes taken off (a title match is highlighted in the body too).
struct MatchedTerms {
    std::set<std::string> words;
    std::set<std::string> stems;
    std::vector<std::string> prefixes;  // of wildcards: "pyong" for Pyong*

    void add_index_term(const std::string& term);
};

/// The window of about `max_words` words of the body with the most distinct matched terms
/// over the whole body (the start of the body if nothing matched), with "…" where it was cut
/// and " ¶ " between paragraphs. The earliest such window wins.
Snippet make_snippet(const Article& article, const MatchedTerms& matched, TextAnalyzer& analyzer,
                     size_t max_words = 32);

}  // namespace newsidx
