#include "searcher/query_lexer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include <unicode/uchar.h>

#include "common/utf8.h"

namespace newsidx {

namespace {

using Kind = QueryToken::Kind;

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

bool ends_chunk(UChar32 c) { return is_space(c) || is_quote(c) || c == '(' || c == ')'; }

// The field a chunk that starts "name:" names (case-insensitively), if it is one a user
// may type.
const Field* field_of(std::string_view chunk) {
    size_t colon = chunk.find(':');
    if (colon == chunk.npos || colon == 0) {
        return nullptr;
    }
    std::string name(chunk.substr(0, colon));
    for (auto& c : name) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return find_field(name);
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

std::vector<QueryToken> lex_query(std::string_view query, TextAnalyzer& analyzer) {
    std::vector<QueryToken> tokens;
    Cursor cur{query};
    bool in_phrase = false;
    while (!cur.done()) {
        UChar32 c = cur.peek();
        if (is_space(c) || c == '(' || c == ')') {
            cur.advance();
            tokens.push_back(QueryToken::of(is_space(c) ? Kind::kSpace
                                            : c == '('  ? Kind::kOpen
                                                        : Kind::kClose));
            tokens.back().in_phrase = in_phrase;
            continue;
        }
        if (is_quote(c)) {
            cur.advance();
            in_phrase = !in_phrase;
            tokens.push_back(QueryToken::of(Kind::kQuote));
            tokens.back().in_phrase = in_phrase;
            continue;
        }
        size_t start = cur.pos;
        while (!cur.done() && !ends_chunk(cur.peek())) {
            cur.advance();
        }
        std::string_view chunk = query.substr(start, cur.pos - start);
        if (!in_phrase && is_operator(chunk)) {
            tokens.push_back(QueryToken::of(Kind::kOperator, std::string(chunk)));
            continue;
        }
        QueryToken t;
        t.in_phrase = in_phrase;
        if (!in_phrase && (chunk[0] == '+' || chunk[0] == '-')) {
            t.sign = chunk[0];
            chunk.remove_prefix(1);
            if (chunk.empty() && !cur.done() && is_quote(cur.peek())) {
                t.kind = Kind::kLead;  // the sign of a phrase: -"black sea"
                tokens.push_back(std::move(t));
                continue;
            }
        }
        if (const Field* field = in_phrase ? nullptr : field_of(chunk)) {
            t.field = field;
            chunk.remove_prefix(chunk.find(':') + 1);
            if (field->kind != FieldKind::kWords) {
                // Kept as typed for the field processor, a quoted value included.
                t.kind = Kind::kValue;
                t.text = chunk;
                if (chunk.empty() && !cur.done() && is_quote(cur.peek())) {
                    cur.advance();
                    t.text += '"';
                    while (!cur.done() && !is_quote(cur.peek())) {
                        size_t from = cur.pos;
                        cur.advance();
                        t.text += query.substr(from, cur.pos - from);
                    }
                    cur.advance();
                    t.text += '"';
                }
                tokens.push_back(std::move(t));
                continue;
            }
            if (chunk.empty()) {
                t.kind = Kind::kLead;  // title:"a phrase" or title:(...)
                tokens.push_back(std::move(t));
                continue;
            }
        }
        t.typed = query.substr(start + (t.sign ? 1 : 0), cur.pos - start - (t.sign ? 1 : 0));
        t.wildcard = chunk.ends_with('*');
        t.words = analyzer.tokenize(chunk);
        if (t.words.empty()) {
            continue;
        }
        for (size_t i = 0; i < t.words.size(); ++i) {
            t.text += (i > 0 ? (in_phrase ? " " : "-") : "") + t.words[i].term;
        }
        tokens.push_back(std::move(t));
    }
    mark_joined(tokens);
    return tokens;
}

// Xapian 1.4 positions single terms only: building OP_NEAR of the several terms of a synonym,
// wildcard or saved search throws UnimplementedError in the middle of a parse, and QueryParser
// then leaks what it had built (found by tests/fuzz/query_fuzz); the passes look at `joined`.
// Parentheses and quotes are passed over: QueryParser takes "dprk(ADJ/2 china" as "dprk ADJ/2
// china".
void mark_joined(std::vector<QueryToken>& tokens) {
    auto count = static_cast<std::ptrdiff_t>(tokens.size());
    for (std::ptrdiff_t i = 0; i < count; ++i) {
        const QueryToken& op = tokens[i];
        if (!op.is(Kind::kOperator) ||
            !(op.text.starts_with("NEAR") || op.text.starts_with("ADJ"))) {
            continue;
        }
        for (std::ptrdiff_t step : {-1, 1}) {
            for (auto j = i + step; j >= 0 && j < count; j += step) {
                if (tokens[j].is_term()) {
                    tokens[j].joined = true;
                    break;
                }
            }
        }
    }
}

std::string render_query(const std::vector<QueryToken>& tokens, bool drop_operators) {
    std::string out;
    for (const auto& t : tokens) {
        switch (t.kind) {
            case Kind::kSpace:
                out += ' ';
                break;
            case Kind::kQuote:
                out += '"';
                break;
            case Kind::kOpen:
                out += '(';
                break;
            case Kind::kClose:
                out += ')';
                break;
            case Kind::kOperator:
                if (!drop_operators) {
                    out += t.text;
                }
                break;
            case Kind::kLead:
            case Kind::kWord:
            case Kind::kValue:
            case Kind::kSubquery:
                if (t.sign) {
                    out += t.sign;
                }
                if (t.kind == Kind::kSubquery) {
                    out += std::string(kPrepared.name) + ':';
                } else if (t.field) {
                    out += std::string(t.field->name) + ':';
                }
                out += t.text;
                if (t.wildcard) {
                    out += '*';
                }
                break;
        }
    }
    return out;
}

std::string normalize_query(std::string_view query, TextAnalyzer& analyzer, bool drop_operators) {
    return render_query(lex_query(query, analyzer), drop_operators);
}

void negatives_alone_as_not(std::vector<QueryToken>& tokens) {
    bool negative = false;
    for (const auto& t : tokens) {
        if (t.in_phrase || t.is(Kind::kSpace) || t.is(Kind::kQuote)) {
            continue;  // a phrase's sign comes before it
        }
        if (t.sign != '-' || t.is(Kind::kOperator)) {
            return;
        }
        negative = true;
    }
    if (!negative) {
        return;
    }
    std::vector<QueryToken> out;
    for (auto& t : tokens) {
        if (!t.in_phrase && t.sign == '-') {
            out.push_back(QueryToken::of(Kind::kOperator, "NOT"));
            out.push_back(QueryToken::of(Kind::kSpace));
            t.sign = 0;
        }
        out.push_back(std::move(t));
    }
    tokens = std::move(out);
}

std::string unquoted(const QueryToken& token) {
    std::string_view v = token.text;
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        v = v.substr(1, v.size() - 2);
    }
    return std::string(v);
}

std::vector<std::string> saved_names_in(const std::vector<QueryToken>& tokens) {
    std::vector<std::string> names;
    for (const auto& t : tokens) {
        if (t.is(Kind::kValue) && t.field == &kSaved) {
            names.push_back(unquoted(t));
        }
    }
    return names;
}

std::vector<std::string> saved_names_in(std::string_view query) {
    TextAnalyzer analyzer;
    return saved_names_in(lex_query(query, analyzer));
}

std::vector<std::string> unknown_fields(const std::vector<QueryToken>& tokens) {
    auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    std::vector<std::string> names;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const QueryToken& t = tokens[i];
        if (!t.is(Kind::kWord) || t.in_phrase || t.field) {
            continue;
        }
        std::string_view typed = t.typed;
        size_t colon = 0;
        while (colon < typed.size() && is_letter(typed[colon])) {
            ++colon;
        }
        if (colon == 0 || colon >= typed.size() || typed[colon] != ':') {
            continue;
        }
        bool looks_like_value;
        if (colon + 1 < typed.size()) {
            auto value = static_cast<unsigned char>(typed[colon + 1]);
            looks_like_value = std::isalnum(value) || value >= 0x80;
        } else {  // tittle:"linux kernel"
            looks_like_value = i + 1 < tokens.size() && tokens[i + 1].is(Kind::kQuote);
        }
        std::string name(typed.substr(0, colon));
        if (looks_like_value && std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(std::move(name));
        }
    }
    return names;
}

std::vector<std::string> unknown_fields(std::string_view query) {
    TextAnalyzer analyzer;
    return unknown_fields(lex_query(query, analyzer));
}

std::string known_field_names() {
    std::string names;
    for (const auto& field : kFields) {
        if (field.typed()) {
            names += std::string(names.empty() ? "" : ", ") + std::string(field.name);
        }
    }
    return names;
}

}  // namespace newsidx
