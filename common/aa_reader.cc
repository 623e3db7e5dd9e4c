#include "common/aa_reader.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <unicode/uchar.h>

#include "common/utf8.h"

namespace newsidx {

namespace {

// A run of non-blank lines: a header field, the byline with its photo line, the bullets,
// or one body paragraph.
struct Block {
    std::vector<std::string> lines;
    size_t first_line = 0;

    std::string joined() const {
        std::string text;
        for (const auto& l : lines) {
            if (!text.empty()) {
                text += ' ';
            }
            text += l;
        }
        return text;
    }
};

struct Byline {
    std::vector<std::string> authors;
    std::string published;
    std::string updated;  // empty when there is no "Update :" part
};

constexpr std::string_view kBullet = "\u2022";

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') {
        s.remove_prefix(1);
    }
    while (!s.empty() && s.back() == ' ') {
        s.remove_suffix(1);
    }
    return s;
}

size_t line_of_offset(std::string_view bytes, size_t offset) {
    return 1 + static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

std::vector<Block> split_blocks(std::string_view text) {
    std::vector<Block> blocks;
    bool in_block = false;
    size_t line_no = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find_first_of("\r\n", pos);
        if (end == text.npos) {
            end = text.size();
        }
        ++line_no;
        std::string line = clean_spaces(text.substr(pos, end - pos));
        if (line.empty()) {
            in_block = false;
        } else {
            if (!in_block) {
                blocks.push_back(Block{{}, line_no});
                in_block = true;
            }
            blocks.back().lines.push_back(std::move(line));
        }
        if (end == text.size()) {
            break;
        }
        pos = end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1);
    }
    return blocks;
}

std::vector<std::string> split_authors(std::string_view names) {
    std::vector<std::string> authors;
    auto add = [&](std::string_view name) {
        name = trim(name);
        if (!name.empty()) {
            authors.emplace_back(name);
        }
    };
    size_t start = 0;
    while (start <= names.size()) {
        size_t comma = names.find(',', start);
        std::string_view part =
            names.substr(start, comma == names.npos ? names.npos : comma - start);
        // "A and B" and "A & B" inside a comma-separated part.
        for (size_t sep; (sep = std::min(part.find(" and "), part.find(" & "))) != part.npos;) {
            add(part.substr(0, sep));
            part.remove_prefix(sep + (part[sep + 1] == '&' ? 3 : 5));
        }
        add(part);
        if (comma == names.npos) {
            break;
        }
        start = comma + 1;
    }
    return authors;
}

// "Name, Name and Name | DD.MM.YYYY - Update : DD.MM.YYYY" (the Update part optional).
std::optional<Byline> parse_byline(std::string_view line) {
    size_t bar = line.rfind('|');
    if (bar == line.npos) {
        return std::nullopt;
    }
    std::string_view dates = trim(line.substr(bar + 1));
    Byline byline;
    size_t update = dates.find("Update");
    std::string_view published = dates;
    if (update != dates.npos) {
        published = dates.substr(0, update);
        std::string_view rest = dates.substr(update + 6);
        rest = trim(rest);
        if (!rest.empty() && rest.front() == ':') {
            rest.remove_prefix(1);
        }
        byline.updated = trim(rest);
    }
    published = trim(published);
    if (!published.empty() && published.back() == '-') {
        published.remove_suffix(1);
    }
    byline.published = trim(published);
    if (!parse_dotted_date(byline.published)) {
        return std::nullopt;
    }
    byline.authors = split_authors(line.substr(0, bar));
    return byline;
}

bool is_bullet_block(const Block& block) {
    return std::all_of(block.lines.begin(), block.lines.end(),
                       [](const std::string& l) { return l.starts_with(kBullet); });
}

// "ISTANBUL", "GAZA CITY, Palestine", "ISTANBUL / ANKARA": the part before any comma is in
// capitals, short, with no sentence punctuation.
bool looks_like_dateline(const Block& block) {
    if (block.lines.size() != 1 || block.lines[0].size() > 80) {
        return false;
    }
    std::string_view line = block.lines[0];
    std::string_view place = line.substr(0, line.find(','));
    int letters = 0;
    bool capitals = true;
    for_each_code_point(place, [&](int32_t c, size_t, size_t) {
        if (u_isalpha(c)) {
            capitals &= !u_hasBinaryProperty(c, UCHAR_LOWERCASE);
            ++letters;
        } else if (!u_hasBinaryProperty(c, UCHAR_DIACRITIC) && c != ' ' && c != '/' && c != '-' &&
                   c != '.' && c != '\'' && c != 0x2019) {
            capitals = false;
        }
    });
    return capitals && letters >= 2 && !line.ends_with('.');
}

// A short line inside the body without sentence punctuation at its end. Quotation marks
// after the last word are looked through (`over ‘the big one’` is a subheading, `said.”`
// ends a sentence); a closing bracket ends a paragraph.
bool looks_like_subheading(std::string_view paragraph) {
    if (paragraph.size() > 120 || std::count(paragraph.begin(), paragraph.end(), ' ') >= 15) {
        return false;
    }
    constexpr std::string_view kQuotes[] = {"\"",     "'",      "\u201D", "\u201C",
                                            "\u2019", "\u00BB", "\u00AB", "\u203A"};
    for (bool quoted = true; quoted;) {
        quoted = false;
        for (std::string_view quote : kQuotes) {
            if (paragraph.ends_with(quote)) {
                paragraph.remove_suffix(quote.size());
                quoted = true;
            }
        }
    }
    constexpr std::string_view kEnds[] = {".",      "!",      "?",      ":",      ";",
                                          ",",      ")",      "]",      "\u2026", "\u061F",
                                          "\u060C", "\u061B", "\u3002", "\uFF01", "\uFF1F"};
    for (std::string_view end : kEnds) {
        if (paragraph.ends_with(end)) {
            return false;
        }
    }
    return !paragraph.empty();
}

