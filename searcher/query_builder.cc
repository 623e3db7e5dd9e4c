#include "searcher/query_builder.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <cstdlib>
#include <utility>

#include <unicode/uchar.h>

#include "common/date.h"
#include "common/error.h"
#include "common/language.h"
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
    return find_field(name) ? std::optional(name) : std::nullopt;
}

// Whether a field's value is kept as typed for its field processor: all but the word fields
// (category:, lang:, date:, saved:).
bool kept_as_typed(std::string_view name) {
    const Field* field = find_field(name);
    return field && field->kind != FieldKind::kWords;
}

// Steps through a UTF-8 string one code point at a time.
struct Cursor {
    std::string_view text;
    size_t pos = 0;

    bool done() const { return pos >= text.size(); }
    UChar32 peek() const { return next_code_point(text, pos).value; }
    void advance() { pos = next_code_point(text, pos).end; }
};

// Below, with the piece helpers.
std::vector<std::string_view> pieces_of(std::string_view query,
                                        std::string_view separators = " \"()");
std::optional<std::string_view> word_prefix(std::string_view field);
bool is_separator(std::string_view piece);
bool near_needs_more_than_terms(std::string_view query);
std::string negatives_alone_as_not(const std::string& query);

}  // namespace

// A "date:" value: YYYY, YYYY-MM, YYYY-MM-DD, or a range A..B of them with either end open.
// A field whose value can be wrong ("date:", "saved:"). An exception thrown through
// QueryParser leaks its parser state (seen with LeakSanitizer on Xapian 1.4.22), so the
// first error is recorded here, the field matches nothing, and parse() throws it.
class CheckedFieldProcessor : public Xapian::FieldProcessor {
  public:
    explicit CheckedFieldProcessor(std::function<Xapian::Query(const std::string&)> query)
        : query_(std::move(query)) {}

    Xapian::Query operator()(const std::string& text) override {
        try {
            return query_(text);
        } catch (const Error& e) {
            if (!error_) {
                error_ = e.what();
            }
            return Xapian::Query::MatchNothing;
        }
    }

    /// The first error since the last call, if any; forgets it.
    std::optional<std::string> take_error() { return std::exchange(error_, std::nullopt); }

  private:
    std::function<Xapian::Query(const std::string&)> query_;
    std::optional<std::string> error_;
};

// A "category:" value, matched as the indexer stores it: the analysed words joined by '-'.
class CategoryFieldProcessor : public Xapian::FieldProcessor {
  public:
    explicit CategoryFieldProcessor(TextAnalyzer& analyzer) : analyzer_(analyzer) {}
    Xapian::Query operator()(const std::string& text) override {
        return Xapian::Query(category_term(analyzer_.slug(text)));
    }

  private:
    TextAnalyzer& analyzer_;
};

namespace {

// A "lang:" value: a language tag ("tr", "pt-BR"), matched by its primary subtag.
Xapian::Query language_query(const std::string& text) {
    auto tag = normalize_language_tag(text);
    if (!tag) {
        throw QueryError("lang:" + text + " is not a language tag (write it as tr, pt-BR)");
    }
    return Xapian::Query(language_term(primary_language(*tag)));
}

}  // namespace

// QueryParser's stemmer: leaves each word as it is, so that the query parsed holds "Z" +
// prefix + word for each word to stem, which with_stems() replaces by the word's stems in
// the languages searched (QueryParser stems in one language only).
class StemLater : public Xapian::StemImplementation {
  public:
    std::string operator()(const std::string& word) override { return word; }
    std::string get_description() const override { return "newsidx::StemLater"; }
};

