#include "indexer/document_builder.h"

#include "common/json.h"
#include "common/language.h"
#include "common/schema.h"

namespace newsidx {

namespace {

// Positions left free between sections and paragraphs, as TermGenerator's increase_termpos.
constexpr Xapian::termpos kSectionGap = 100;

// Writes the text sections of an article: add() each section, then write(). The wdf of a
// word is normalised by the length of what it was found in (wdf_unit() in common/schema.h).
class TermWriter {
  public:
    // Stems in `language` (a primary subtag).
    TermWriter(Xapian::Document& doc, TextAnalyzer& analyzer, std::string_view language)
        : doc_(doc),
          analyzer_(analyzer),
          language_(language),
          stemmer_(analyzer.stemmer(language)) {}

    // Indexes `text` unprefixed, each word counted `weight` times, and, if `field` is given,
    // under its prefix too.
    void add(std::string_view text, const Field* field = nullptr, Xapian::termcount weight = 1) {
        sections_.push_back({analyzer_.tokenize(text), field, weight});
    }

    void write() {
        // Field terms by their field's length (BM25F's way: a title match weighs as much in
        // a long article as in a short one), unprefixed terms by the article's length.
        // words_in(field): that field's words; words_in(nullptr): the article's. (A scan, not
        // a map: a few field sections among a few dozen, and no allocation per article.)
        auto words_in = [&](const Field* field) {
            size_t words = 0;
            for (const auto& section : sections_) {
                words += field == nullptr || section.field == field ? section.tokens.size() : 0;
            }
            return words;
        };
        Xapian::termcount unit = wdf_unit(words_in(nullptr));
        Xapian::termpos pos = 0;
        for (const auto& section : sections_) {
            Xapian::termcount field_unit =
                section.field ? wdf_unit(words_in(section.field), section.field->typical_words) : 0;
            for (const auto& token : section.tokens) {
                ++pos;
                add_term(token, "", pos, section.weight * unit);
                if (section.field) {
                    add_term(token, section.field->prefix, pos, field_unit);
                }
            }
            pos += kSectionGap;
        }
    }

  private:
    struct Section {
        std::vector<Token> tokens;
        const Field* field;
        Xapian::termcount weight;
    };

    // The word, and Token::transliterated at the same position, each with its stem; in a
    // language without a stemmer, the word is its own stem. A word printed with accents has the
    // stem of its accented form too, folded, when that differs: a query word typed with its accents
    // is stemmed both ways, so that the stemmer's rules see the vowels they look at ("görüşmeler"
    // and "görüşme"), and one typed without them finds the stem of the folded form.
    void add_term(const Token& token, std::string_view prefix, Xapian::termpos pos,
                  Xapian::termcount wdf) {
        add_word(token.term, token.cased, prefix, pos, wdf);
        if (!token.transliterated.empty()) {
            add_word(token.transliterated, "", prefix, pos, wdf);
        }
    }

    void add_word(const std::string& term, const std::string& cased, std::string_view prefix,
                  Xapian::termpos pos, Xapian::termcount wdf) {
        doc_.add_posting(prefixed(prefix, term), pos, wdf);
        if (!has_stem(term)) {
            return;
        }
        std::string stem = stemmer_ ? (*stemmer_)(term) : term;
        if (stemmer_ && !cased.empty()) {
            std::string accented = analyzer_.fold((*stemmer_)(cased));
            if (!accented.empty() && accented != stem) {
                doc_.add_term(stem_term(prefix, language_, accented), wdf);
            }
        }
        doc_.add_term(stem_term(prefix, language_, stem), wdf);
    }

    Xapian::Document& doc_;
    TextAnalyzer& analyzer_;
    std::string_view language_;
    const Xapian::Stem* stemmer_;
    std::vector<Section> sections_;
};

// Calls `fn` with each text of `section` in `a`, as printed (the language is not one: it is
// decided below).
template <typename Fn>
void for_each_text(const Article& a, Section section, Fn fn) {
    switch (section) {
        case Section::kTitle:
            fn(a.title);
            break;
        case Section::kAuthors:
            for (const auto& author : a.authors) {
                fn(author);
            }
            break;
        case Section::kDateline:
            if (a.dateline) {
                fn(*a.dateline);
            }
            break;
        case Section::kCategory:
            if (!a.category.empty()) {
                fn(a.category);
            }
            break;
        case Section::kNone:
        case Section::kLanguage:
        case Section::kPublished:
            break;
    }
}

}  // namespace

Xapian::Document build_document(const Article& a, TextAnalyzer& analyzer) {
    Xapian::Document doc;
    std::string tag = a.language.empty() ? detect_language(a) : a.language;
    std::string_view language = primary_language(tag);

    // The text, field by field as kFields lists them, then the sections no field names.
    TermWriter writer(doc, analyzer, language);
    for (const auto& field : kFields) {
        bool words = field.kind == FieldKind::kWords;  // else unprefixed only: the category
        for_each_text(a, field.section, [&](const std::string& text) {
            writer.add(text, words ? &field : nullptr, field.weight);
        });
    }
    writer.add(a.summary);
    for (const auto& highlight : a.highlights) {
        writer.add(highlight);
    }
    for (const auto& paragraph : a.body) {
        writer.add(paragraph);
    }
    if (a.photo_credit) {
        writer.add(*a.photo_credit);
    }
    writer.write();

    // The fields' value slots (facets) and filter terms.
    for (const auto& field : kFields) {
        std::string joined;  // several texts (authors) joined by kValueSeparator
        if (field.slot != kNoSlot) {
            for_each_text(a, field.section, [&](const std::string& text) {
                joined += (joined.empty() ? "" : std::string(1, kValueSeparator)) + text;
            });
        }
        if (!joined.empty()) {
            doc.add_value(field.slot, joined);
        }
    }
    std::string category = analyzer.slug(a.category);
    if (!category.empty()) {
        doc.add_boolean_term(category_term(category));
    }
    doc.add_boolean_term(language_term(language));
    doc.add_value(kLanguage.slot, std::string(language));
    if (a.published) {
        doc.add_boolean_term(day_term(*a.published));
        doc.add_boolean_term(month_term(*a.published));
        doc.add_boolean_term(year_term(a.published->year));
        doc.add_value(kDate.slot, date_value(*a.published));
    }
    if (a.updated) {
        doc.add_value(kUpdated, date_value(*a.updated));
    }
    doc.add_value(kSortKey, sort_key(a.published, a.id));
    doc.add_value(kOldestKey, sort_key(a.published, a.id, true));
    doc.add_value(kOldestDate, a.published ? date_value(*a.published) : "\xff");
    doc.add_boolean_term(id_term(a.id));
    Json data = article_to_json(a);
    data["language"] = tag;
    doc.set_data(dump_json(data));
    return doc;
}

std::vector<std::string> spelling_words(const Xapian::Document& doc) {
    std::vector<std::string> words;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string& term = *t;
        auto parts = split_term(term);
        if (parts && !parts->stemmed && parts->field.empty() && is_spelling_word(term)) {
            words.push_back(term);
        }
    }
    return words;
}

}  // namespace newsidx
