#include "searcher/snippet.h"

#include "common/schema.h"

namespace newsidx {

namespace {

constexpr std::string_view kEllipsis = "\u2026";
// Between two paragraphs of a snippet, so a subheading does not run into the next sentence.
constexpr std::string_view kParagraphMark = " \u00B6 ";

}  // namespace

void MatchedTerms::add_index_term(const std::string& term) {
    if (auto parts = split_term(term)) {  // a filter term (category, date, id) has no word
        (parts->stemmed ? stems : words).emplace(parts->word);
    }
}

Snippet make_snippet(const Article& article, const MatchedTerms& matched, TextAnalyzer& analyzer,
                     size_t max_words) {
    std::string body;
    for (const auto& paragraph : article.body) {
        if (!body.empty()) {
            body += kParagraphMark;
        }
        body += paragraph;
    }
    auto tokens = analyzer.tokenize(body);
    if (tokens.empty()) {
        return {};
    }
    std::vector<std::string> hit(tokens.size());  // the matched term at each token, or ""
    for (size_t i = 0; i < tokens.size(); ++i) {
        const auto& term = tokens[i].term;
        if (matched.words.count(term)) {
            hit[i] = term;
        } else if (!matched.stems.empty()) {
            std::string stem = analyzer.stem(term);
            if (matched.stems.count(stem)) {
                hit[i] = stem;
            }
        }
    }
    // The window with the most distinct matched terms, then the most matches; earliest wins.
    size_t best = 0, best_distinct = 0, best_count = 0;
    size_t window = std::min(max_words, tokens.size());
    for (size_t start = 0; start + window <= tokens.size(); ++start) {
        if (hit[start].empty() && start != 0) {
            continue;  // a best window starts at a match (or at the top)
        }
        std::set<std::string_view> distinct;
        size_t count = 0;
        for (size_t i = start; i < start + window; ++i) {
            if (!hit[i].empty()) {
                distinct.insert(hit[i]);
                ++count;
            }
        }
        if (distinct.size() > best_distinct ||
            (distinct.size() == best_distinct && count > best_count)) {
            best = start;
            best_distinct = distinct.size();
            best_count = count;
        }
    }
    // Start a little before the first match, for context.
    size_t first = best >= 3 && best_count > 0 ? best - 3 : best;
    size_t last = std::min(first + window, tokens.size()) - 1;

    Snippet snippet;
    size_t from = first == 0 ? 0 : tokens[first].begin;
    size_t to = last + 1 == tokens.size() ? body.size() : tokens[last].end;
    if (first != 0) {
        snippet.text = kEllipsis;
    }
    size_t shift = snippet.text.size();
    snippet.text += body.substr(from, to - from);
    if (to != body.size()) {
        snippet.text += kEllipsis;
    }
    for (size_t i = first; i <= last; ++i) {
        if (!hit[i].empty()) {
            snippet.highlights.emplace_back(tokens[i].begin - from + shift,
                                            tokens[i].end - from + shift);
        }
    }
    return snippet;
}

}  // namespace newsidx