// "xsyn:N": the N-th query prepared before parsing, which QueryParser then places where
// the text had it:
// - a run of words expand_synonyms() found to be a synonym key, as Xapian's OP_SYNONYM of
//   the words and each of their synonyms. QueryParser's own expansion
//   (FLAG_AUTO_MULTIWORD_SYNONYMS) treats a synonym as one term, so "DPRK = North Korea"
//   could not find the phrase; this keeps Xapian's synonym table and its OP_SYNONYM weighting.
// - a wildcard expand_wildcards() expanded (see there).
class SynonymProcessor : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& text) override {
        size_t n = std::strtoul(text.c_str(), nullptr, 10);
        return n < expansions.size() ? expansions[n] : Xapian::Query::MatchNothing;
    }

    std::vector<Xapian::Query> expansions;
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
            if (chunk.empty() && !cur.done() && is_quote(cur.peek())) {
                out += lead;  // the sign of a phrase: -"black sea"
                continue;
            }
        }
        if (auto field = field_of(chunk); field && !in_phrase) {
            lead += *field + ':';
            chunk.remove_prefix(chunk.find(':') + 1);
            if (kept_as_typed(*field)) {
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

QueryBuilder::QueryBuilder(const Xapian::Database& db, bool synonyms, SavedLookup saved)
    : QueryBuilder(db, synonyms, std::move(saved), std::make_shared<Expansion>()) {}

QueryBuilder::QueryBuilder(const Xapian::Database& db, bool synonyms, SavedLookup saved,
                           std::shared_ptr<Expansion> expanding)
    : db_(db),
      has_synonyms_(synonyms && db.synonym_keys_begin() != db.synonym_keys_end()),
      saved_lookup_(std::move(saved)),
      expanding_(std::move(expanding)),
      dates_(std::make_unique<CheckedFieldProcessor>([](const std::string& text) {
          return date_span_query(parse_date_expression(text, today_date()));
      })),
      categories_(std::make_unique<CategoryFieldProcessor>(analyzer_)),
      languages_(std::make_unique<CheckedFieldProcessor>(language_query)),
      synonyms_(std::make_unique<SynonymProcessor>()),
      // "saved:NAME": the query of that saved search, restricted by its filters, as if
      // typed in its place (it weighs as that query would).
      saved_(std::make_unique<CheckedFieldProcessor>(
          [this](const std::string& name) { return saved_query(name); })) {
    for (auto t = db.allterms_begin(std::string(kLanguage.prefix));
         t != db.allterms_end(std::string(kLanguage.prefix)); ++t) {
        archive_languages_.push_back((*t).substr(kLanguage.prefix.size()));
    }
    parser_.set_database(db);
    parser_.set_default_op(Xapian::Query::OP_AND);
    parser_.set_stemmer(Xapian::Stem(new StemLater));
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    // Wildcards are expanded by expand_wildcards(), within kMaxWildcardTerms; one that it
    // leaves to Xapian (a hyphenated word) is held to the same bound.
    parser_.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_ERROR);
    for (const auto& field : kFields) {
        std::string name(field.name);
        switch (field.kind) {
            case FieldKind::kWords:
                parser_.add_prefix(name, std::string(field.prefix));
                break;
            case FieldKind::kBoolean:
                if (&field == &kLanguage) {
                    parser_.add_boolean_prefix(name, languages_.get());
                } else {
                    parser_.add_boolean_prefix(name, categories_.get());
                }
                break;
            case FieldKind::kDate:
                parser_.add_boolean_prefix(name, dates_.get());
                break;
            case FieldKind::kSaved:  // not boolean: it adds to the ranking as its query does
                parser_.add_prefix(name, saved_.get());
                break;
            case FieldKind::kPrepared:
                parser_.add_prefix(name, synonyms_.get());
                break;
        }
    }
}

QueryBuilder::~QueryBuilder() = default;

Xapian::Query QueryBuilder::parse(std::string_view text) { return parse(text, {}); }

Xapian::Query QueryBuilder::parse(std::string_view text,
                                  const std::vector<std::string>& languages) {
    constexpr unsigned kFlags =
        Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
        Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
        Xapian::QueryParser::FLAG_PURE_NOT;
    if (text.size() > kMaxQueryBytes) {
        throw QueryError("query too long: " + std::to_string(text.size()) + " bytes (at most " +
                         std::to_string(kMaxQueryBytes) + ")");
    }
    Xapian::Query query;
    for (auto* processor : {dates_.get(), saved_.get(), languages_.get()}) {
        processor->take_error();  // left by a parse that threw
    }
    if (expanding_->names.empty()) {
        expanding_->too_long = false;  // a query of its own, not a saved search in one
    }
    expanded_ = 0;
    auto lenient = [&] {
        expanded_ = 0;
        return parser_.parse_query(
            expand_wildcards(expand_synonyms(normalize_query(text, analyzer_, true))),
            kFlags & ~Xapian::QueryParser::FLAG_BOOLEAN);
    };
    std::string normalized = negatives_alone_as_not(normalize_query(text, analyzer_));
    try {
        // NEAR or ADJ of a saved search or a wildcard: more than a term, which Xapian 1.4
        // cannot position (see joined_by_position()). Searched leniently, never tried.
        query = near_needs_more_than_terms(normalized)
                    ? lenient()
                    : parser_.parse_query(expand_wildcards(expand_synonyms(normalized)), kFlags);
    } catch (const Xapian::QueryParserError&) {
        // A dangling or doubled operator: search the words without the operators.
        query = lenient();
    } catch (const Xapian::UnimplementedError&) {
        // NEAR or ADJ of more than a term that joined_by_position() did not foresee: the same
        // (QueryParser leaks a little here, which tests/fuzz/query_fuzz would report).
        query = lenient();
    }
    for (auto* processor : {dates_.get(), saved_.get(), languages_.get()}) {
        if (auto error = processor->take_error()) {
            throw QueryError(*error);  // the first processor's
        }
    }
    // Date ranges count: they hold no term, but each costs a pass over the dates (and saved
    // searches of nothing but ranges multiplied without bound).
    if (Xapian::termcount size = query_size(query); size > kMaxQueryTerms) {
        throw QueryError("query too long: " + std::to_string(size) + " words (at most " +
                         std::to_string(kMaxQueryTerms) + ")");
    }
    std::vector<std::string> searched = languages_named(normalized, languages);
    cased_.clear();
    for (auto& token : analyzer_.tokenize(text)) {
        if (!token.cased.empty()) {
            cased_.emplace(std::move(token.term), std::move(token.cased));
        }
    }
    return with_stems(query, searched.empty() ? archive_languages_ : searched);
}

std::vector<std::string> QueryBuilder::languages_named(std::string_view normalized,
                                                       const std::vector<std::string>& given) {
    std::vector<std::string> codes;
    auto add = [&](std::string_view tag) {
        if (auto normal = normalize_language_tag(tag)) {
            std::string code(primary_language(*normal));
            if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
                codes.push_back(std::move(code));
            }
        }
    };
    for (const auto& tag : given) {
        add(tag);
    }
    // lang:xx in the query, unless excluded (-lang:xx, NOT lang:xx).
    std::string field = std::string(kLanguage.name) + ':';
    bool in_phrase = false, after_not = false;
    for (std::string_view piece : pieces_of(normalized)) {
        in_phrase ^= piece == "\"";
        if (in_phrase || is_separator(piece)) {
            continue;
        }
        if (piece.starts_with('+')) {
            piece.remove_prefix(1);
        }
        if (piece.starts_with(field) && !after_not) {
            add(piece.substr(field.size()));
        }
        after_not = piece == "NOT";
    }
    return codes;
}

