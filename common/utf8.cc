#include "common/utf8.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace newsidx {

CodePoint next_code_point(std::string_view text, size_t pos) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    auto i = static_cast<int32_t>(pos);
    UChar32 c;
    U8_NEXT(s, i, static_cast<int32_t>(text.size()), c);
    return {c, static_cast<size_t>(i)};
}

std::optional<size_t> find_invalid_utf8(std::string_view bytes) {
    for (size_t pos = 0; pos < bytes.size();) {
        CodePoint cp = next_code_point(bytes, pos);
        if (cp.value < 0) {
            return pos;
        }
        pos = cp.end;
    }
    return std::nullopt;
}

std::string clean_spaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for_each_code_point(text, [&](int32_t c, size_t begin, size_t end) {
        if (c == 0x200B || c == 0xFEFF || c == 0x2060) {
            return;  // zero-width: invisible in print, must not split or join words
        }
        if (c == '\t' || u_isUWhiteSpace(c)) {
            pending_space = !out.empty();
            return;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        out.append(text.substr(begin, end - begin));
    });
    return out;
}

size_t count_code_points(std::string_view text) {
    size_t n = 0;
    for (unsigned char c : text) {
        n += (c & 0xC0) != 0x80;
    }
    return n;
}

bool is_terminal_control(int32_t c) {
    return c < 0 || (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c < 0xA0) ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

std::string terminal_safe(std::string_view text, Newlines newlines) {
    std::string out;
    out.reserve(text.size());
    for_each_code_point(text, [&](int32_t c, size_t begin, size_t end) {
        if (is_terminal_control(c) || (c == '\n' && newlines == Newlines::kReplace)) {
            out += "\uFFFD";
        } else {
            out.append(text.substr(begin, end - begin));
        }
    });
    return out;
}

}  // namespace newsidx