std::optional<std::string> photo_credit(std::string_view line, std::string_view title) {
    line = trim(line);
    if (line.starts_with(title)) {
        line = trim(line.substr(title.size()));
    }
    size_t label = line.find("Credit:");
    if (label != line.npos) {
        line = trim(line.substr(label + 7));
    }
    if (line.empty()) {
        return std::nullopt;
    }
    return std::string(line);
}

}  // namespace

std::string article_id_from_path(std::string_view path) {
    size_t slash = path.rfind('/');
    std::string_view name = slash == path.npos ? path : path.substr(slash + 1);
    if (name.ends_with(".txt")) {
        name.remove_suffix(4);
    }
    // A file name is bytes, an id is text that is printed, kept in JSON and typed back to
    // `show`: a byte that is not UTF-8 would come back as U+FFFD and find nothing, a control
    // character would act on the terminal or split `--format ids`. Such bytes are written
    // %XX (as in URLs), and a % that is followed by two hex digits as %25, so that two names
    // never give one id and the name can be read back from it. Other names are their own id.
    auto is_hex = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    };
    std::string id;
    for_each_code_point(name, [&](int32_t c, size_t begin, size_t end) {
        if (c < 0 || c == '\t' || c == '\n' || is_terminal_control(c)) {
            for (size_t i = begin; i < end; ++i) {
                constexpr char kHex[] = "0123456789ABCDEF";
                auto byte = static_cast<unsigned char>(name[i]);
                id += {'%', kHex[byte >> 4], kHex[byte & 0xF]};
            }
        } else if (c == '%' && end + 1 < name.size() && is_hex(name[end]) &&
                   is_hex(name[end + 1])) {
            id += "%25";
        } else {
            id.append(name.substr(begin, end - begin));
        }
    });
    return id;
}

std::variant<Article, Diagnostic> read_aa_article(std::string_view bytes, std::string_view path) {
    auto fail = [&](size_t line, std::string reason, std::string detail = {}) {
        return Diagnostic{std::string(path), line, std::move(reason), std::move(detail)};
    };
    if (bytes.starts_with("\xEF\xBB\xBF")) {
        bytes.remove_prefix(3);
    }
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        return fail(0, "UTF-16 text", "(convert it: iconv -f UTF-16 -t UTF-8)");
    }
    if (size_t nul = bytes.find('\0'); nul != bytes.npos) {
        return fail(line_of_offset(bytes, nul), "binary file (NUL byte)");
    }
    if (auto bad = find_invalid_utf8(bytes)) {
        return fail(line_of_offset(bytes, *bad), "invalid UTF-8");
    }
    std::vector<Block> blocks = split_blocks(bytes);
    if (blocks.empty()) {
        return fail(0, "empty file");
    }

    // The byline is the first of the first four blocks that parses as one.
    size_t b = 0;
    std::optional<Byline> byline;
    for (; b < std::min<size_t>(blocks.size(), 4) && !byline; ++b) {
        byline = parse_byline(blocks[b].lines[0]);
    }
    if (!byline) {
        if (blocks.size() < 2) {
            return fail(blocks[0].first_line, "missing title");
        }
        return fail(blocks[0].first_line,
                    "missing byline (\"Name | DD.MM.YYYY\") in the first four paragraphs");
    }
    const Block& byline_block = blocks[--b];
    if (b < 2) {
        return fail(byline_block.first_line, "missing title");
    }

    Article article;
    article.id = article_id_from_path(path);
    article.source = std::string(path);
    article.category = blocks[0].joined();
    article.title = blocks[1].joined();
    if (b == 3) {
        article.summary = blocks[2].joined();
    }
    article.authors = std::move(byline->authors);
    for (auto [text, field] : {std::pair{&byline->published, &article.published},
                               std::pair{&byline->updated, &article.updated}}) {
        if (text->empty()) {
            continue;
        }
        auto date = parse_dotted_date(*text);
        if (!date) {
            return fail(byline_block.first_line, "malformed date", *text);
        }
        if (!date->valid()) {
            return fail(byline_block.first_line, "impossible date", *text);
        }
        *field = *date;
    }
    if (byline_block.lines.size() > 1) {
        article.photo_credit = photo_credit(byline_block.lines[1], article.title);
    }

    size_t next = b + 1;
    // Tolerate a photo line set apart by a blank line.
    if (next < blocks.size() && !article.photo_credit && blocks[next].lines.size() == 1 &&
        blocks[next].lines[0].starts_with(article.title)) {
        article.photo_credit = photo_credit(blocks[next++].lines[0], article.title);
    }
    for (; next < blocks.size() && is_bullet_block(blocks[next]); ++next) {
        for (const auto& line : blocks[next].lines) {
            auto text = trim(std::string_view(line).substr(kBullet.size()));
            if (!text.empty()) {
                article.highlights.emplace_back(text);
            }
        }
    }
    if (next < blocks.size() && looks_like_dateline(blocks[next])) {
        article.dateline = blocks[next++].lines[0];
    }
    for (; next < blocks.size(); ++next) {
        std::string paragraph = blocks[next].joined();
        if (paragraph.starts_with(kAaFooterStart)) {
            continue;
        }
        if (!article.body.empty() && looks_like_subheading(paragraph)) {
            article.subheadings.push_back(paragraph);
        }
        article.body.push_back(std::move(paragraph));
    }
    return article;
}

}  // namespace newsidx