Xapian::Query QueryBuilder::with_stems(const Xapian::Query& query,
                                       const std::vector<std::string>& languages) {
    if (query.get_type() == Xapian::Query::LEAF_TERM) {
        std::string term = *query.get_terms_begin();
        std::optional<TermParts> parts;
        if (term.starts_with(kStemPrefix) && term.find(':') == term.npos) {
            parts = split_term(std::string_view(term).substr(kStemPrefix.size()));
        }
        if (!parts) {
            return query;  // not a word StemLater left
        }
        std::string_view prefix = parts->field.empty() ? "" : *word_prefix(parts->field);
        std::string word(parts->word);
        std::vector<std::string> terms;
        auto add = [&](std::string stem_term) {
            if (std::find(terms.begin(), terms.end(), stem_term) == terms.end()) {
                terms.push_back(std::move(stem_term));
            }
        };
        auto [cased, cased_end] = cased_.equal_range(word);
        for (const auto& language : languages) {
            const Xapian::Stem* stemmer = analyzer_.stemmer(language);
            add(stem_term(prefix, language, stemmer ? (*stemmer)(word) : word));
            for (auto c = cased; stemmer && c != cased_end; ++c) {  // as the indexer does
                add(stem_term(prefix, language, analyzer_.fold((*stemmer)(c->second))));
            }
        }
        std::vector<Xapian::Query> stems(terms.begin(), terms.end());
        if (stems.empty()) {
            return Xapian::Query(prefixed(prefix, word));  // an empty archive
        }
        // The word as typed too: an article that prints that very form ranks above one
        // that has only another form of it (bench/quality.sh: known-item MRR 0.864 ->
        // 0.892 on the mixed archive). AND_MAYBE, not OR: an article holding the word holds
        // one of its stems, so the answers and weights are OR's, and the matcher only
        // looks the word up in the articles the stems found (queries 8% faster).
        Xapian::Query any = stems.size() == 1 ? stems.front()
                                              : Xapian::Query(Xapian::Query::OP_SYNONYM,
                                                              stems.begin(), stems.end());
        return Xapian::Query(Xapian::Query::OP_AND_MAYBE, any,
                             Xapian::Query(prefixed(prefix, word)));
    }
    // The operators QueryParser joins stemmed words with are rebuilt from their rewritten
    // subqueries; others (phrases, NEAR, value ranges, scaled weights) hold no stemmed word.
    switch (query.get_type()) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
            break;
        default:
            return query;
    }
    std::vector<Xapian::Query> subqueries;
    for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
        subqueries.push_back(with_stems(query.get_subquery(i), languages));
    }
    return Xapian::Query(query.get_type(), subqueries.begin(), subqueries.end());
}

