// libFuzzer harness: the saved-search file (TOML people edit by hand), and the promise that
// what the searcher writes back reads as the same searches.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"
#include "fuzz_check.h"
#include "searcher/saved_store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    newsidx::SavedSearches searches;
    try {
        searches = newsidx::parse_saved_searches(text, "fuzz.saved.toml");
    } catch (const newsidx::Error&) {
        return 0;  // "path:line: reason", and the command stops
    }
    std::string written = newsidx::format_saved_searches(searches);
    try {
        NEWSIDX_FUZZ_CHECK(newsidx::parse_saved_searches(written, "written.toml") == searches);
    } catch (const newsidx::Error& e) {
        std::fprintf(stderr, "%s\n--- written:\n%s", e.what(), written.c_str());
        NEWSIDX_FUZZ_CHECK(!"the file written reads back");
    }
    return 0;
}
