#include "common/text_analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "common/error.h"
#include "common/language.h"
#include "common/utf8.h"

namespace newsidx {

namespace {

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0xFF07; }

bool is_ascii_alnum(UChar32 c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Letters, digits and marks belong to a word. Connectors ('_') and apostrophes join words
// into a compound, whose parts are words of their own: GOMP_loop -> gomp, loop; Ankara'da
// -> ankara, da (a Turkish suffix); Kim's -> kim, s. (The modifier letter apostrophe ʼ is a
// letter to ICU, so it is named here.)
bool is_word_char(UChar32 c) {
    if (c < 0x80) {  // the same answer, without two property lookups
        return is_ascii_alnum(c);
    }
    return !is_apostrophe(c) &&
           (u_isalnum(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK);
}

// Letters that carry an accent but do not decompose in NFD.
const char16_t* unaccented(UChar32 c) {
    switch (c) {
        case 0x0131:
            return u"i";  // ı dotless i
        case 0x0142:
            return u"l";  // ł
        case 0x00F8:
            return u"o";  // ø
        case 0x0111:
            return u"d";  // đ
        case 0x00F0:
            return u"d";  // ð
        case 0x00FE:
            return u"th";  // þ
        case 0x00E6:
            return u"ae";  // æ
        case 0x0153:
            return u"oe";  // œ
        case 0x0127:
            return u"h";  // ħ
        case 0x0167:
            return u"t";  // ŧ
        case 0x0649:
            return u"\u064A";  // Arabic alef maksura ى -> yeh ي
        case 0x0629:
            return u"\u0647";  // Arabic teh marbuta ة -> heh ه
        default:
            return nullptr;
    }
}

bool is_ascii(std::string_view s) {
    for (unsigned char c : s) {
        if (c >= 0x80) {
            return false;
        }
    }
    return true;
}

}  // namespace

TextAnalyzer::TextAnalyzer() {
    UErrorCode status = U_ZERO_ERROR;
    breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !breaker_) {
        throw Error(std::string("ICU word break iterator: ") + u_errorName(status));
    }
    icu::Normalizer2::getNFKCCasefoldInstance(status);
    icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) {
        throw Error(std::string("ICU normaliser: ") + u_errorName(status));
    }
}

TextAnalyzer::~TextAnalyzer() = default;

const Xapian::Stem* TextAnalyzer::stemmer(std::string_view code) {
    auto known = stemmers_.find(code);
    if (known == stemmers_.end()) {
        known = stemmers_.emplace(std::string(code), stemmer_for(code)).first;
    }
    return known->second ? &*known->second : nullptr;
}

std::string TextAnalyzer::normalize(std::string_view word, std::string* cased) const {
    if (is_ascii(word)) {
        std::string term(word);
        for (auto& c : term) {
            if (c >= 'A' && c <= 'Z') {
                c = static_cast<char>(c - 'A' + 'a');
            }
        }
        return term;
    }
    UErrorCode status = U_ZERO_ERROR;
    const auto* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    const auto* nfd = icu::Normalizer2::getNFDInstance(status);
    const auto* nfc = icu::Normalizer2::getNFCInstance(status);
    icu::UnicodeString folded =
        fold->normalize(icu::UnicodeString::fromUTF8(
                            icu::StringPiece(word.data(), static_cast<int32_t>(word.size()))),
                        status);
    icu::UnicodeString decomposed = nfd->normalize(folded, status);
    icu::UnicodeString plain;
    UScriptCode base_script = USCRIPT_COMMON;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) {
            bool drop = base_script == USCRIPT_LATIN || base_script == USCRIPT_GREEK ||
                        base_script == USCRIPT_ARABIC ||
                        (base_script == USCRIPT_CYRILLIC && c == 0x0308);
            if (!drop) {
                plain.append(c);
            }
            continue;
        }
        base_script = uscript_getScript(c, &status);
        if (c == 0x0640) {
            continue;  // Arabic tatweel, a stretch of the line
        }
        if (const char16_t* repl = unaccented(c)) {
            plain.append(repl);
        } else {
            plain.append(c);
        }
    }
    icu::UnicodeString composed = nfc->normalize(plain, status);
    if (U_FAILURE(status)) {
        return {};
    }
    std::string term;
    composed.toUTF8String(term);
    if (cased && folded != composed) {
        folded.toUTF8String(*cased);
    }
    return term;
}

