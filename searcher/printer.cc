#include "searcher/printer.h"

#include <cstdio>

#include "common/json.h"
#include "common/utf8.h"

namespace newsidx {

namespace {

constexpr std::string_view kReplacement = "\uFFFD";

// ANSI styles; empty strings when colour is off.
struct Style {
    std::string_view highlight, title, dim, reset;
};

constexpr Style kColorStyle{"\x1b[1;31m", "\x1b[1m", "\x1b[2m", "\x1b[0m"};
constexpr Style kPlainStyle{"", "", "", ""};

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

Json hit_json(const Hit& hit) {
    const Article& a = hit.article;
    Json j;
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
    j["snippet"] = hit.snippet.text;
    j["highlights"] = highlights_json(hit.snippet);
    return j;
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
    TextPrinter(std::ostream& out, bool color)
        : out_(out), style_(color ? kColorStyle : kPlainStyle) {}

    void print(const SearchResult& result) override {
        for (const auto& hit : result.hits) {
            print_hit(hit);
        }
        if (result.hits.empty()) {
            if (result.total == 0) {
                out_ << "no matches";
            } else if (result.offset < result.total) {  // --limit 0: the count only
                out_ << result.total << (result.total == 1 ? " match" : " matches");
            } else {
                out_ << "no matches from " << result.offset + 1 << " (" << result.total
                     << " in all)";
            }
            out_ << '\n';
            print_facets(result.facets);
            return;
        }
        out_ << style_.dim << "showing " << result.offset + 1 << '-'
             << result.offset + result.hits.size() << " of " << result.total
             << (result.total == 1 ? " match" : " matches") << style_.reset << '\n';
        print_facets(result.facets);
    }

  private:
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

    void print_hit(const Hit& hit) {
        const Article& a = hit.article;
        char rank[16];
        std::snprintf(rank, sizeof rank, "%3zu. ", hit.rank);
        out_ << rank << (a.published ? a.published->iso() : std::string(10, ' ')) << "  "
             << style_.title << terminal_safe(a.title) << style_.reset << '\n';
        std::vector<std::string> meta;
        if (!a.authors.empty()) {
            meta.push_back(join(a.authors, ", "));
        }
        if (a.dateline) {
            meta.push_back(*a.dateline);
        }
        if (!a.category.empty()) {
            meta.push_back(a.category);
        }
        meta.push_back(a.id);
        out_ << "     " << style_.dim << terminal_safe(join(meta, " \u00B7 ")) << style_.reset
             << '\n';
        if (!hit.snippet.text.empty()) {
            out_ << "     " << highlighted(hit.snippet) << '\n';
        }
        out_ << '\n';
    }

    std::string highlighted(const Snippet& snippet) const {
        std::string text;
        size_t pos = 0;
        for (auto [begin, end] : snippet.highlights) {
            text += terminal_safe(std::string_view(snippet.text).substr(pos, begin - pos));
            text += style_.highlight;
            text += terminal_safe(std::string_view(snippet.text).substr(begin, end - begin));
            text += style_.reset;
            pos = end;
        }
        return text + terminal_safe(std::string_view(snippet.text).substr(pos));
    }

    std::ostream& out_;
    Style style_;
};

class JsonPrinter : public Printer {
  public:
    explicit JsonPrinter(std::ostream& out) : out_(out) {}
    void print(const SearchResult& result) override {
        Json j;
        j["query"] = result.query;
        j["total"] = result.total;
        j["offset"] = result.offset;
        j["results"] = Json::array();
        for (const auto& hit : result.hits) {
            j["results"].push_back(hit_json(hit));
        }
        if (!result.facets.empty()) {
            j["facets"] = facets_json(result.facets);
        }
        out_ << dump_json(j) << '\n';
    }

  private:
    std::ostream& out_;
};

class JsonlPrinter : public Printer {
  public:
    explicit JsonlPrinter(std::ostream& out) : out_(out) {}
    void print(const SearchResult& result) override {
        for (const auto& hit : result.hits) {
            out_ << dump_json(hit_json(hit)) << '\n';
        }
    }

  private:
    std::ostream& out_;
};

class IdsPrinter : public Printer {
  public:
    explicit IdsPrinter(std::ostream& out) : out_(out) {}
    void print(const SearchResult& result) override {
        for (const auto& hit : result.hits) {
            out_ << terminal_safe(hit.article.id) << '\n';
        }
    }

  private:
    std::ostream& out_;
};

}  // namespace

std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for_each_code_point(text, [&](int32_t c, size_t begin, size_t end) {
        bool unsafe = c < 0 || (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c < 0xA0) ||
                      (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        if (unsafe) {
            out += kReplacement;
        } else {
            out.append(text.substr(begin, end - begin));
        }
    });
    return out;
}

std::unique_ptr<Printer> make_printer(Format format, std::ostream& out, bool color) {
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
    return std::make_unique<TextPrinter>(out, color);
}

}  // namespace newsidx
