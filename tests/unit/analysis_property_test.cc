// The property that matters: any word of an article, and any part of a compound, typed the
// way it is printed (in any case, with or without accents, with a curly or straight
// apostrophe), finds that article.
// Checked over every word of every article in corpus/ (and the seeds when present), through
// the same query path the searcher uses, against a database built by the real indexer.
#include <set>

#include <gtest/gtest.h>
#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "common/aa_reader.h"
#include "common/schema.h"
#include "corpus_db.h"
#include "searcher/query_builder.h"

namespace newsidx {
namespace {

std::string to_utf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

icu::UnicodeString from_utf8(std::string_view s) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

// Whitespace-separated words with the punctuation around them trimmed: "(HAS),", "“full"
// -> "HAS", "full"; inner punctuation stays: "China-North", "Kim’s", "1.05".
std::set<std::string> printed_words(const std::string& text) {
    std::set<std::string> words;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find(' ', pos);
        if (end == std::string::npos) {
            end = text.size();
        }
        icu::UnicodeString w = from_utf8(std::string_view(text).substr(pos, end - pos));
        int32_t b = 0, e = w.length();
        while (b < e && !u_isalnum(w.char32At(b))) {
            b = w.moveIndex32(b, 1);
        }
        while (e > b && !u_isalnum(w.char32At(w.moveIndex32(e, -1)))) {
            e = w.moveIndex32(e, -1);
        }
        if (b < e) {
            words.insert(to_utf8(w.tempSubStringBetween(b, e)));
        }
        pos = end + 1;
    }
    return words;
}

// The parts of a compound as a reader sees them: the runs of letters and digits between
// hyphens, underscores, apostrophes and other marks ("Ankara’da" -> "Ankara", "da";
// "GOMP_loop" -> "GOMP", "loop"), a '.' or ',' between digits kept ("1,000").
std::vector<std::string> compound_parts(const std::string& word) {
    icu::UnicodeString w = from_utf8(word);
    std::vector<std::string> parts;
    int32_t begin = 0;
    auto word_char = [&](int32_t i) {
        UChar32 c = w.char32At(i);
        if (u_isalnum(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK) {
            return c != 0x02BC;  // ʼ is a letter to ICU, an apostrophe to a reader
        }
        int32_t next = w.moveIndex32(i, 1);
        return (c == '.' || c == ',') && i > 0 && next < w.length() &&
               u_isdigit(w.char32At(w.moveIndex32(i, -1))) && u_isdigit(w.char32At(next));
    };
    for (int32_t i = 0; i <= w.length(); i = w.moveIndex32(i, 1)) {
        if (i == w.length() || !word_char(i)) {
            if (i > begin) {
                parts.push_back(to_utf8(w.tempSubStringBetween(begin, i)));
            }
            begin = w.moveIndex32(i, 1);
            if (i == w.length()) {
                break;
            }
        }
    }
    return parts;
}

bool is_query_operator(const std::string& w) {
    return w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ";
}

class TypedAsPrinted : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(TypedAsPrinted, EveryWordFindsItsArticle) {
    auto path = GetParam();
    auto parsed = read_aa_article(test::read_file(path), path.string());
    ASSERT_TRUE(std::holds_alternative<Article>(parsed));
    const Article& article = std::get<Article>(parsed);

    std::string all = article.title + ' ' + article.summary + ' ' + article.category + ' ' +
                      article.dateline.value_or("") + ' ' + article.photo_credit.value_or("");
    for (const auto& list : {article.authors, article.highlights, article.body}) {
        for (const auto& text : list) {
            all += ' ' + text;
        }
    }
    std::set<std::string> queries;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> to_ascii(
        icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
    ASSERT_TRUE(U_SUCCESS(status));
    // Words between spaces, and the words ICU finds inside them (CJK has no spaces).
    std::set<std::string> words = printed_words(all);
    for (const auto& word : std::set<std::string>(words)) {
        for (auto& part : compound_parts(word)) {
            words.insert(std::move(part));
        }
    }
    TextAnalyzer analyzer;
    for (const auto& token : analyzer.tokenize(all)) {
        words.insert(all.substr(token.begin, token.end - token.begin));
    }
    for (const auto& word : words) {
        if (is_query_operator(word)) {
            continue;  // the query language claims these
        }
        queries.insert(word);
        icu::UnicodeString u = from_utf8(word);
        queries.insert(to_utf8(icu::UnicodeString(u).toUpper(icu::Locale::getRoot())));
        queries.insert(to_utf8(icu::UnicodeString(u).toLower(icu::Locale::getRoot())));
        icu::UnicodeString ascii(u);
        to_ascii->transliterate(ascii);  // Gökçe -> Gokce, Kim’s -> Kim's, Łódź -> Lodz
        queries.insert(to_utf8(ascii));
    }

    Xapian::Database db(test::corpus_db().string());
    QueryBuilder builder(db);
    Xapian::Enquire enquire(db);
    Xapian::Query only_this(id_term(article.id));
    std::vector<std::string> misses;
    for (const auto& q : queries) {
        if (is_query_operator(q)) {
            continue;
        }
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, builder.parse(q), only_this));
        if (enquire.get_mset(0, 1).empty()) {
            misses.push_back(q);
        }
    }
    EXPECT_GT(queries.size(), 100u);  // the test saw the article
    EXPECT_TRUE(misses.empty()) << misses.size() << " of " << queries.size()
                                << " words miss, the first: " << [&] {
                                       std::string s;
                                       for (size_t i = 0; i < misses.size() && i < 20; ++i) {
                                           s += "[" + misses[i] + "] ";
                                       }
                                       return s;
                                   }();
}

INSTANTIATE_TEST_SUITE_P(Corpus, TypedAsPrinted, ::testing::ValuesIn(test::article_files()),
                         [](const auto& param_info) { return param_info.param.stem().string(); });

}  // namespace
}  // namespace newsidx
