#include "common/jsonl_reader.h"

#include "common/hash.h"
#include "common/json.h"
#include "common/language.h"
#include "common/utf8.h"

namespace newsidx {

namespace {

// Any C0 control (tab and newline included), DEL, C1 control or bidirectional control.
bool has_control_characters(std::string_view text) {
    bool found = false;
    for_each_code_point(text, [&](int32_t c, size_t, size_t) {
        found |= c == '\t' || c == '\n' || is_terminal_control(c);
    });
    return found;
}

// A problem with one key; caught once below and turned into a Diagnostic.
struct KeyProblem {
    std::string reason, detail;
};

std::string get_string(const Json& j, const char* key, bool required = false) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required) {
            throw KeyProblem{std::string("missing ") + key, {}};
        }
        return {};
    }
    if (!it->is_string()) {
        throw KeyProblem{"wrong type", std::string("for \"") + key + "\" (expected a string)"};
    }
    return clean_spaces(it->get<std::string>());
}

std::optional<std::string> get_optional_string(const Json& j, const char* key) {
    std::string text = get_string(j, key);
    return text.empty() ? std::nullopt : std::optional(text);
}

std::vector<std::string> get_strings(const Json& j, const char* key) {
    std::vector<std::string> items;
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        return items;
    }
    if (it->is_string()) {
        items.push_back(clean_spaces(it->get<std::string>()));
    } else if (it->is_array()) {
        for (const auto& item : *it) {
            if (!item.is_string()) {
                throw KeyProblem{"wrong type",
                                 std::string("for \"") + key + "\" (expected strings)"};
            }
            items.push_back(clean_spaces(item.get<std::string>()));
        }
    } else {
        throw KeyProblem{"wrong type", std::string("for \"") + key + "\" (expected an array)"};
    }
    std::erase(items, std::string());
    return items;
}

std::optional<Date> get_date(const Json& j, const char* key) {
    std::string text = get_string(j, key);
    if (text.empty()) {
        return std::nullopt;
    }
    // "2025-09-04T10:30:00Z" is a day too.
    std::string day =
        text.size() > 10 && (text[10] == 'T' || text[10] == ' ') ? text.substr(0, 10) : text;
    if (auto date = parse_iso_date(day)) {
        return date;
    }
    bool shaped = day.size() == 10 && day[4] == '-' && day[7] == '-';
    throw KeyProblem{shaped ? "impossible date" : "malformed date", text};
}

// "language": a BCP 47 tag ("tr", "pt-BR"); empty if absent.
std::string get_language(const Json& j) {
    std::string text = get_string(j, "language");
    if (text.empty()) {
        return text;
    }
    auto tag = normalize_language_tag(text);
    if (!tag) {
        throw KeyProblem{"not a language tag", "\"" + text + "\" (write it as BCP 47: tr, pt-BR)"};
    }
    return *tag;
}

// "Para one\n\nPara two" -> {"Para one", "Para two"}; single line breaks join lines.
std::vector<std::string> split_paragraphs(std::string_view text) {
    std::vector<std::string> paragraphs;
    std::string current;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        if (end == text.npos) {
            end = text.size();
        }
        std::string line = clean_spaces(text.substr(pos, end - pos));
        if (line.empty()) {
            if (!current.empty()) {
                paragraphs.push_back(std::move(current));
                current.clear();
            }
        } else {
            current += (current.empty() ? "" : " ") + line;
        }
        pos = end + 1;
    }
    if (!current.empty()) {
        paragraphs.push_back(std::move(current));
    }
    return paragraphs;
}

}  // namespace

std::variant<Article, Diagnostic> read_jsonl_article(std::string_view line, std::string_view path,
                                                     size_t line_no) {
    auto fail = [&](std::string reason, std::string detail = {}) {
        return Diagnostic{std::string(path), line_no, std::move(reason), std::move(detail)};
    };
    if (find_invalid_utf8(line)) {
        return fail("invalid UTF-8");
    }
    Json j = Json::parse(line, nullptr, false);
    if (j.is_discarded()) {
        return fail("invalid JSON");
    }
    if (!j.is_object()) {
        return fail("not a JSON object");
    }
    try {
        Article a;
        // An id is printed (one a line with --format ids), typed back to `show` and kept in
        // saved-search state: a control character in it would act on a terminal or split a
        // line, and cleaning it away would make another id than the one the feed uses.
        if (auto id = j.find("id"); id != j.end() && id->is_string() &&
                                    has_control_characters(id->get_ref<const std::string&>())) {
            return fail("id contains control characters", dump_json(*id));
        }
        a.id = get_string(j, "id");
        if (a.id.empty()) {
            std::string url = get_string(j, "url");
            if (url.empty()) {
                return fail("missing id (and no url)");
            }
            a.id = "url-" + hash_hex(content_hash(url));
        }
        a.source = std::string(path) + ':' + std::to_string(line_no);
        a.category = get_string(j, "category");
        a.title = get_string(j, "title", true);
        a.summary = get_string(j, "summary");
        a.authors = get_strings(j, "authors");
        a.published = get_date(j, "published");
        a.updated = get_date(j, "updated");
        a.photo_credit = get_optional_string(j, "photo_credit");
        a.highlights = get_strings(j, "highlights");
        a.dateline = get_optional_string(j, "dateline");
        a.subheadings = get_strings(j, "subheadings");
        a.language = get_language(j);
        auto body = j.find("body");
        if (body != j.end() && body->is_string()) {
            a.body = split_paragraphs(body->get<std::string>());
        } else {
            a.body = get_strings(j, "body");
        }
        if (a.title.empty()) {
            return fail("missing title");
        }
        return a;
    } catch (const KeyProblem& p) {
        return fail(p.reason, p.detail);
    }
}

}  // namespace newsidx
