#include "common/utf8.h"

#include <gtest/gtest.h>

#include "searcher/printer.h"

namespace newsidx {
namespace {

TEST(Utf8, FindsFirstInvalidByte) {
    EXPECT_FALSE(find_invalid_utf8("Gökçe 中国"));
    EXPECT_EQ(find_invalid_utf8("ab\xE9"
                                "cd"),
              2u);
    EXPECT_EQ(find_invalid_utf8("ok\xC0\x80"), 2u);    // overlong NUL
    EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0u);  // a UTF-16 surrogate
}

TEST(Utf8, CleansUnicodeSpaces) {
    EXPECT_EQ(clean_spaces("  Riyaz ul Khaliq\u00A0 "), "Riyaz ul Khaliq");
    EXPECT_EQ(clean_spaces("advancing\u2002friendship"), "advancing friendship");
    EXPECT_EQ(clean_spaces("a\t\u3000b\u200Bc"), "a bc");
}

TEST(Utf8, TerminalSafeReplacesControlsAndBidiOverrides) {
    EXPECT_EQ(terminal_safe("plain Gökçe"), "plain Gökçe");
    EXPECT_EQ(terminal_safe("a\x1b[31mb"), "a\uFFFD[31mb");
    EXPECT_EQ(terminal_safe("x\u202Ey"), "x\uFFFDy");
    EXPECT_EQ(terminal_safe("bad\xFF"), "bad\uFFFD");
    EXPECT_EQ(terminal_safe("two\nlines\tand a tab"), "two\nlines\tand a tab");
    EXPECT_EQ(terminal_safe("two\nlines\tand a tab", Newlines::kReplace),
              "two\uFFFDlines\tand a tab");
}

}  // namespace
}  // namespace newsidx
