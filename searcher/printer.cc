#include "searcher/printer.h"

#include <algorithm>
#include <cstdio>

#include <unicode/uchar.h>

#include "common/json.h"
#include "common/utf8.h"

namespace newsidx {

namespace {

// ANSI styles; empty strings when colour is off.
struct Style {
    std::string_view highlight, title, dim, reset;
};

constexpr Style kColorStyle{"\x1b[1;31m", "\x1b[1m", "\x1b[2m", "\x1b[0m"};
constexpr Style kPlainStyle{"", "", "", ""};

// Before an estimated total.
std::string_view about(const SearchResult& result) { return result.total_exact ? "" : "about "; }

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string text;
    for (const auto& item : items) {
        if (!text.empty()) {
            text += sep;
        }
        text += item;
    }
    return text;
}

// Byte offsets in UTF-8 to code-point offsets: what JSON consumers index strings by.
Json highlights_json(const Snippet& snippet) {
    Json ranges = Json::array();
    for (auto [begin, end] : snippet.highlights) {
        size_t b = count_code_points(std::string_view(snippet.text).substr(0, begin));
        size_t e = b + count_code_points(std::string_view(snippet.text).substr(begin, end - begin));
        ranges.push_back({b, e});
    }
    return ranges;
}

// `saved`: the saved search of the result, if any, as its first key.
Json hit_json(const Hit& hit, const std::string& saved = {}) {
    const Article& a = hit.article;
    Json j;
    if (!saved.empty()) {
        j["saved"] = saved;
    }
    j["rank"] = hit.rank;
    j["id"] = a.id;
    j["source"] = a.source;
    j["score"] = hit.score;
    j["percent"] = hit.percent;
    j["title"] = a.title;
    j["authors"] = a.authors;
    j["published"] = nullable_json(a.published);
    j["updated"] = nullable_json(a.updated);
    j["category"] = a.category;
    j["dateline"] = nullable_json(a.dateline);
    j["language"] = a.language;
    j["snippet"] = hit.snippet.text;
    j["highlights"] = highlights_json(hit.snippet);
    if (!hit.explain.empty()) {
        Json terms = Json::array();
        for (const auto& w : hit.explain) {
            terms.push_back({{"term", w.term},
                             {"field", w.field},
                             {"word", w.word},
                             {"stemmed", w.stemmed},
                             {"weight", w.weight}});
        }
        j["explain"] = terms;
        j["explain_complete"] = hit.explain_complete;
    }
    return j;
}

// Cuts text (already terminal-safe) to `width` columns, ending it with "…" if cut.
std::string fit(const std::string& text, size_t width) {
    if (width == 0 || display_width(text) <= width) {
        return text;
    }
    std::string out;
    size_t used = 0;
    for (size_t pos = 0; pos < text.size();) {
        size_t end = next_code_point(text, pos).end;
        size_t w = display_width(std::string_view(text).substr(pos, end - pos));
        if (used + w + 1 > width) {
            break;
        }
        out.append(text, pos, end - pos);
        used += w;
        pos = end;
    }
    return out + "\u2026";
}

// "authors · dateline · category · id" in `width` columns (0: all of it). The id is never cut
// (show, similar and rm need it): the byline and dateline are cut first, then the category.
std::string meta_line(const Article& a, size_t width) {
    const std::string dot = " \u00B7 ";
    std::vector<std::string> head;  // cut first
    if (!a.authors.empty()) {
        head.push_back(terminal_safe(join(a.authors, ", ")));
    }
    if (a.dateline) {
        head.push_back(terminal_safe(*a.dateline));
    }
    std::string category = terminal_safe(a.category);
    std::string front = join(head, dot);
    std::string all = category.empty() ? front : front.empty() ? category : front + dot + category;
    std::string id = terminal_safe(a.id);
    if (all.empty()) {
        return id;
    }
    size_t room = width > display_width(dot + id) ? width - display_width(dot + id) : 0;
    constexpr size_t kShortest = 8;  // columns of a cut byline worth showing
    if (width == 0 || display_width(all) <= room) {
        return all + dot + id;
    }
    if (!category.empty() && !front.empty() && room >= display_width(dot + category) + kShortest) {
        return fit(front, room - display_width(dot + category)) + dot + category + dot + id;
    }
    return (room >= 2 ? fit(all, room) : std::string("\u2026")) + dot + id;
}

// Writes the words of `text` after `indent` spaces, wrapped at `width` columns (0: on one
// line), and a newline. styled(begin, end) gives the printable form of text[begin, end).
template <typename Styled>
void write_wrapped(std::ostream& out, std::string_view text, size_t indent, size_t width,
                   Styled&& styled) {
    out << std::string(indent, ' ');
    size_t column = indent;
    bool first = true;
    for (size_t b = 0; b < text.size();) {
        if (text[b] == ' ') {
            ++b;
            continue;
        }
        size_t e = std::min(text.find(' ', b), text.size());
        size_t w = display_width(text.substr(b, e - b));
        if (!first && width != 0 && column + 1 + w > width) {
            out << '\n' << std::string(indent, ' ');
            column = indent;
        } else if (!first) {
            out << ' ';
            ++column;
        }
        out << styled(b, e);
        column += w;
        first = false;
        b = e;
    }
    out << '\n';
}

void write_wrapped(std::ostream& out, std::string_view text, size_t indent, size_t width) {
    std::string safe = terminal_safe(text);
    write_wrapped(out, safe, indent, width,
                  [&](size_t b, size_t e) { return std::string_view(safe).substr(b, e - b); });
}

Json facets_json(const Facets& facets) {
    Json j = Json::object();
    for (const auto& [name, values] : facets) {
        Json list = Json::array();
        for (const auto& v : values) {
            list.push_back({{"value", v.value}, {"count", v.count}});
        }
        j[name] = list;
    }
    return j;
}

class TextPrinter : public Printer {
  public:
    TextPrinter(std::ostream& out, TextLayout layout)
        : out_(out), style_(layout.color ? kColorStyle : kPlainStyle), width_(layout.width) {}

