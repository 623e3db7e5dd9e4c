#include "common/aa_reader.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace newsidx {
namespace {

using test::corpus_dir;
using test::read_file;
using test::seeds_dir;

Article read_ok(const std::filesystem::path& path) {
    auto result = read_aa_article(read_file(path), path.string());
    if (auto* d = std::get_if<Diagnostic>(&result)) {
        ADD_FAILURE() << "unexpected diagnostic: " << d->reason << " " << d->detail;
        return {};
    }
    return std::get<Article>(result);
}

Diagnostic read_bad(const std::string& bytes, const std::string& path = "bad.txt") {
    auto result = read_aa_article(bytes, path);
    if (auto* a = std::get_if<Article>(&result)) {
        ADD_FAILURE() << "parsed an article from bad input, title: " << a->title;
        return {};
    }
    return std::get<Diagnostic>(result);
}

bool has_footer(const Article& a) {
    for (const auto& p : a.body) {
        if (p.find("Anadolu Agency website") != std::string::npos) {
            return true;
        }
    }
    return false;
}

// A minimal well-formed article; tests vary one part of it.
std::string article_text(const std::string& byline = "Jane Roe\u00A0 | 04.09.2025",
                         const std::string& title = "A title") {
    return "World\n\n" + title + "\n\nA summary.\n\n" + byline +
           "\n\nHOME\u00A0\n\nFirst paragraph.\n";
}

TEST(AaReader, ReadsFirstSeed) {
    auto path = seeds_dir() / "000_0995b64edb153619.txt";
    if (!std::filesystem::exists(path)) {
        GTEST_SKIP() << "no ../shared/seeds";
    }
    Article a = read_ok(path);
    EXPECT_EQ(a.id, "000_0995b64edb153619");
    EXPECT_EQ(a.source, path.string());
    EXPECT_EQ(a.category, "Asia - Pacific");
    EXPECT_EQ(a.title, "Xi, Kim hold bilateral summit on China-North Korea ties in Beijing");
    EXPECT_EQ(a.summary, "North Korean leader is in Beijing, where he attended Victory Day Parade");
    EXPECT_EQ(a.authors, std::vector<std::string>{"Riyaz ul Khaliq"});
    EXPECT_EQ(a.published, (Date{2025, 9, 4}));
    EXPECT_EQ(a.updated, (Date{2025, 9, 4}));
    EXPECT_EQ(a.photo_credit, "Kremlin Press Office");
    ASSERT_EQ(a.highlights.size(), 3u);
    EXPECT_EQ(a.highlights[0],
              "Summit marks 6th bilateral meeting between Chinese leader Xi Jinping and North "
              "Korea's Kim Jong Un");
    EXPECT_EQ(a.dateline, "ISTANBUL");
    EXPECT_EQ(a.subheadings,
              std::vector<std::string>{"Ties with China important on economic side"});
    ASSERT_EQ(a.body.size(), 18u);
    EXPECT_EQ(a.body.front().substr(0, 30), "China\u2019s President Xi Jinping");
    EXPECT_EQ(a.body.back(),
              "It added that the growth was led by increased exports and advances in the "
              "construction and manufacturing industries.");
    EXPECT_FALSE(has_footer(a));
}

TEST(AaReader, ReadsSecondSeed) {
    auto path = seeds_dir() / "001_d95034096fd79a73.txt";
    if (!std::filesystem::exists(path)) {
        GTEST_SKIP() << "no ../shared/seeds";
    }
    Article a = read_ok(path);
    EXPECT_EQ(a.authors, std::vector<std::string>{"Saadet G\u00F6kce"});
    // A handle and a source, not "Credit:": everything after the repeated title.
    EXPECT_EQ(a.photo_credit, "@SpoxCHN_MaoNing, US social media company X");
    EXPECT_EQ(a.highlights.size(), 2u);
    EXPECT_EQ(a.subheadings,
              std::vector<std::string>{
                  "Deepening ties with China a \u2018firm conviction,\u2019 says Kim"});
    // U+2002 inside a paragraph is a plain space; trailing no-break spaces are gone.
    bool found = false;
    for (const auto& p : a.body) {
        found |= p.find("advancing friendship") != std::string::npos;
        EXPECT_FALSE(p.ends_with(" ")) << p;
    }
    EXPECT_TRUE(found);
    EXPECT_FALSE(has_footer(a));
}

// Regression cover for every variation of the format in corpus/ (see corpus/README.md).
TEST(AaReader, CorpusVariations) {
    struct Row {
        const char* file;
        size_t authors;
        bool updated, photo, highlights, dateline;
        size_t subheadings;
    };
    const Row rows[] = {
        {"101_ca4df1217eac0937.txt", 2, false, true, true, true, 0},   // CRLF
        {"102_ce06b15e1832e038.txt", 3, true, true, true, true, 0},    // ISTANBUL / ANKARA
        {"105_66f07cf057011dff.txt", 1, true, false, false, true, 0},  // no photo, no bullets
        {"110_5542e49f7825550a.txt", 1, true, true, true, true, 0},    // BOM
        {"111_81a15e15d0567f88.txt", 3, true, true, true, true, 2},    // two subheadings
        {"112_4eb8b54464120875.txt", 1, false, true, true, true, 0},   // GAZA CITY, Palestine
        {"119_0bf1852450741f31.txt", 1, true, true, true, false, 0},   // no dateline
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.file);
        auto path = corpus_dir() / row.file;
        ASSERT_TRUE(std::filesystem::exists(path));
        Article a = read_ok(path);
        EXPECT_FALSE(a.title.empty());
        EXPECT_FALSE(a.category.empty());
        EXPECT_FALSE(a.category.starts_with("\xEF\xBB\xBF"));
        EXPECT_EQ(a.authors.size(), row.authors);
        EXPECT_TRUE(a.published.has_value());
        EXPECT_EQ(a.updated.has_value(), row.updated);
        EXPECT_EQ(a.photo_credit.has_value(), row.photo);
        EXPECT_EQ(!a.highlights.empty(), row.highlights);
        EXPECT_EQ(a.dateline.has_value(), row.dateline);
        EXPECT_EQ(a.subheadings.size(), row.subheadings);
        EXPECT_FALSE(has_footer(a));
        for (const auto& p : a.body) {
            EXPECT_EQ(p.find('\r'), std::string::npos);
        }
    }
}