Xapian::termcount query_size(const Xapian::Query& query) {
    size_t n = query.get_num_subqueries();
    if (n == 0) {
        return 1;
    }
    // A word and its stems in the archive's languages (with_stems()) are one word.
    auto is_term = [](const Xapian::Query& q, bool stem) {
        return q.get_type() == Xapian::Query::LEAF_TERM &&
               (*q.get_terms_begin()).starts_with(kStemPrefix) == stem;
    };
    auto is_stems = [&](const Xapian::Query& q) {
        bool all = q.get_type() == Xapian::Query::OP_SYNONYM || is_term(q, true);
        for (size_t i = 0; i < q.get_num_subqueries() && all; ++i) {
            all = is_term(q.get_subquery(i), true);
        }
        return all;
    };
    if (query.get_type() == Xapian::Query::OP_AND_MAYBE && n == 2 &&
        is_stems(query.get_subquery(0)) && is_term(query.get_subquery(1), false)) {
        return 1;
    }
    Xapian::termcount size = 0;
    for (size_t i = 0; i < n; ++i) {
        size += query_size(query.get_subquery(i));
    }
    return size;
}

Xapian::Query QueryBuilder::saved_query(const std::string& name) {
    auto too_long = [&] {
        expanding_->too_long = true;
        return QueryError("query too long: more than " + std::to_string(kMaxQueryTerms) +
                          " words once saved:" + name + " is expanded (at most " +
                          std::to_string(kMaxQueryTerms) + ")");
    };
    if (expanding_->too_long) {
        throw too_long();  // the first saved search past the bound is the one named
    }
    auto& expanding = expanding_->names;
    if (auto from = std::find(expanding.begin(), expanding.end(), name); from != expanding.end()) {
        std::string cycle;
        for (; from != expanding.end(); ++from) {
            cycle += *from + " -> ";
        }
        throw QueryError("saved search " + name + " refers to itself: " + cycle + name);
    }
    std::optional<SavedQuery> saved = saved_lookup_ ? saved_lookup_(name) : std::nullopt;
    if (!saved) {
        throw QueryError("no saved search named " + name);
    }
    if (!nested_) {
        nested_.reset(new QueryBuilder(db_, has_synonyms_, saved_lookup_, expanding_));
    }
    expanding.push_back(name);
    struct Expanding {
        std::vector<std::string>& names;
        ~Expanding() { names.pop_back(); }
    } guard{expanding};
    Xapian::Query query;
    try {
        query = nested_->build(saved->query, saved->filters);
    } catch (const QueryError& e) {
        // Say which saved search could not be answered (the innermost one).
        std::string what = e.what();
        throw QueryError(what.starts_with("saved search ") ? what
                                                           : "saved search " + name + ": " + what);
    }
    expanded_ += query_size(query);
    if (expanded_ > kMaxQueryTerms) {
        throw too_long();
    }
    return query;
}

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
    Xapian::Query query = blank ? Xapian::Query::MatchAll : parse(text, filters.languages);
    if (auto restriction = filter(filters)) {
        return Xapian::Query(Xapian::Query::OP_FILTER, query, *restriction);
    }
    return query;
}

