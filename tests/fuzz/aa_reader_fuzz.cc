// libFuzzer harness: one plain-text article file, as `newsidx build` and `parse` read it.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "common/aa_reader.h"
#include "common/utf8.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto result = newsidx::read_aa_article(bytes, "fuzz/article.txt");
    if (const auto* article = std::get_if<newsidx::Article>(&result)) {
        // The reader rejects non-UTF-8 files, so whatever it returns is valid UTF-8 (the
        // JSON printers and the analyser rely on it).
        NEWSIDX_FUZZ_CHECK(article->id == "article");
        NEWSIDX_FUZZ_CHECK(!newsidx::find_invalid_utf8(article->title));
        NEWSIDX_FUZZ_CHECK(!article->title.empty());
        for (const auto& paragraph : article->body) {
            NEWSIDX_FUZZ_CHECK(!newsidx::find_invalid_utf8(paragraph));
        }
        NEWSIDX_FUZZ_CHECK(!article->published || article->published->valid());
    }
    return 0;
}