TEST(AaReader, CrlfAndBomReadLikeTheirUnixForm) {
    std::string unix_text = article_text();
    std::string crlf;
    for (char c : unix_text) {
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    auto a = std::get<Article>(read_aa_article(unix_text, "x.txt"));
    EXPECT_EQ(std::get<Article>(read_aa_article(crlf, "x.txt")), a);
    EXPECT_EQ(std::get<Article>(read_aa_article("\xEF\xBB\xBF" + unix_text, "x.txt")), a);
    EXPECT_EQ(a.category, "World");
    EXPECT_EQ(a.dateline, "HOME");
}

TEST(AaReader, SplitsAuthorsOnCommasAndAnd) {
    struct Row {
        std::string byline;
        std::vector<std::string> authors;
    };
    const Row rows[] = {
        {"Jane Roe | 04.09.2025", {"Jane Roe"}},
        {"Jane Roe and John Doe\u00A0 | 04.09.2025", {"Jane Roe", "John Doe"}},
        {"A B, C D and E F | 04.09.2025", {"A B", "C D", "E F"}},
        {"Alexandra Andersen | 04.09.2025", {"Alexandra Andersen"}},
        {" | 04.09.2025", {}},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.byline);
        auto a = std::get<Article>(read_aa_article(article_text(row.byline), "x.txt"));
        EXPECT_EQ(a.authors, row.authors);
    }
}

// Regression: issue #18, item 7. A quotation mark after the last word closes a quote, not a
// sentence; sentence punctuation before it, or a bracket, still ends a body paragraph.
TEST(AaReader, SubheadingsMayEndInAQuote) {
    struct Row {
        std::string paragraph;
        bool subheading;
    };
    const Row rows[] = {
        {"Warnings over \u2018the big one\u2019", true},
        {"Warnings over \"the big one\"", true},
        {"Die Warnung vor dem \u201EGro\u00DFen\u201C", true},  // German quotes
        {"\u00ABLa gran amenaza\u00BB", true},
        {"Why now", true},
        {"He called it \u2018the big one.\u2019", false},
        {"\u201CWe will not wait,\u201D she said.", false},
        {"It was \"over!\"", false},
        {"The report (in full)", false},
        {"\u0644\u0645\u0627\u0630\u0627 \u0627\u0644\u0622\u0646\u061F", false},  // Arabic ؟
        {"\u4E3A\u4EC0\u4E48\u3002", false},                                       // 。
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.paragraph);
        auto a = std::get<Article>(read_aa_article(
            article_text() + "\n" + row.paragraph + "\n\nLast paragraph.\n", "x.txt"));
        EXPECT_EQ(a.subheadings.size(), row.subheading ? 1u : 0u);
    }
}