std::optional<Token> TextAnalyzer::token(std::string_view text, size_t begin, size_t end) const {
    std::string cased;
    std::string term = normalize(text.substr(begin, end - begin), &cased);
    if (term.empty() || term.size() > kMaxTermBytes) {
        return std::nullopt;
    }
    std::string transliterated;
    if (cased.find_first_of("\xa4\xb6\xbc") != cased.npos) {  // the last byte of ä ö ü
        std::string written = cased;
        for (auto [umlaut, pair] : {std::pair{"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}}) {
            for (size_t at = written.find(umlaut); at != written.npos;
                 at = written.find(umlaut, at + 2)) {
                written.replace(at, 2, pair);
            }
        }
        if (written != cased) {
            transliterated = normalize(written);
            if (transliterated == term || transliterated.size() > kMaxTermBytes) {
                transliterated.clear();
            }
        }
    }
    return Token{std::move(term), std::move(cased), std::move(transliterated), begin, end};
}

void TextAnalyzer::find_words(std::string_view text, std::vector<std::pair<size_t, size_t>>& out) {
    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    if (is_ascii(text)) {
        size_t piece = text.npos;  // where the word being read began
        for (size_t i = 0; i < text.size(); ++i) {
            char c = text[i];
            bool keep =
                is_ascii_alnum(c) || ((c == '.' || c == ',') && i > 0 && is_digit(text[i - 1]) &&
                                      i + 1 < text.size() && is_digit(text[i + 1]));
            if (keep && piece == text.npos) {
                piece = i;
            } else if (!keep && piece != text.npos) {
                out.emplace_back(piece, i);
                piece = text.npos;
            }
        }
        if (piece != text.npos) {
            out.emplace_back(piece, text.size());
        }
        return;
    }
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) {
        return;
    }
    breaker_->setText(ut, status);
    int32_t start = breaker_->first();
    for (int32_t end = breaker_->next(); end != icu::BreakIterator::DONE;
         start = end, end = breaker_->next()) {
        if (breaker_->getRuleStatus() == UBRK_WORD_NONE) {
            continue;
        }
        // Split at inner punctuation (as QueryParser would), connectors and apostrophes,
        // unless between digits.
        std::string_view word = text.substr(0, static_cast<size_t>(end));
        size_t piece = static_cast<size_t>(start);
        UChar32 prev = U_SENTINEL;
        for (size_t i = piece; i < word.size();) {
            auto [c, next] = next_code_point(word, i);
            bool keep = is_word_char(c);
            if (!keep && (c == '.' || c == ',') && u_isdigit(prev) && next < word.size()) {
                keep = u_isdigit(next_code_point(word, next).value);
            }
            if (!keep) {
                if (piece < i) {
                    out.emplace_back(piece, i);
                }
                piece = next;
            }
            prev = c;
            i = next;
        }
        if (piece < word.size()) {
            out.emplace_back(piece, word.size());
        }
    }
    breaker_->setText(icu::UnicodeString());  // drop the pointer into `text`
    utext_close(ut);
}

std::vector<Token> TextAnalyzer::tokenize(std::string_view text) {
    std::vector<std::pair<size_t, size_t>> words;
    find_words(text, words);
    std::vector<Token> tokens;
    tokens.reserve(words.size());
    for (auto [begin, end] : words) {
        if (auto t = token(text, begin, end)) {
            tokens.push_back(std::move(*t));
        }
    }
    return tokens;
}

std::string TextAnalyzer::slug(std::string_view text) {
    std::string key;
    for (const auto& token : tokenize(text)) {
        if (!key.empty()) {
            key += '-';
        }
        key += token.term;
    }
    return key;
}

}  // namespace newsidx