std::optional<Xapian::Query> QueryBuilder::filter(const Filters& filters) {
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
    any_of(filters.languages, [&](const std::string& v) { return language_query(v); });
    any_of(filters.categories,
           [&](const std::string& v) { return Xapian::Query(category_term(analyzer_.slug(v))); });
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
        return std::nullopt;
    }
    return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

namespace {

// The pieces of a normalised query: runs of characters other than spaces, quotes and
// parentheses ("words"), and those characters one by one.
std::vector<std::string_view> pieces_of(std::string_view query, std::string_view separators) {
    std::vector<std::string_view> pieces;
    for (size_t i = 0; i < query.size();) {
        size_t end = query.find_first_of(separators, i);
        if (end == i) {
            end = i + 1;
        } else if (end == query.npos) {
            end = query.size();
        }
        pieces.push_back(query.substr(i, end - i));
        i = end;
    }
    return pieces;
}

// The term prefix of a field that holds words ("title" -> "S"); nullopt for the others.
std::optional<std::string_view> word_prefix(std::string_view field) {
    const Field* f = find_field(field);
    return f && f->kind == FieldKind::kWords ? std::optional(f->prefix) : std::nullopt;
}

bool is_separator(std::string_view piece) {
    return piece == " " || piece == "\"" || piece == "(" || piece == ")";
}

// Marks the pieces that a NEAR or ADJ joins: the nearest word either side of it. Xapian 1.4
// positions single terms only: building OP_NEAR of the several terms of a synonym, wildcard
// or saved search throws UnimplementedError in the middle of a parse, and QueryParser then
// leaks what it had built (found by tests/fuzz/query_fuzz). Parentheses and quotes are passed
// over: QueryParser takes "dprk(ADJ/2 china" as "dprk ADJ/2 china".
std::vector<bool> joined_by_position(const std::vector<std::string_view>& pieces) {
    std::vector<bool> joined(pieces.size());
    for (size_t i = 0; i < pieces.size(); ++i) {
        if (!is_operator(pieces[i]) ||
            !(pieces[i].starts_with("NEAR") || pieces[i].starts_with("ADJ"))) {
            continue;
        }
        auto count = static_cast<std::ptrdiff_t>(pieces.size());
        for (std::ptrdiff_t step : {-1, 1}) {
            for (auto j = static_cast<std::ptrdiff_t>(i) + step; j >= 0 && j < count; j += step) {
                if (!is_separator(pieces[j])) {
                    joined[j] = true;
                    break;
                }
            }
        }
    }
    return joined;
}

// True if NEAR or ADJ joins a saved:NAME or a wildcard, which stand for more than a term (see
// joined_by_position()).
bool near_needs_more_than_terms(std::string_view query) {
    auto pieces = pieces_of(query);
    auto joined = joined_by_position(pieces);
    for (size_t i = 0; i < pieces.size(); ++i) {
        size_t word = std::min(pieces[i].find_first_not_of("+-"), pieces[i].size());
        if (joined[i] && (pieces[i].substr(word).starts_with(std::string(kSaved.name) + ':') ||
                          pieces[i].ends_with('*'))) {
            return true;
        }
    }
    return false;
}

// A query of nothing but `-` terms (`-glacier -"black sea"`) is rewritten with NOT
// (`NOT glacier NOT "black sea"`). QueryParser "can't just hate": such a query fails to parse,
// and Xapian then parses it again without any flags, which searches for the very words the
// user excluded. What is meant is every article but those, as `NOT glacier` means with
// FLAG_PURE_NOT (<alldocuments> AND_NOT glacier). A query with anything else at its top level
// (a word, a filter, an operator, parentheses) is left alone: Xapian handles it.
std::string negatives_alone_as_not(const std::string& query) {
    auto pieces = pieces_of(query);
    bool in_phrase = false, negative = false;
    for (std::string_view piece : pieces) {
        if (piece == "\"") {
            in_phrase = !in_phrase;
        } else if (in_phrase || piece == " ") {
            continue;
        } else if (piece[0] != '-' || is_operator(piece) || piece == "(" || piece == ")") {
            return query;
        } else {
            negative = true;
        }
    }
    if (!negative) {
        return query;
    }
    std::string out;
    in_phrase = false;
    for (std::string_view piece : pieces) {
        in_phrase ^= piece == "\"";
        if (!in_phrase && piece[0] == '-') {
            out += "NOT ";
            piece.remove_prefix(1);
        }
        out += piece;
    }
    return out;
}

}  // namespace

