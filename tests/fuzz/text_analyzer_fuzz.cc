// libFuzzer harness: the analyser on arbitrary bytes. Article text is valid UTF-8 (the readers
// check), but query words come from the command line as typed, in any encoding.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/language.h"
#include "common/text_analyzer.h"
#include "common/utf8.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static newsidx::TextAnalyzer analyzer;  // one per thread, and libFuzzer runs one
    std::string_view text(reinterpret_cast<const char*>(data), size);
    size_t last_end = 0;
    for (const auto& token : analyzer.tokenize(text)) {
        // Offsets point into the input, in order: snippets cut the text at them.
        NEWSIDX_FUZZ_CHECK(token.begin < token.end);
        NEWSIDX_FUZZ_CHECK(token.end <= text.size());
        NEWSIDX_FUZZ_CHECK(token.begin >= last_end);
        last_end = token.end;
        NEWSIDX_FUZZ_CHECK(!token.term.empty());
        NEWSIDX_FUZZ_CHECK(token.term.size() <= newsidx::TextAnalyzer::kMaxTermBytes);
        NEWSIDX_FUZZ_CHECK(!newsidx::find_invalid_utf8(token.term));
        for (const char* code : {"en", "tr", "ar", "ru"}) {
            (*analyzer.stemmer(code))(token.term);
        }
    }
    // ASCII text is split without ICU: the same words as ICU's breaks give, which a non-ASCII
    // word after it makes the analyser use.
    if (std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; })) {
        auto ascii = analyzer.tokenize(text);
        auto icu = analyzer.tokenize(std::string(text) + " \u00E9");
        NEWSIDX_FUZZ_CHECK(icu.size() == ascii.size() + 1);
        for (size_t i = 0; i < ascii.size(); ++i) {
            NEWSIDX_FUZZ_CHECK(ascii[i].term == icu[i].term && ascii[i].begin == icu[i].begin);
        }
    }
    NEWSIDX_FUZZ_CHECK(!newsidx::detect_language(text).empty());
    std::string slug = analyzer.slug(text);
    NEWSIDX_FUZZ_CHECK(!newsidx::find_invalid_utf8(slug));
    if (!newsidx::find_invalid_utf8(text)) {
        newsidx::clean_spaces(text);
        newsidx::count_code_points(text);
    }
    return 0;
}
