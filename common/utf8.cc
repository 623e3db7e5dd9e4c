#include "common/utf8.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace newsidx {

std::optional<size_t> find_invalid_utf8(std::string_view bytes) {
    const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
    int32_t length = static_cast<int32_t>(bytes.size());
    for (int32_t i = 0; i < length;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) {
            return static_cast<size_t>(start);
        }
    }
    return std::nullopt;
}

std::string clean_spaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    int32_t length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c == 0x200B || c == 0xFEFF || c == 0x2060) {
            continue;  // zero-width: invisible in print, must not split or join words
        }
        if (c == '\t' || u_isUWhiteSpace(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        out.append(text.substr(start, i - start));
    }
    return out;
}

size_t count_code_points(std::string_view text) {
    size_t n = 0;
    for (unsigned char c : text) {
        n += (c & 0xC0) != 0x80;
    }
    return n;
}

}  // namespace newsidx