    void print(const SearchResult& result) override {
        if (!result.saved.empty()) {
            out_ << style_.title << '[' << result.saved << ']' << style_.reset << '\n';
        }
        if (result.corrected) {
            out_ << style_.dim << "showing results for: " << style_.reset
                 << terminal_safe(*result.suggestion) << style_.dim
                 << " (instead of: " << terminal_safe(result.query) << ")" << style_.reset
                 << "\n\n";
        }
        for (const auto& hit : result.hits) {
            print_hit(hit);
        }
        if (result.hits.empty()) {
            if (result.total == 0) {
                out_ << "no matches";
            } else if (result.offset < result.total) {  // --limit 0: the count only
                out_ << about(result) << result.total
                     << (result.total == 1 ? " match" : " matches");
            } else {
                out_ << "no matches from " << result.offset + 1 << " (" << result.total
                     << " in all)";
            }
            out_ << '\n';
        } else {
            out_ << style_.dim << "showing " << result.offset + 1 << '-'
                 << result.offset + result.hits.size() << " of " << about(result) << result.total
                 << (result.total == 1 ? " match" : " matches") << style_.reset << '\n';
        }
        if (result.suggestion && !result.corrected) {
            out_ << "Did you mean: " << style_.title << terminal_safe(*result.suggestion)
                 << style_.reset << "?\n";
        }
        print_facets(result.facets);
    }

    void print(const Article& a) override {
        out_ << style_.title << fit(terminal_safe(a.title), width_) << style_.reset << '\n';
        std::vector<std::string> meta{a.category};
        if (a.published) {
            meta.push_back(a.published->iso() +
                           (a.updated ? " (updated " + a.updated->iso() + ")" : ""));
        }
        if (a.dateline) {
            meta.push_back(*a.dateline);
        }
        meta.push_back(a.id);
        print_dim(join(meta, " \u00B7 "));
        if (!a.authors.empty()) {
            print_dim("by " + join(a.authors, ", "));
        }
        if (!a.summary.empty()) {
            out_ << '\n';
            write_wrapped(out_, a.summary, 0, width_);
        }
        if (!a.highlights.empty()) {
            out_ << '\n';
            for (const auto& h : a.highlights) {
                write_wrapped(out_, "\u2022 " + h, 2, width_);
            }
        }
        size_t next_subheading = 0;
        for (const auto& paragraph : a.body) {
            out_ << '\n';
            bool subheading = next_subheading < a.subheadings.size() &&
                              a.subheadings[next_subheading] == paragraph;
            next_subheading += subheading;
            out_ << (subheading ? style_.title : "");
            write_wrapped(out_, paragraph, 0, width_);
            out_ << (subheading ? style_.reset : "");
        }
        if (a.photo_credit) {
            out_ << '\n';
            print_dim("photo: " + *a.photo_credit);
        }
        print_dim("source: " + a.source);
    }

  private:
    void print_dim(const std::string& line) {
        out_ << style_.dim << fit(terminal_safe(line), width_) << style_.reset << '\n';
    }

    // "category  Energy 3 · Economy 2 · …" (the ten most frequent values of each facet).
    void print_facets(const Facets& facets) {
        constexpr size_t kShown = 10;
        for (const auto& [name, values] : facets) {
            char label[16];
            std::snprintf(label, sizeof label, "%-9s ", name.c_str());
            out_ << style_.title << label << style_.reset;
            for (size_t i = 0; i < values.size() && i < kShown; ++i) {
                out_ << (i ? " \u00B7 " : "") << terminal_safe(values[i].value) << ' '
                     << values[i].count;
            }
            if (values.size() > kShown) {
                out_ << " \u00B7 (" << values.size() - kShown << " more)";
            }
            out_ << '\n';
        }
    }