TEST(AaReader, UpdatePartIsOptional) {
    auto a = std::get<Article>(read_aa_article(article_text("X | 4.9.2025"), "x.txt"));
    EXPECT_EQ(a.published, (Date{2025, 9, 4}));
    EXPECT_FALSE(a.updated);
    a = std::get<Article>(
        read_aa_article(article_text("X | 04.09.2025 - Update : 06.09.2025"), "x.txt"));
    EXPECT_EQ(a.updated, (Date{2025, 9, 6}));
}

TEST(AaReader, PhotoCreditLabelIsDropped) {
    std::string text =
        "World\n\nA title\n\nSummary.\n\nX | 04.09.2025\n A title Credit: Pool Photo\n\nBody.\n";
    auto a = std::get<Article>(read_aa_article(text, "x.txt"));
    EXPECT_EQ(a.photo_credit, "Pool Photo");
}

TEST(AaReader, IdIsFileNameWithoutExtension) {
    EXPECT_EQ(article_id_from_path("corpus/100_abc.txt"), "100_abc");
    EXPECT_EQ(article_id_from_path("/a/b/c"), "c");
}

// Regression: issue #15 (15), "caf\xE9.txt" gave the id "caf\uFFFD", which `show` could not
// find; (10), a newline in a file name split `--format ids`.
TEST(AaReader, IdOfANameThatIsNotTextEscapesItsBytesReversibly) {
    struct Row {
        std::string path, id;
    };
    const Row rows[] = {
        {"in/caf\xE9.txt", "caf%E9"},
        {"in/caf%E9.txt", "caf%25E9"},  // not the id of the name above
        {"in/caf%e9.txt", "caf%25e9"},
        {"in/50%_off.txt", "50%_off"},  // a % that is no escape stays
        {"in/100%.txt", "100%"},
        {"in/100%A.txt", "100%A"},
        {"in/Gökçe.txt", "Gökçe"},
        {"in/a\nb\tc.txt", "a%0Ab%09c"},
        {"in/\x1b[2Jx.txt", "%1B[2Jx"},
        {"in/\u202Eevil.txt", "%E2%80%AEevil"},
        {"in/\xC3.txt", "%C3"},  // a sequence cut short
        {"in/\xE2\x82.txt", "%E2%82"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.path);
        EXPECT_EQ(article_id_from_path(row.path), row.id);
    }
}

TEST(AaReader, ReportsBadInputWithLineAndReason) {
    struct Row {
        const char* name;
        std::string bytes;
        size_t line;
        const char* reason;
        const char* detail;
    };
    const Row rows[] = {
        {"empty", "", 0, "empty file", ""},
        {"blank lines only", "\n \r\n\u00A0\n", 0, "empty file", ""},
        {"binary",
         std::string("World\n\x7F"
                     "ELF\0\0\x01",
                     12),
         2, "binary file (NUL byte)", ""},
        {"latin-1", "World\n\nCaf\xE9 society\n", 3, "invalid UTF-8", ""},
        {"windows-1252", "World\n\n\x93Quoted\x94\n", 3, "invalid UTF-8", ""},
        {"utf-16", std::string("\xFF\xFEW\0o\0", 6), 0, "UTF-16 text",
         "(convert it: iconv -f UTF-16 -t UTF-8)"},
        {"no title", "World\n\nX | 04.09.2025\n\nBody.\n", 3, "missing title", ""},
        {"only a title", "Just one line\n", 1, "missing title", ""},
        {"no byline", "World\n\nTitle\n\nSummary\n\nBody\n\nMore\n", 1,
         "missing byline (\"Name | DD.MM.YYYY\") in the first four paragraphs", ""},
        {"feb 31", article_text("X | 31.02.2025"), 7, "impossible date", "31.02.2025"},
        {"bad update", article_text("X | 01.02.2025 - Update : 00.13.2025"), 7, "impossible date",
         "00.13.2025"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.name);
        Diagnostic d = read_bad(row.bytes);
        EXPECT_EQ(d.path, "bad.txt");
        EXPECT_EQ(d.line, row.line);
        EXPECT_EQ(d.reason, row.reason);
        EXPECT_EQ(d.detail, row.detail);
    }
}

TEST(AaReader, BadFilesInTestData) {
    auto dir = test::source_dir() / "tests" / "data" / "bad";
    size_t n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        SCOPED_TRACE(entry.path().string());
        read_bad(read_file(entry.path()), entry.path().string());
        ++n;
    }
    EXPECT_GE(n, 5u);
}

}  // namespace
}  // namespace newsidx
