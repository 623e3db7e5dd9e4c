#include "common/language.h"

#include <cctype>
#include <cld2/public/compact_lang_det.h>

#include "common/utf8.h"

namespace newsidx {

namespace {

bool all_of(std::string_view s, int (*is)(int)) {
    for (char c : s) {
        if (!is(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::optional<std::string> normalize_language_tag(std::string_view tag) {
    std::string out;
    for (size_t i = 0, n = 0; i <= tag.size(); ++n) {
        size_t end = std::min(tag.find_first_of("-_", i), tag.size());
        std::string sub(tag.substr(i, end - i));
        bool primary = n == 0;
        if (primary ? sub.size() < 2 || sub.size() > 3 || !all_of(sub, std::isalpha)
                    : sub.empty() || sub.size() > 8 || !all_of(sub, std::isalnum)) {
            return std::nullopt;
        }
        for (size_t k = 0; k < sub.size(); ++k) {
            // Region "BR" upper case, script "Hant" title case, the rest lower case.
            bool upper = !primary && ((sub.size() == 2 && std::isalpha(sub[0])) ||
                                      (sub.size() == 4 && std::isalpha(sub[0]) && k == 0));
            sub[k] = static_cast<char>(upper ? std::toupper(static_cast<unsigned char>(sub[k]))
                                             : std::tolower(static_cast<unsigned char>(sub[k])));
        }
        out += (primary ? "" : "-") + sub;
        i = end + 1;
    }
    return out;
}

std::string_view primary_language(std::string_view tag) { return tag.substr(0, tag.find('-')); }

std::optional<Xapian::Stem> stemmer_for(std::string_view code) {
    if (code.empty() || code == kUndetermined) {
        return std::nullopt;
    }
    try {
        return Xapian::Stem(std::string(code));
    } catch (const Xapian::InvalidArgumentError&) {
        return std::nullopt;  // a language Xapian has no stemmer for
    }
}

bool stems_keep_initial(std::string_view code) {
    return code != "ar" && code != "id" && code != "ga";
}

std::string detect_language(std::string_view text) {
    if (find_invalid_utf8(text)) {
        return std::string(kUndetermined);  // CLD2 reads UTF-8 only
    }
    CLD2::Language top3[3];
    int percent3[3];
    int letters = 0;  // bytes of text CLD2 scored: none, and it answers English
    bool reliable = false;
    CLD2::Language language = CLD2::DetectLanguageSummary(
        text.data(), static_cast<int>(text.size()), true, top3, percent3, &letters, &reliable);
    if (letters == 0 || language == CLD2::UNKNOWN_LANGUAGE ||
        language == CLD2::TG_UNKNOWN_LANGUAGE) {
        return std::string(kUndetermined);
    }
    auto tag = normalize_language_tag(CLD2::LanguageCode(language));
    return tag ? std::string(primary_language(*tag)) : std::string(kUndetermined);
}

std::string detect_language(const Article& a) {
    std::string sample = a.title;
    auto add = [&](const std::string& text) {
        if (sample.size() < kLanguageSample) {
            sample += '\n';
            sample += text;
        }
    };
    add(a.summary);
    for (const auto& highlight : a.highlights) {
        add(highlight);
    }
    for (const auto& paragraph : a.body) {
        add(paragraph);
    }
    return detect_language(sample);
}

}  // namespace newsidx
