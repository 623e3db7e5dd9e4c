// The query lexer: what a user typed, as tokens that every pass over a query reads (the
// preparation of synonyms and wildcards, the languages named, saved searches, spelling
// suggestions, highlighting, unknown fields), rendered once for Xapian's QueryParser, which
// stays the parser. The rules of the query syntax live here and nowhere else.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/schema.h"
#include "common/text_analyzer.h"

namespace newsidx {

/// One token of a query.
struct QueryToken {
    enum class Kind {
        kSpace,     // one white-space character
        kQuote,     // a straight or curly quote, opening or closing a phrase
        kOpen,      // (
        kClose,     // )
        kOperator,  // AND OR NOT XOR NEAR NEAR/n ADJ ADJ/n, outside a phrase
        kLead,      // a sign or field with nothing of its own: before a phrase (-"black
                    // sea", title:"black sea") or a parenthesis (title:(...))
        kWord,      // a run of other characters, analysed: `words`
        kValue,     // the value of a field that is not words (category:, lang:, date:,
                    // saved:), kept as typed for its field processor, quotes included
        kSubquery,  // a sub-query prepared before parsing, rendered "xsyn:N" (see
                    // QueryBuilder), put in place of words by a pass
    };
    Kind kind = Kind::kWord;
    /// kWord: the analysed terms, joined by '-' (a compound, searched as a phrase of its
    /// parts) or by ' ' inside a phrase; kValue: the value as typed; kOperator: the operator;
    /// kPrepared: N.
    std::string text;
    char sign = 0;                 // '+' or '-' of a word, value or lead; 0 if none
    const Field* field = nullptr;  // the field named (title:kim), from kFields
    std::vector<Token> words;      // kWord: what the analyser made of it
    std::string typed;             // kWord: the characters typed, sign left out (tittle:linux)
    bool wildcard = false;         // kWord: typed with a trailing '*'
    bool in_phrase = false;        // inside a phrase (a kQuote: one that opens it)
    bool joined = false;           // a word, value or lead NEAR or ADJ joins to another

    static QueryToken of(Kind kind, std::string text = {}) {
        QueryToken t;
        t.kind = kind;
        t.text = std::move(text);
        return t;
    }
    bool is(Kind k) const { return kind == k; }
    /// Whether the parser sees it as a word of the query (not space, quote or parenthesis).
    bool is_term() const {
        return kind != Kind::kSpace && kind != Kind::kQuote && kind != Kind::kOpen &&
               kind != Kind::kClose;
    }
};

/// The tokens of `query`: each word analysed as the indexer does ("Gökçe" -> "gokce", "Kim’s"
/// -> "kim-s": a word the analyser splits becomes a compound, searched as a phrase); field
/// names recognised case-insensitively; operators (AND OR NOT XOR NEAR ADJ), + and - signs,
/// parentheses, quotes (curly ones too) and a trailing '*' kept; the values of the fields
/// that are not words kept as typed. A chunk that holds no word (punctuation) is left out.
/// The terms a NEAR or ADJ joins are marked (mark_joined()).
std::vector<QueryToken> lex_query(std::string_view query, TextAnalyzer& analyzer);

/// Marks the tokens that a NEAR or ADJ joins: the nearest term either side of it.
void mark_joined(std::vector<QueryToken>& tokens);

/// The tokens as QueryParser reads them; with `drop_operators`, the operators left out (the
/// lenient retry of a query that does not parse).
std::string render_query(const std::vector<QueryToken>& tokens, bool drop_operators = false);

/// render_query(lex_query(query, analyzer), drop_operators): the query as QueryParser sees
/// it ("Title:Gökçe -“Black Sea”" -> "title:gokce -\"black sea\"").
std::string normalize_query(std::string_view query, TextAnalyzer& analyzer,
                            bool drop_operators = false);

/// A query of nothing but negative terms (`-glacier -"black sea"`) rewritten with NOT
/// (`NOT glacier NOT "black sea"`). QueryParser "can't just hate": such a query fails to
/// parse, and Xapian then parses it again without any flags, which searches for the very
/// words the user excluded. What is meant is every article but those, as `NOT glacier` means
/// with FLAG_PURE_NOT. A query with anything else at its top level is left alone.
void negatives_alone_as_not(std::vector<QueryToken>& tokens);

/// The value of a kValue token without the quotes around it (what QueryParser gives the
/// field's processor).
std::string unquoted(const QueryToken& token);

/// The names `query` refers to as saved:NAME (outside phrases), in order, repeats included.
std::vector<std::string> saved_names_in(const std::vector<QueryToken>& tokens);
std::vector<std::string> saved_names_in(std::string_view query);

/// The names typed as fields in the query that are no field ("tittle" of `tittle:linux`): a
/// word of letters, a colon, then a value (a letter, digit or quote), outside a phrase.
/// QueryParser searches them as words; the searcher warns.
std::vector<std::string> unknown_fields(const std::vector<QueryToken>& tokens);
std::vector<std::string> unknown_fields(std::string_view query);

/// The field names a query may use, for messages: "title, author, ..., date, saved".
std::string known_field_names();

}  // namespace newsidx