std::vector<std::string> saved_names_in(std::string_view query) {
    // Names hold no spaces, quotes nor parentheses: the pieces of the query as typed serve
    // (normalize_query() keeps saved:NAME as typed, but needs an analyser).
    std::vector<std::string> names;
    bool in_phrase = false;
    for (std::string_view piece : pieces_of(query, " \t\r\n\"()")) {
        in_phrase ^= piece == "\"";
        piece.remove_prefix(std::min(piece.find_first_not_of("+-"), piece.size()));
        if (!in_phrase && field_of(piece) == kSaved.name) {
            names.emplace_back(piece.substr(piece.find(':') + 1));
        }
    }
    return names;
}

std::string QueryBuilder::expand_synonyms(const std::string& query) {
    synonyms_->expansions.clear();
    if (!has_synonyms_) {
        return query;
    }
    auto pieces = pieces_of(query);
    auto joined = joined_by_position(pieces);
    // A plain word: outside a phrase, not joined by NEAR or ADJ, no field, sign, wildcard or
    // hyphenated parts.
    std::vector<bool> plain(pieces.size());
    bool in_phrase = false;
    for (size_t i = 0; i < pieces.size(); ++i) {
        in_phrase ^= pieces[i] == "\"";
        plain[i] = !in_phrase && !joined[i] && !is_separator(pieces[i]) &&
                   !is_operator(pieces[i]) &&
                   pieces[i].find_first_of(":*+-") == std::string_view::npos;
    }
    // Words as QueryParser makes them: one word stemmed, several a phrase.
    auto words_query = [&](const std::string& words) {
        std::vector<Xapian::Query> terms;
        for (size_t b = 0; b <= words.size();) {
            size_t e = std::min(words.find(' ', b), words.size());
            terms.emplace_back(words.substr(b, e - b));
            b = e + 1;
        }
        if (terms.size() > 1) {
            return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end());
        }
        return Xapian::Query(has_stem(words) ? prefixed(kStemPrefix, words) : words);
    };
    std::string out;
    for (size_t i = 0; i < pieces.size();) {
        // The longest run of plain words from here (one space apart) that has synonyms.
        std::string key;
        std::vector<Xapian::Query> best;
        size_t best_end = 0;
        for (size_t j = i; j < pieces.size() && plain[j] && (j - i) / 2 < kMaxSynonymWords;
             j += 2) {
            key += (j > i ? " " : "") + std::string(pieces[j]);
            if (db_.synonyms_begin(key) != db_.synonyms_end(key)) {
                best = {words_query(key)};
                for (auto s = db_.synonyms_begin(key); s != db_.synonyms_end(key); ++s) {
                    best.push_back(words_query(*s));
                }
                best_end = j + 1;
            }
            if (j + 1 >= pieces.size() || pieces[j + 1] != " ") {
                break;
            }
        }
        if (best_end == 0) {
            out += pieces[i++];
            continue;
        }
        out += std::string(kPrepared.name) + ':' + std::to_string(synonyms_->expansions.size());
        synonyms_->expansions.emplace_back(Xapian::Query::OP_SYNONYM, best.begin(), best.end());
        i = best_end;
    }
    return out;
}

