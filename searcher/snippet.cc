#include "searcher/snippet.h"

#include <algorithm>
#include <unordered_map>

#include "common/language.h"
#include "common/schema.h"

namespace newsidx {

namespace {

constexpr std::string_view kEllipsis = "\u2026";
// Between two paragraphs of a snippet, so a subheading does not run into the next sentence.
constexpr std::string_view kParagraphMark = " \u00B6 ";

// Appends the bytes [from, to) of `paragraphs` joined by kParagraphMark to `out`.
void append_joined(const std::vector<std::string>& paragraphs, size_t from, size_t to,
                   std::string& out) {
    size_t start = 0;  // of the piece in the joined text
    auto take = [&](std::string_view piece) {
        size_t end = start + piece.size();
        if (start < to && end > from) {
            size_t b = std::max(from, start) - start;
            out.append(piece.substr(b, std::min(to, end) - start - b));
        }
        start = end;
    };
    for (size_t p = 0; p < paragraphs.size() && start < to; ++p) {
        if (p > 0) {
            take(kParagraphMark);
        }
        take(paragraphs[p]);
    }
}

}  // namespace

void MatchedTerms::add_index_term(const std::string& term) {
    if (auto parts = split_term(term)) {  // a filter term (category, date, id) has no word
        if (parts->stemmed) {
            stems.insert(std::string(parts->language) + ':' + std::string(parts->word));
        } else {
            words.emplace(parts->word);
        }
    }
}

Snippet make_snippet(const Article& article, const MatchedTerms& matched, TextAnalyzer& analyzer,
                     size_t max_words) {
    // Offsets are into the paragraphs joined by kParagraphMark (joined only where shown).
    size_t body_size = 0;
    for (size_t p = 0; p < article.body.size(); ++p) {
        body_size += (p > 0 ? kParagraphMark.size() : 0) + article.body[p].size();
    }
    // Each matched word or stem counts as its stem in the article's language, so
    // "pipeline" and "pipelines" are one; the stems of other languages are not its words.
    std::string_view language = primary_language(article.language);
    const Xapian::Stem* stemmer = analyzer.stemmer(language);
    std::string qualifier = std::string(language) + ':';  // as MatchedTerms::stems hold them
    auto stem_of = [&](const std::string& term) { return stemmer ? (*stemmer)(term) : term; };
    std::set<std::string> stems;  // the matched stems of the article's language, unqualified
    // Stemming every word of the body would cost more than the search: most stemmers keep a
    // word's first letter (not always its second: dying -> die), so only words that start
    // like a matched stem can have it, and each distinct word is stemmed once.
    std::string stem_initials;  // the first byte of each matched stem
    for (const auto& stem : matched.stems) {
        if (stem.starts_with(qualifier) && stem.size() > qualifier.size()) {
            stems.insert(stem.substr(qualifier.size()));
            stem_initials += stem[qualifier.size()];
        }
    }
    bool stem_every_word = !stems.empty() && stemmer && !stems_keep_initial(language);
    std::set<std::string> concepts(stems);
    // A word can have a concept only if it starts like a matched stem, word or prefix.
    std::string initials = stem_initials;
    for (const auto& word : matched.words) {
        concepts.insert(stem_of(word));
        initials += word.front();
    }
    for (const auto& prefix : matched.prefixes) {
        concepts.insert(prefix + '*');
        initials += prefix.front();  // never empty (QueryBuilder::wildcard_prefixes)
    }
    // The concept of each distinct word read ("" if none): a word is stemmed once.
    std::unordered_map<std::string, std::string> concept_of;
    auto concept_of_token = [&](const Token& token) -> std::string {
        if (!stem_every_word && initials.find(token.term.front()) == std::string::npos &&
            token.transliterated.empty()) {
            return {};
        }
        auto [it, fresh] = concept_of.try_emplace(token.term);
        if (fresh) {
            auto prefix =
                std::find_if(matched.prefixes.begin(), matched.prefixes.end(),
                             [&](const auto& start) { return token.term.starts_with(start); });
            if (matched.words.count(token.term)) {
                it->second = stem_of(token.term);
            } else if (prefix != matched.prefixes.end()) {
                it->second = *prefix + '*';
            } else if (stem_every_word ||
                       stem_initials.find(token.term.front()) != std::string::npos) {
                std::string stem = stem_of(token.term);
                if (stems.count(stem)) {
                    it->second = std::move(stem);
                }
            }
        }
        if (it->second.empty() && !token.transliterated.empty() &&
            matched.words.count(token.transliterated)) {
            return stem_of(token.transliterated);  // "mueller" typed for Müller
        }
        return it->second;
    };

    std::vector<std::pair<size_t, size_t>> tokens;  // where each word was printed (bytes)
    std::vector<std::string> hit;                   // the concept matched at each token, or ""
    // The window with the most distinct concepts over the whole body; the earliest wins. Once
    // a window holds every concept the rest of the body is not read: none can do better.
    // best_end: one past the last match counted in the best window. A window is shown from up
    // to kContext words before its first match, as many as leave its last match shown.
    constexpr size_t kContext = 3;
    size_t best = 0, best_distinct = 0, best_end = 0, next_start = 0;
    auto look_at_windows = [&](bool last) {
        size_t end =
            last ? tokens.size() : (tokens.size() >= max_words ? tokens.size() - max_words + 1 : 0);
        for (; next_start < end; ++next_start) {
            if (hit[next_start].empty() && next_start != 0) {
                continue;  // a best window starts at a match (or at the top)
            }
            std::set<std::string_view> distinct;
            size_t matched_end = next_start;
            for (size_t i = next_start; i < std::min(next_start + max_words, tokens.size()); ++i) {
                if (!hit[i].empty()) {
                    distinct.insert(hit[i]);
                    matched_end = i + 1;
                }
            }
            if (distinct.size() > best_distinct) {
                best = next_start;
                best_distinct = distinct.size();
                best_end = matched_end;
            }
        }
        return best_distinct == concepts.size();
    };
    // Most words are passed over by their first letter, unnormalised (find_words()): a word
    // is analysed only if it can match, or if only its analysis tells whether it is a word.
    std::vector<std::pair<size_t, size_t>> words;
    size_t offset = 0;
    for (size_t p = 0; p < article.body.size(); ++p) {
        const std::string& paragraph = article.body[p];
        words.clear();
        analyzer.find_words(paragraph, words);
        for (auto [begin, end] : words) {
            std::string_view printed(paragraph.data() + begin, end - begin);
            unsigned char first = static_cast<unsigned char>(printed.front());
            char lower = first >= 'A' && first <= 'Z' ? static_cast<char>(first - 'A' + 'a')
                                                      : static_cast<char>(first);
            bool may_match =
                stem_every_word || first >= 0x80 || initials.find(lower) != std::string::npos;
            bool plain = printed.size() <= TextAnalyzer::kMaxTermBytes &&
                         std::all_of(printed.begin(), printed.end(),
                                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
            std::string concept_;
            if (may_match || !plain) {  // a plain ASCII word is its own term, lower-cased
                auto token = analyzer.token(paragraph, begin, end);
                if (!token) {
                    continue;
                }
                concept_ = concept_of_token(*token);
            }
            tokens.emplace_back(begin + offset, end + offset);
            hit.push_back(std::move(concept_));
        }
        offset += paragraph.size() + kParagraphMark.size();
        if (!concepts.empty() && look_at_windows(false)) {
            break;
        }
    }
    if (tokens.empty()) {
        return {};
    }
    if (best_distinct < concepts.size()) {
        look_at_windows(true);
    }
    size_t first = best - std::min({kContext, best, max_words - (best_end - best)});
    size_t last = std::min(first + max_words, tokens.size()) - 1;

    Snippet snippet;
    size_t from = first == 0 ? 0 : tokens[first].first;
    size_t to = last + 1 == tokens.size() && offset >= body_size ? body_size : tokens[last].second;
    if (first != 0) {
        snippet.text = kEllipsis;
    }
    size_t shift = snippet.text.size();
    append_joined(article.body, from, to, snippet.text);
    if (to != body_size) {
        snippet.text += kEllipsis;
    }
    for (size_t i = first; i <= last; ++i) {
        if (!hit[i].empty()) {
            snippet.highlights.emplace_back(tokens[i].first - from + shift,
                                            tokens[i].second - from + shift);
        }
    }
    return snippet;
}

}  // namespace newsidx
