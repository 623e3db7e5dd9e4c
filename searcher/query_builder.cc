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
#include "searcher/saved_store.h"

namespace newsidx {

namespace {

using Kind = QueryToken::Kind;

// The term prefix of a field that holds words ("title" -> "S"); nullopt for the others.
std::optional<std::string_view> word_prefix(std::string_view field) {
    const Field* f = find_field(field);
    return f && f->kind == FieldKind::kWords ? std::optional(f->prefix) : std::nullopt;
}

// True if NEAR or ADJ joins a saved:NAME or a wildcard, which stand for more than a term
// (see mark_joined()).
bool near_needs_more_than_terms(const std::vector<QueryToken>& tokens) {
    for (const auto& t : tokens) {
        if (t.joined &&
            (t.field == &kSaved || t.wildcard || (t.is(Kind::kValue) && t.text.ends_with('*')))) {
            return true;
        }
    }
    return false;
}

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

// "xsyn:N" (kPrepared): the N-th sub-query prepared before parsing, which QueryParser then
// places where the text had it:
// - a run of words prepare_synonyms() found to be a synonym key, as Xapian's OP_SYNONYM of
//   the words and each of their synonyms. QueryParser's own expansion
//   (FLAG_AUTO_MULTIWORD_SYNONYMS) treats a synonym as one term, so "DPRK = North Korea"
//   could not find the phrase; this keeps Xapian's synonym table and its OP_SYNONYM weighting.
// - a wildcard prepare_wildcards() expanded (see there).
class PreparedQueries : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& text) override {
        size_t n = std::strtoul(text.c_str(), nullptr, 10);
        return n < queries.size() ? queries[n] : Xapian::Query::MatchNothing;
    }

    // The token that stands for `query` in the text parsed, with `sign`.
    QueryToken add(Xapian::Query query, char sign = 0) {
        QueryToken t = QueryToken::of(Kind::kSubquery, std::to_string(queries.size()));
        t.sign = sign;
        queries.push_back(std::move(query));
        return t;
    }

    std::vector<Xapian::Query> queries;
};

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
      prepared_(std::make_unique<PreparedQueries>()),
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
    // Wildcards are expanded by prepare_wildcards(), within kMaxWildcardTerms; one that it
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
                parser_.add_prefix(name, prepared_.get());
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
    std::vector<QueryToken> tokens = lex_query(text, analyzer_);
    // A saved search's name is letters, digits, - and _; another (saved:korea.y) is refused
    // here: QueryParser would split it, and Xapian 1.4.22 crashes on what it makes of that
    // after a + (found by tests/fuzz/query_fuzz).
    for (const auto& name : saved_names_in(tokens)) {
        try {
            check_saved_name(name);
        } catch (const Error& e) {
            throw QueryError(e.what());
        }
    }
    // The lenient retry: the words without the operators (nothing is joined then).
    // Lexed again, not copied ahead: it is rare, and the passes below change `tokens`.
    auto lenient = [&] {
        std::vector<QueryToken> words = lex_query(text, analyzer_);
        std::erase_if(words, [](const QueryToken& t) { return t.is(Kind::kOperator); });
        for (auto& t : words) {
            t.joined = false;
        }
        expanded_ = 0;
        return parser_.parse_query(render_query(prepare(words)),
                                   kFlags & ~Xapian::QueryParser::FLAG_BOOLEAN);
    };
    negatives_alone_as_not(tokens);
    try {
        // NEAR or ADJ of a saved search or a wildcard: more than a term, which Xapian 1.4
        // cannot position (see mark_joined()). Searched leniently, never tried.
        query = near_needs_more_than_terms(tokens)
                    ? lenient()
                    : parser_.parse_query(render_query(prepare(tokens)), kFlags);
    } catch (const Xapian::QueryParserError&) {
        // A dangling or doubled operator: search the words without the operators.
        query = lenient();
    } catch (const Xapian::UnimplementedError&) {
        // NEAR or ADJ of more than a term that mark_joined() did not foresee: the same
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
    std::vector<std::string> searched = languages_named(tokens, languages);
    cased_.clear();
    for (const auto& t : tokens) {
        for (const auto& word : t.words) {
            if (!word.cased.empty()) {
                cased_.emplace(word.term, word.cased);
            }
        }
    }
    return with_stems(query, searched.empty() ? archive_languages_ : searched);
}

