#include "searcher/query_builder.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include <unicode/uchar.h>

#include "common/date.h"
#include "common/error.h"
#include "common/schema.h"
#include "common/utf8.h"

namespace newsidx {

namespace {

constexpr std::array kOperators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

bool is_operator(std::string_view chunk) {
    size_t slash = chunk.find('/');
    std::string_view word = chunk.substr(0, slash);
    bool known = std::find(kOperators.begin(), kOperators.end(), word) != kOperators.end();
    if (!known || slash == chunk.npos) {
        return known;
    }
    // NEAR/6, ADJ/3
    std::string_view n = chunk.substr(slash + 1);
    return (word == "NEAR" || word == "ADJ") && !n.empty() &&
           std::all_of(n.begin(), n.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool is_quote(UChar32 c) {
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0x00AB ||
           c == 0x00BB;
}

bool is_space(UChar32 c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || u_isUWhiteSpace(c);
}

// The field named by a chunk that starts "name:", if it is one of ours.
std::optional<std::string> field_of(std::string_view chunk) {
    size_t colon = chunk.find(':');
    if (colon == chunk.npos || colon == 0) {
        return std::nullopt;
    }
    std::string name(chunk.substr(0, colon));
    for (auto& c : name) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (name == kDateField) {
        return name;
    }
    for (const auto& field : kFields) {
        if (name == field.name) {
            return name;
        }
    }
    return std::nullopt;
}

// Steps through a UTF-8 string one code point at a time.
struct Cursor {
    std::string_view text;
    size_t pos = 0;

    bool done() const { return pos >= text.size(); }
    UChar32 peek() const { return next_code_point(text, pos).value; }
    void advance() { pos = next_code_point(text, pos).end; }
};

}  // namespace

// A "date:" value: YYYY, YYYY-MM, YYYY-MM-DD, or a range A..B of them with either end open.
// An exception thrown through QueryParser leaks its parser state (seen with LeakSanitizer on
// Xapian 1.4.22), so a bad date is recorded here, matches nothing, and parse() throws it.
class DateFieldProcessor : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& text) override {
        try {
            return date_query(text);
        } catch (const QueryError& e) {
            if (!error_) {
                error_ = e.what();
            }
            return Xapian::Query::MatchNothing;
        }
    }

    /// The first bad date since the last call, if any; forgets it.
    std::optional<std::string> take_error() { return std::exchange(error_, std::nullopt); }

  private:
    std::optional<std::string> error_;

    static Xapian::Query date_query(const std::string& text) {
        size_t dots = text.find("..");
        if (dots == text.npos) {
            Bound bound = parse_bound(text);
            switch (bound.precision) {
                case 'Y':
                    return Xapian::Query(year_term(bound.first.year));
                case 'M':
                    return Xapian::Query(month_term(bound.first));
                default:
                    return Xapian::Query(day_term(bound.first));
            }
        }
        std::string from = text.substr(0, dots);
        std::string to = text.substr(dots + 2);
        if (from.empty() && to.empty()) {
            throw QueryError("date range \"" + text + "\" has no ends");
        }
        if (from.empty()) {
            return Xapian::Query(Xapian::Query::OP_VALUE_LE, kPublished,
                                 date_value(parse_bound(to).last));
        }
        if (to.empty()) {
            return Xapian::Query(Xapian::Query::OP_VALUE_GE, kPublished,
                                 date_value(parse_bound(from).first));
        }
        Date first = parse_bound(from).first;
        Date last = parse_bound(to).last;
        if (last < first) {
            throw QueryError("date range \"" + text + "\" ends before it starts");
        }
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kPublished, date_value(first),
                             date_value(last));
    }

    struct Bound {
        Date first, last;
        char precision;  // 'Y', 'M' or 'D'
    };

    static Bound parse_bound(const std::string& text) {
        auto digits = [&](size_t from, size_t n) {
            int v = 0;
            for (size_t i = from; i < from + n; ++i) {
                v = v * 10 + (text[i] - '0');
            }
            return v;
        };
        auto shape = [&](std::string_view pattern) {
            if (text.size() != pattern.size()) {
                return false;
            }
            for (size_t i = 0; i < text.size(); ++i) {
                bool digit = std::isdigit(static_cast<unsigned char>(text[i]));
                if (pattern[i] == '9' ? !digit : text[i] != pattern[i]) {
                    return false;
                }
            }
            return true;
        };
        if (shape("9999")) {
            int y = digits(0, 4);
            return {{y, 1, 1}, {y, 12, 31}, 'Y'};
        }
        if (shape("9999-99")) {
            int y = digits(0, 4), m = digits(5, 2);
            if (m < 1 || m > 12) {
                throw QueryError("impossible date " + text);
            }
            Date last{y, m, 31};
            while (!last.valid()) {
                --last.day;
            }
            return {{y, m, 1}, last, 'M'};
        }
        if (shape("9999-99-99")) {
            Date d{digits(0, 4), digits(5, 2), digits(8, 2)};
            if (!d.valid()) {
                throw QueryError("impossible date " + text);
            }
            return {d, d, 'D'};
        }
        throw QueryError("bad date \"" + text +
                         "\" (expected YYYY, YYYY-MM or YYYY-MM-DD, "
                         "or a range of them like 2025-09-01..2025-09-30)");
    }
};