std::string QueryBuilder::expand_wildcards(const std::string& query) {
    std::string out;
    bool in_phrase = false;
    for (std::string_view piece : pieces_of(query)) {
        in_phrase ^= piece == "\"";
        // [+-][field:]word* where the word has no hyphenated parts and the field holds words
        size_t start = std::min(piece.find_first_not_of("+-"), piece.size());
        std::string_view sign = piece.substr(0, start), word = piece.substr(start);
        std::optional<std::string_view> prefix = "";
        if (auto field = field_of(word)) {
            prefix = word_prefix(*field);
            word.remove_prefix(word.find(':') + 1);
        }
        if (in_phrase || !prefix || word.size() < 2 || !word.ends_with('*') ||
            word.find_first_of("-*") != word.size() - 1) {
            out += piece;
            continue;
        }
        // Xapian expands an OP_WILDCARD in each shard apart, weighing the synonym it makes by
        // the terms of that shard alone: over shards, scores would differ from one
        // database's. Expanded here over the whole database, it is the same everywhere.
        std::string begins = std::string(*prefix) + std::string(word.substr(0, word.size() - 1));
        std::vector<Xapian::Query> terms;
        for (auto t = db_.allterms_begin(begins); t != db_.allterms_end(begins); ++t) {
            if (terms.size() == kMaxWildcardTerms) {
                throw QueryError(std::string(word) + " matches more than " +
                                 std::to_string(kMaxWildcardTerms) +
                                 " words: give more letters before the *");
            }
            terms.emplace_back(*t);
        }
        out += std::string(sign) + std::string(kPrepared.name) + ':' +
               std::to_string(synonyms_->expansions.size());
        synonyms_->expansions.emplace_back(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
    }
    return out;
}

std::optional<std::string> QueryBuilder::suggest(std::string_view text) {
    std::string query = normalize_query(text, analyzer_);
    auto pieces = pieces_of(query);
    std::string out;
    bool changed = false;
    for (size_t i = 0; i < pieces.size(); ++i) {
        std::string_view piece = pieces[i];
        if (is_separator(piece) || is_operator(piece)) {
            out += piece;
            continue;
        }
        // Signs and field names stay; the values of boolean fields stay whole.
        size_t word_start = piece.find_first_not_of("+-");
        if (word_start == std::string_view::npos) {
            out += piece;  // signs alone
            continue;
        }
        if (auto field = field_of(piece.substr(word_start))) {
            word_start = piece.find(':') + 1;
            if (kept_as_typed(*field)) {
                out += piece;
                if (word_start == piece.size() && i + 1 < pieces.size() && pieces[i + 1] == "\"") {
                    for (out += pieces[++i]; i + 1 < pieces.size() && pieces[i + 1] != "\"";) {
                        out += pieces[++i];
                    }
                }
                continue;
            }
        }
        out += piece.substr(0, word_start);
        std::string_view words = piece.substr(word_start);
        // Each part of a hyphenated word ("covid-19") is a term of its own.
        for (size_t b = 0; b <= words.size();) {
            size_t e = std::min(words.find('-', b), words.size());
            std::string word(words.substr(b, e - b));
            std::string better = word.ends_with('*') ? word : correct_word(word);
            changed |= better != word;
            out += better;
            if (e < words.size()) {
                out += '-';
            }
            b = e + 1;
        }
    }
    if (!changed) {
        return std::nullopt;
    }
    return out;
}

std::vector<std::string> QueryBuilder::wildcard_prefixes(std::string_view text) {
    std::vector<std::string> seen, prefixes;
    add_wildcard_prefixes(text, seen, prefixes);
    return prefixes;
}

void QueryBuilder::add_wildcard_prefixes(std::string_view text, std::vector<std::string>& seen,
                                         std::vector<std::string>& prefixes) {
    std::string query = normalize_query(text, analyzer_);  // the pieces point into it
    for (std::string_view piece : pieces_of(query)) {
        if (piece.ends_with('*')) {
            piece.remove_suffix(1);
            size_t start = std::max(piece.find_first_not_of("+-"), piece.rfind(':') + 1);
            if (start < piece.size()) {
                prefixes.emplace_back(piece.substr(start));
            }
        }
    }
    if (!saved_lookup_) {
        return;
    }
    for (const auto& name : saved_names_in(text)) {
        if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
            continue;
        }
        seen.push_back(name);
        if (auto saved = saved_lookup_(name)) {
            add_wildcard_prefixes(saved->query, seen, prefixes);
        }
    }
}

