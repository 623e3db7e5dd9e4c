// UTF-8 checks and the white-space clean-up every reader applies to a line of text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsidx {

/// One code point of UTF-8 text: its value (negative for an ill-formed sequence, whose bytes
/// it covers) and the byte offset just after it.
struct CodePoint {
    int32_t value;
    size_t end;
};

/// The code point that starts at byte `pos` of `text` (pos < text.size()).
CodePoint next_code_point(std::string_view text, size_t pos);

/// Calls fn(code_point, begin, end) for each code point of `text`, in order.
template <typename Fn>
void for_each_code_point(std::string_view text, Fn&& fn) {
    for (size_t pos = 0; pos < text.size();) {
        CodePoint cp = next_code_point(text, pos);
        fn(cp.value, pos, cp.end);
        pos = cp.end;
    }
}

/// Byte offset of the first byte that is not part of well-formed UTF-8, or nullopt.
std::optional<size_t> find_invalid_utf8(std::string_view bytes);

/// Replaces every Unicode space (U+00A0, U+2002, U+3000, tabs, ...) by an ASCII space,
/// drops zero-width characters (U+200B, U+FEFF), collapses runs of spaces and trims both
/// ends. The input must be valid UTF-8.
std::string clean_spaces(std::string_view text);

/// True for a code point a terminal could act on rather than show: a control character (C0
/// but tab and newline, DEL, C1) or a bidirectional override or isolate; and for an
/// ill-formed sequence (negative).
bool is_terminal_control(int32_t c);

/// Whether terminal_safe() keeps newlines: text shown on lines of its own (an article's
/// paragraphs) keeps them; a value on a line with others (a file name in a message, a
/// category in `stats`, an error message) must not start a line of its own.
enum class Newlines { kKeep, kReplace };

/// Text that is safe to print on a terminal: control characters (C0 but tab and newline,
/// DEL, C1) and bidirectional overrides become U+FFFD; so do newlines with
/// Newlines::kReplace. Everything newsidx prints that came from input, arguments or files
/// goes through it.
std::string terminal_safe(std::string_view text, Newlines newlines = Newlines::kKeep);

/// Number of code points in valid UTF-8 text.
size_t count_code_points(std::string_view text);

}  // namespace newsidx
