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
#include "searcher/date_expr.h"

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
        return date_span_query(parse_date_expression(text, today_date()));
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

namespace newsidx {

Xapian::Query QueryBuilder::field_phrase(std::string_view prefix, std::string_view text) {
    std::vector<Xapian::Query> terms;
    for (const auto& token : analyzer_.tokenize(text)) {
        terms.emplace_back(std::string(prefix) + token.term);
    }
    if (terms.empty()) {
        throw QueryError("nothing to match in \"" + std::string(text) + "\"");
    }
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end());
}

Xapian::Query QueryBuilder::build(std::string_view text, const Filters& filters) {
    bool blank = text.find_first_not_of(" \t") == std::string_view::npos;
    if (blank && filters.empty()) {
        throw QueryError("nothing to search for: give a query or a filter option");
    }
    Xapian::Query query = blank ? Xapian::Query::MatchAll : parse(text);
    std::vector<Xapian::Query> all;
    auto any_of = [&](const std::vector<std::string>& values, auto make) {
        if (values.empty()) {
            return;
        }
        std::vector<Xapian::Query> alternatives;
        for (const auto& v : values) {
            alternatives.push_back(make(v));
        }
        all.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    };
    any_of(filters.categories, [&](const std::string& v) {
        return Xapian::Query(std::string(kCategory.prefix) + analyzer_.slug(v));
    });
    any_of(filters.authors, [&](const std::string& v) { return field_phrase(kAuthor.prefix, v); });
    any_of(filters.datelines,
           [&](const std::string& v) { return field_phrase(kDateline.prefix, v); });
    if (!filters.since.empty() || !filters.until.empty()) {
        Date today = today_date();
        DateSpan span;
        if (!filters.since.empty()) {
            span.first = parse_date_expression(filters.since, today).first;
        }
        if (!filters.until.empty()) {
            span.last = parse_date_expression(filters.until, today).last;
        }
        if (span.first && span.last && *span.last < *span.first) {
            throw QueryError("--until " + filters.until + " is before --since " + filters.since);
        }
        all.push_back(date_span_query(span));
    }
    if (all.empty()) {
        return query;
    }
    return Xapian::Query(Xapian::Query::OP_FILTER, query,
                         Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end()));
}

}  // namespace newsidx
