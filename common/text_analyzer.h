// The only way from text to terms, for the indexer and the searcher alike (ICU + Xapian::Stem).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <unicode/uversion.h>
#include <xapian.h>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace newsidx {

/// A word of the input: its term (normalised, unstemmed) and where it was printed.
struct Token {
    std::string term;
    /// The word case-folded with its accents (NFKC casefold), when that differs from `term`
    /// ("kitaplarımızdan" for "Kitaplarımızdan", "canción"): what a stemmer reads best,
    /// since folding first loses the vowels its rules look at.
    std::string cased;
    /// The term with ä, ö, ü written ae, oe, ue, as German does without them ("mueller" for
    /// "Müller", "zuerich" for "Zürich"), when the word has one: indexed at the same
    /// position, so that the transliteration typed finds the word.
    std::string transliterated;
    size_t begin = 0;  // byte offsets of the printed word in the analysed text
    size_t end = 0;
};

/// Splits text into words with ICU's word BreakIterator (so CJK and Thai are segmented by
/// dictionary) and normalises each word to a term:
///   NFKC with full case folding; accents removed from Latin and Greek letters and the
///   diaeresis from Cyrillic (Gökçe -> gokce, İstanbul -> istanbul, Łódź -> lodz, ё -> е);
///   Arabic without harakat, hamza and madda marks and tatweel, alef maksura as yeh and teh
///   marbuta as heh (الْمَشْرُوعَ -> المشروع, أ إ آ -> ا, مدرسة -> مدرسه).
/// A word is split further at punctuation inside it ("U.S." -> u, s), except a '.' or ','
/// between digits ("1,000", "2.2"), and into the parts of a compound joined by '_' or an
/// apostrophe (' ’ ʼ ＇): GOMP_loop -> gomp, loop; Ankara’da -> ankara, da. The parts are
/// consecutive words, so each part typed alone finds the compound, and the compound typed
/// whole is searched as the phrase of its parts, as a hyphenated word is.
/// Words longer than kMaxTermBytes after normalisation are dropped (Xapian limits terms).
///
/// Not thread-safe (ICU's BreakIterator is not): use one TextAnalyzer per thread.
class TextAnalyzer {
  public:
    static constexpr size_t kMaxTermBytes = 64;

    /// Throws newsidx::Error if ICU cannot create its break iterator or normaliser.
    TextAnalyzer();
    ~TextAnalyzer();
    TextAnalyzer(const TextAnalyzer&) = delete;
    TextAnalyzer& operator=(const TextAnalyzer&) = delete;

    /// The words of `text` (valid UTF-8) in order.
    std::vector<Token> tokenize(std::string_view text);

    /// Where tokenize() finds words in `text`: the bytes [begin, end) of each, appended to
    /// `out`, before normalisation, so that what passes most words over unread (snippets) does
    /// not pay for their terms. A word whose term is empty or too long is listed too: token()
    /// tells. ASCII text is split without ICU, by the same rules (ICU's word breaks in ASCII
    /// fall at every character that is not a letter or digit, except '.' and ',' between digits,
    /// where the split below keeps a number whole).
    void find_words(std::string_view text, std::vector<std::pair<size_t, size_t>>& out);

    /// The token of the word text[begin, end) found by find_words(), or nullopt if its term
    /// is empty or longer than kMaxTermBytes.
    std::optional<Token> token(std::string_view text, size_t begin, size_t end) const;

    /// The terms of `text` joined by '-': a stable key for boolean terms ("Asia - Pacific"
    /// -> "asia-pacific").
    std::string slug(std::string_view text);

    /// `word` as tokenize() makes its term (for a stem of Token::cased).
    std::string fold(std::string_view word) const { return normalize(word); }

    /// The stemmer of the language `code` ("tr": a primary subtag), or nullptr if Xapian has
    /// none (stemmer_for()). The indexer stems an article's words with its language's, the
    /// searcher a query word with each language of the archive.
    const Xapian::Stem* stemmer(std::string_view code);

  private:
    // The term of `word`; `cased`, if given, gets the word case-folded with its accents
    // when that differs from the term.
    std::string normalize(std::string_view word, std::string* cased = nullptr) const;

    std::unique_ptr<icu::BreakIterator> breaker_;
    std::map<std::string, std::optional<Xapian::Stem>, std::less<>> stemmers_;  // by code
};

}  // namespace newsidx