    // "  1. 2025-09-04  Title", then authors · dateline · category · id, then the snippet,
    // each fitted to the width.
    void print_hit(const Hit& hit) {
        constexpr size_t kIndent = 5;
        const Article& a = hit.article;
        char rank[16];
        std::snprintf(rank, sizeof rank, "%3zu. ", hit.rank);
        std::string date = a.published ? a.published->iso() : std::string(10, ' ');
        size_t title_width = width_ > kIndent + 12 + 10 ? width_ - kIndent - 12 : 0;
        out_ << rank << date << "  " << style_.title << fit(terminal_safe(a.title), title_width)
             << style_.reset << '\n';
        size_t text_width = width_ > kIndent + 10 ? width_ : 0;
        out_ << std::string(kIndent, ' ') << style_.dim
             << meta_line(a, text_width ? text_width - kIndent : 0) << style_.reset << '\n';
        if (!hit.snippet.text.empty()) {
            write_wrapped(out_, hit.snippet.text, kIndent, text_width,
                          [&](size_t b, size_t e) { return highlighted(hit.snippet, b, e); });
        }
        if (!hit.explain.empty()) {
            std::string why;
            char number[32];
            for (const auto& w : hit.explain) {
                std::snprintf(number, sizeof number, " %.3f", w.weight);
                why += (why.empty() ? "" : " \u00B7 ") + w.field + ':' + w.word +
                       (w.stemmed ? " (stem)" : "") + number;
            }
            if (!hit.explain_complete) {
                why += " \u00B7 and what is not listed";
            }
            std::snprintf(number, sizeof number, "%.3f", hit.score);
            write_wrapped(out_, "score " + std::string(number) + " = " + why, kIndent, text_width);
        }
        out_ << '\n';
    }

    // snippet.text[begin, end), made safe, with its matched words highlighted.
    std::string highlighted(const Snippet& snippet, size_t begin, size_t end) const {
        std::string_view text(snippet.text);
        std::string out;
        size_t pos = begin;
        for (auto [hb, he] : snippet.highlights) {
            hb = std::max(hb, begin);
            he = std::min(he, end);
            if (hb >= he || hb < pos) {
                continue;
            }
            out += terminal_safe(text.substr(pos, hb - pos));
            out += style_.highlight;
            out += terminal_safe(text.substr(hb, he - hb));
            out += style_.reset;
            pos = he;
        }
        return out + terminal_safe(text.substr(pos, end - pos));
    }

    std::ostream& out_;
    Style style_;
    size_t width_;
};

// JSON and JSON Lines show an article alike: the object `newsidx parse` prints.
class JsonArticlePrinter : public Printer {
  public:
    explicit JsonArticlePrinter(std::ostream& out) : out_(out) {}
    using Printer::print;
    void print(const Article& article) override {
        out_ << dump_json(article_to_json(article)) << '\n';
    }

  protected:
    std::ostream& out_;
};

class JsonPrinter : public JsonArticlePrinter {
  public:
    using JsonArticlePrinter::JsonArticlePrinter;
    using JsonArticlePrinter::print;
    void print(const SearchResult& result) override {
        Json j;
        if (!result.saved.empty()) {
            j["saved"] = result.saved;
        }
        j["query"] = result.query;
        j["total"] = result.total;
        j["total_exact"] = result.total_exact;
        j["offset"] = result.offset;
        j["results"] = Json::array();
        for (const auto& hit : result.hits) {
            j["results"].push_back(hit_json(hit));
        }
        if (!result.facets.empty()) {
            j["facets"] = facets_json(result.facets);
        }
        j["suggestion"] = nullable_json(result.suggestion);
        j["corrected"] = result.corrected;
        out_ << dump_json(j) << '\n';
    }
};

class JsonlPrinter : public JsonArticlePrinter {
  public:
    using JsonArticlePrinter::JsonArticlePrinter;
    using JsonArticlePrinter::print;
    void print(const SearchResult& result) override {
        for (const auto& hit : result.hits) {
            out_ << dump_json(hit_json(hit, result.saved)) << '\n';
        }
    }
};

class IdsPrinter : public Printer {
  public:
    explicit IdsPrinter(std::ostream& out) : out_(out) {}
    void print(const SearchResult& result) override {
        for (const auto& hit : result.hits) {
            out_ << terminal_safe(hit.article.id) << '\n';
        }
    }
    void print(const Article& article) override { out_ << terminal_safe(article.id) << '\n'; }

  private:
    std::ostream& out_;
};

}  // namespace

size_t display_width(std::string_view text) {
    size_t width = 0;
    for_each_code_point(text, [&](int32_t c, size_t, size_t) {
        if (c < 0) {
            ++width;
            return;
        }
        auto category = u_charType(c);
        if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
            category == U_FORMAT_CHAR) {
            return;
        }
        int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        width += ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
    });
    return width;
}

std::unique_ptr<Printer> make_printer(Format format, std::ostream& out, TextLayout layout) {
    switch (format) {
        case Format::kJson:
            return std::make_unique<JsonPrinter>(out);
        case Format::kJsonl:
            return std::make_unique<JsonlPrinter>(out);
        case Format::kIds:
            return std::make_unique<IdsPrinter>(out);
        case Format::kText:
            break;
    }
    return std::make_unique<TextPrinter>(out, layout);
}

}  // namespace newsidx