std::string QueryBuilder::correct_word(const std::string& word) {
    // A word this much rarer than a neighbour in the vocabulary is taken for a misspelling
    // of it, even if some articles print it so.
    constexpr Xapian::doccount kMoreFrequent = 20;
    // A word in this many articles is taken as typed: alone it would find enough, and
    // looking for neighbours costs milliseconds in a large vocabulary.
    constexpr Xapian::doccount kCommon = 5;
    // A word of the synonym table is one the archivist wrote down: it may find nothing by
    // itself ("DPRK" finds the articles that print "North Korea"), and is not a misspelling.
    if (!is_spelling_word(word) || in_synonyms(word)) {
        return word;
    }
    Xapian::doccount freq = db_.get_termfreq(word);
    if (freq >= kCommon) {
        return word;
    }
    std::string better = db_.get_spelling_suggestion(word);
    if (better.empty() || better == word) {
        return word;
    }
    return freq == 0 || db_.get_termfreq(better) >= kMoreFrequent * freq ? better : word;
}

bool QueryBuilder::in_synonyms(const std::string& word) {
    if (!synonym_words_) {  // a suggestion is asked for rarely: read the table then
        synonym_words_.emplace();
        for (auto key = db_.synonym_keys_begin(); key != db_.synonym_keys_end(); ++key) {
            std::string words = *key;
            for (size_t b = 0; b < words.size();) {
                size_t e = std::min(words.find(' ', b), words.size());
                synonym_words_->insert(words.substr(b, e - b));
                b = e + 1;
            }
        }
    }
    return synonym_words_->count(word) > 0;
}

std::vector<std::string> unknown_fields(std::string_view text) {
    auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    std::vector<std::string> names;
    bool in_phrase = false;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '"') {
            in_phrase = !in_phrase;
            continue;
        }
        bool word_start = i == 0 || std::string_view(" \t(+-").find(text[i - 1]) != text.npos;
        if (in_phrase || !word_start || !is_letter(text[i])) {
            continue;
        }
        size_t colon = i;
        while (colon < text.size() && is_letter(text[colon])) {
            ++colon;
        }
        if (colon + 1 < text.size() && text[colon] == ':') {
            unsigned char value = static_cast<unsigned char>(text[colon + 1]);
            bool looks_like_value = std::isalnum(value) || value == '"' || value >= 0x80;
            std::string name(text.substr(i, colon - i));
            if (looks_like_value && !field_of(name + ':') &&
                std::find(names.begin(), names.end(), name) == names.end()) {
                names.push_back(std::move(name));
            }
        }
        i = colon - 1;  // the rest of the word
    }
    return names;
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
