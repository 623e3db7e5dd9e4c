#include "common/json.h"

#include <cstdio>

#include "common/error.h"
#include "common/utf8.h"

namespace newsidx {

namespace {

template <typename T>
T get_key(const Json& json, const char* key) {
    auto it = json.find(key);
    if (it == json.end()) {
        throw Error(std::string("missing key \"") + key + "\"");
    }
    try {
        return it->get<T>();
    } catch (const nlohmann::json::exception&) {
        throw Error(std::string("wrong type for \"") + key + "\"");
    }
}

std::optional<std::string> get_optional_string(const Json& json, const char* key) {
    auto it = json.find(key);
    if (it == json.end() || it->is_null()) {
        return std::nullopt;
    }
    return get_key<std::string>(json, key);
}

std::optional<Date> get_optional_date(const Json& json, const char* key) {
    auto text = get_optional_string(json, key);
    if (!text) {
        return std::nullopt;
    }
    auto date = parse_iso_date(*text);
    if (!date) {
        throw Error(std::string("bad date for \"") + key + "\": " + *text);
    }
    return date;
}

}  // namespace

Json nullable_json(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json nullable_json(const std::optional<Date>& d) { return d ? Json(d->iso()) : Json(nullptr); }

std::string dump_json(const Json& value) {
    std::string json = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    // nlohmann escapes C0 controls only; DEL, C1 and the bidirectional controls are escaped
    // too, so that JSON printed on a terminal is harmless. Their UTF-8 starts with one of
    // these bytes (so do curly quotes and dashes: each is decoded to tell).
    constexpr std::string_view kLeads = "\x7F\xC2\xE2";
    std::string out;
    size_t copied = 0;
    for (size_t i = json.find_first_of(kLeads); i != std::string::npos;
         i = json.find_first_of(kLeads, i)) {
        CodePoint cp = next_code_point(json, i);
        if (cp.value >= 0 && is_terminal_control(cp.value)) {
            char escaped[16];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(cp.value));
            out.append(json, copied, i - copied).append(escaped);
            copied = cp.end;
        }
        i = cp.end;
    }
    if (copied == 0) {
        return json;
    }
    return out.append(json, copied);
}

Json article_to_json(const Article& a) {
    Json j;
    j["id"] = a.id;
    j["source"] = a.source;
    j["category"] = a.category;
    j["title"] = a.title;
    j["summary"] = a.summary;
    j["authors"] = a.authors;
    j["published"] = nullable_json(a.published);
    j["updated"] = nullable_json(a.updated);
    j["photo_credit"] = nullable_json(a.photo_credit);
    j["highlights"] = a.highlights;
    j["dateline"] = nullable_json(a.dateline);
    j["subheadings"] = a.subheadings;
    j["body"] = a.body;
    if (!a.language.empty()) {
        j["language"] = a.language;
    }
    return j;
}

Article article_from_json(const Json& j) {
    if (!j.is_object()) {
        throw Error("article is not a JSON object");
    }
    Article a;
    a.id = get_key<std::string>(j, "id");
    a.source = get_key<std::string>(j, "source");
    a.category = get_key<std::string>(j, "category");
    a.title = get_key<std::string>(j, "title");
    a.summary = get_key<std::string>(j, "summary");
    a.authors = get_key<std::vector<std::string>>(j, "authors");
    a.published = get_optional_date(j, "published");
    a.updated = get_optional_date(j, "updated");
    a.photo_credit = get_optional_string(j, "photo_credit");
    a.highlights = get_key<std::vector<std::string>>(j, "highlights");
    a.dateline = get_optional_string(j, "dateline");
    a.subheadings = get_key<std::vector<std::string>>(j, "subheadings");
    a.body = get_key<std::vector<std::string>>(j, "body");
    a.language = get_optional_string(j, "language").value_or("");
    return a;
}

}  // namespace newsidx