std::vector<std::string> QueryBuilder::languages_named(const std::vector<QueryToken>& tokens,
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
    bool after_not = false;
    for (const auto& t : tokens) {
        if (t.in_phrase || !t.is_term()) {
            continue;
        }
        if (t.is(Kind::kValue) && t.field == &kLanguage && t.sign != '-' && !after_not) {
            add(unquoted(t));
        }
        after_not = t.is(Kind::kOperator) && t.text == "NOT";
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

std::vector<QueryToken>& QueryBuilder::prepare(std::vector<QueryToken>& tokens) {
    prepared_->queries.clear();
    prepare_synonyms(tokens);
    prepare_wildcards(tokens);
    return tokens;
}

void QueryBuilder::prepare_synonyms(std::vector<QueryToken>& tokens) {
    if (!has_synonyms_) {
        return;
    }
    // A plain word: outside a phrase, not joined by NEAR or ADJ, no field, sign, wildcard or
    // compound.
    auto plain = [&](size_t i) {
        const QueryToken& t = tokens[i];
        return t.is(Kind::kWord) && !t.in_phrase && !t.joined && !t.field && !t.sign &&
               !t.wildcard && t.words.size() == 1;
    };
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
    std::vector<QueryToken> out;
    for (size_t i = 0; i < tokens.size();) {
        // The longest run of plain words from here (one space apart) that has synonyms.
        std::string key;
        std::vector<Xapian::Query> best;
        size_t best_end = 0;
        for (size_t j = i; j < tokens.size() && plain(j) && (j - i) / 2 < kMaxSynonymWords;
             j += 2) {
            key += (j > i ? " " : "") + tokens[j].text;
            if (db_.synonyms_begin(key) != db_.synonyms_end(key)) {
                best = {words_query(key)};
                for (auto s = db_.synonyms_begin(key); s != db_.synonyms_end(key); ++s) {
                    best.push_back(words_query(*s));
                }
                best_end = j + 1;
            }
            if (j + 1 >= tokens.size() || !tokens[j + 1].is(Kind::kSpace)) {
                break;
            }
        }
        if (best_end == 0) {
            out.push_back(std::move(tokens[i++]));
            continue;
        }
        out.push_back(
            prepared_->add(Xapian::Query(Xapian::Query::OP_SYNONYM, best.begin(), best.end())));
        i = best_end;
    }
    tokens = std::move(out);
}

void QueryBuilder::prepare_wildcards(std::vector<QueryToken>& tokens) {
    for (auto& t : tokens) {
        // [+-][field:]word* where the word is no compound and the field holds words
        std::optional<std::string_view> prefix = "";
        if (t.field) {
            prefix = word_prefix(t.field->name);
        }
        if (!t.is(Kind::kWord) || !t.wildcard || t.in_phrase || !prefix || t.words.size() != 1) {
            continue;
        }
        // Xapian expands an OP_WILDCARD in each shard apart, weighing the synonym it makes by
        // the terms of that shard alone: over shards, scores would differ from one
        // database's. Expanded here over the whole database, it is the same everywhere.
        std::string begins = std::string(*prefix) + t.text;
        std::vector<Xapian::Query> terms;
        for (auto term = db_.allterms_begin(begins); term != db_.allterms_end(begins); ++term) {
            if (terms.size() == kMaxWildcardTerms) {
                throw QueryError(t.text + "* matches more than " +
                                 std::to_string(kMaxWildcardTerms) +
                                 " words: give more letters before the *");
            }
            terms.emplace_back(*term);
        }
        t = prepared_->add(Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end()),
                           t.sign);
    }
}

std::optional<std::string> QueryBuilder::suggest(std::string_view text) {
    std::vector<QueryToken> tokens = lex_query(text, analyzer_);
    bool changed = false;
    for (auto& t : tokens) {
        if (!t.is(Kind::kWord)) {
            continue;  // signs, field names, operators and the values of other fields stay
        }
        // Each part of a compound ("covid-19") is a term of its own; a wildcard's last part
        // stays as typed.
        t.text.clear();
        for (size_t i = 0; i < t.words.size(); ++i) {
            const std::string& word = t.words[i].term;
            std::string better = t.wildcard && i + 1 == t.words.size() ? word : correct_word(word);
            changed |= better != word;
            t.text += (i > 0 ? (t.in_phrase ? " " : "-") : "") + better;
        }
    }
    if (!changed) {
        return std::nullopt;
    }
    return render_query(tokens);
}

std::vector<std::string> QueryBuilder::wildcard_prefixes(std::string_view text) {
    std::vector<std::string> seen, prefixes;
    add_wildcard_prefixes(text, seen, prefixes);
    return prefixes;
}

void QueryBuilder::add_wildcard_prefixes(std::string_view text, std::vector<std::string>& seen,
                                         std::vector<std::string>& prefixes) {
    std::vector<QueryToken> tokens = lex_query(text, analyzer_);
    for (const auto& t : tokens) {
        if (t.is(Kind::kWord) && t.wildcard) {
            prefixes.push_back(t.words.back().term);  // what a printed word begins with
        }
    }
    if (!saved_lookup_) {
        return;
    }
    for (const auto& name : saved_names_in(tokens)) {
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

}  // namespace newsidx
