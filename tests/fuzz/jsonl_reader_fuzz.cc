// libFuzzer harness: one line of a JSON Lines file, as `newsidx build` reads it.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "common/jsonl_reader.h"
#include "common/utf8.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view line(reinterpret_cast<const char*>(data), size);
    auto result = newsidx::read_jsonl_article(line, "fuzz.jsonl", 7);
    if (const auto* article = std::get_if<newsidx::Article>(&result)) {
        NEWSIDX_FUZZ_CHECK(!article->id.empty());
        NEWSIDX_FUZZ_CHECK(!newsidx::find_invalid_utf8(article->id));
        NEWSIDX_FUZZ_CHECK(!newsidx::find_invalid_utf8(article->title));
        NEWSIDX_FUZZ_CHECK(!article->published || article->published->valid());
        NEWSIDX_FUZZ_CHECK(!article->updated || article->updated->valid());
    } else {
        NEWSIDX_FUZZ_CHECK(std::get<newsidx::Diagnostic>(result).line == 7);
    }
    return 0;
}