// A "category:" value, matched as the indexer stores it: the analysed words joined by '-'.
class CategoryFieldProcessor : public Xapian::FieldProcessor {
  public:
    explicit CategoryFieldProcessor(TextAnalyzer& analyzer) : analyzer_(analyzer) {}
    Xapian::Query operator()(const std::string& text) override {
        return Xapian::Query(std::string(kCategory.prefix) + analyzer_.slug(text));
    }

  private:
    TextAnalyzer& analyzer_;
};

std::string normalize_query(std::string_view query, TextAnalyzer& analyzer, bool drop_operators) {
    std::string out;
    Cursor cur{query};
    bool in_phrase = false;
    while (!cur.done()) {
        UChar32 c = cur.peek();
        if (is_space(c)) {
            cur.advance();
            out += ' ';
            continue;
        }
        if (is_quote(c)) {
            cur.advance();
            out += '"';
            in_phrase = !in_phrase;
            continue;
        }
        if (c == '(' || c == ')') {
            cur.advance();
            out += static_cast<char>(c);
            continue;
        }
        size_t start = cur.pos;
        while (!cur.done() && !is_space(cur.peek()) && !is_quote(cur.peek()) && cur.peek() != '(' &&
               cur.peek() != ')') {
            cur.advance();
        }
        std::string_view chunk = query.substr(start, cur.pos - start);
        if (!in_phrase && is_operator(chunk)) {
            if (!drop_operators) {
                out += chunk;
            }
            continue;
        }
        std::string lead;
        if (!in_phrase && (chunk[0] == '+' || chunk[0] == '-')) {
            lead = chunk[0];
            chunk.remove_prefix(1);
        }
        if (auto field = field_of(chunk); field && !in_phrase) {
            lead += *field + ':';
            chunk.remove_prefix(chunk.find(':') + 1);
            if (*field == kDateField || *field == kCategory.name) {
                // Kept as typed for the field processor, a quoted value included.
                out += lead;
                out += chunk;
                if (chunk.empty() && !cur.done() && is_quote(cur.peek())) {
                    cur.advance();
                    out += '"';
                    while (!cur.done() && !is_quote(cur.peek())) {
                        size_t from = cur.pos;
                        cur.advance();
                        out += query.substr(from, cur.pos - from);
                    }
                    cur.advance();
                    out += '"';
                }
                continue;
            }
            if (chunk.empty()) {
                out += lead;  // title:"a phrase" or title:(...)
                continue;
            }
        }
        bool wildcard = chunk.ends_with('*');
        auto tokens = analyzer.tokenize(chunk);
        if (tokens.empty()) {
            continue;
        }
        out += lead;
        for (size_t i = 0; i < tokens.size(); ++i) {
            if (i > 0) {
                out += in_phrase ? ' ' : '-';
            }
            out += tokens[i].term;
        }
        if (wildcard) {
            out += '*';
        }
    }
    return out;
}

QueryBuilder::QueryBuilder(const Xapian::Database& db)
    : dates_(std::make_unique<DateFieldProcessor>()),
      categories_(std::make_unique<CategoryFieldProcessor>(analyzer_)) {
    parser_.set_database(db);
    parser_.set_default_op(Xapian::Query::OP_AND);
    parser_.set_stemmer(Xapian::Stem("english"));
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    for (const auto& field : kFields) {
        if (field.boolean) {
            parser_.add_boolean_prefix(std::string(field.name), categories_.get());
        } else {
            parser_.add_prefix(std::string(field.name), std::string(field.prefix));
        }
    }
    parser_.add_boolean_prefix(std::string(kDateField), dates_.get());
}

QueryBuilder::~QueryBuilder() = default;

Xapian::Query QueryBuilder::parse(std::string_view text) {
    constexpr unsigned kFlags =
        Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
        Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
        Xapian::QueryParser::FLAG_PURE_NOT;
    Xapian::Query query;
    try {
        query = parser_.parse_query(normalize_query(text, analyzer_), kFlags);
    } catch (const Xapian::QueryParserError&) {
        // A dangling or doubled operator: search the words without the operators.
        query = parser_.parse_query(normalize_query(text, analyzer_, true),
                                    kFlags & ~Xapian::QueryParser::FLAG_BOOLEAN);
    }
    if (auto error = dates_->take_error()) {
        throw QueryError(*error);
    }
    return query;
}

}  // namespace newsidx
