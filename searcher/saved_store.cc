#include "searcher/saved_store.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/json.h"
#include "common/language.h"
#include "common/schema.h"
#include "common/utf8.h"
#include "searcher/date_expr.h"
#include "searcher/printer.h"

namespace newsidx {

namespace {

constexpr size_t kMaxNameLength = 64;

constexpr std::string_view kQueryKey = "query";

const std::map<std::string, Sort, std::less<>> kSorts = {
    {"relevance", Sort::kRelevance}, {"newest", Sort::kNewest}, {"oldest", Sort::kOldest}};

using Kind = SavedField::Kind;
using Values = std::vector<std::string>;

Values item_if(bool set, std::string value) { return set ? Values{std::move(value)} : Values{}; }

std::string only(const Values& values) { return values.empty() ? std::string() : values.front(); }

std::optional<std::string> any_value(const std::string&) { return std::nullopt; }

std::optional<std::string> a_date(const std::string& text) {
    try {
        parse_date_expression(text, today_date());
        return std::nullopt;
    } catch (const QueryError& e) {
        return e.what();
    }
}

std::optional<std::string> a_language(const std::string& tag) {
    if (normalize_language_tag(tag)) {
        return std::nullopt;
    }
    return terminal_safe(tag) + " is not a language tag";
}

std::optional<std::string> a_sort(const std::string& name) {
    if (kSorts.count(name)) {
        return std::nullopt;
    }
    return "not relevance, newest or oldest";
}

std::optional<std::string> a_facet(const std::string& name) {
    if (find_facet(name)) {
        return std::nullopt;
    }
    return "no facet named " + terminal_safe(name);
}

}  // namespace

// clang-format off
const std::vector<SavedField> kSavedFields = {
    {"category", "--category", Kind::kList,
     [](const SavedSearch& s) { return s.filters.categories; },
     [](SavedSearch& s, Values v) { s.filters.categories = std::move(v); }, any_value},
    {"author", "--author", Kind::kList,
     [](const SavedSearch& s) { return s.filters.authors; },
     [](SavedSearch& s, Values v) { s.filters.authors = std::move(v); }, any_value},
    {"dateline", "--dateline", Kind::kList,
     [](const SavedSearch& s) { return s.filters.datelines; },
     [](SavedSearch& s, Values v) { s.filters.datelines = std::move(v); }, any_value},
    {"language", "--language", Kind::kList,
     [](const SavedSearch& s) { return s.filters.languages; },
     [](SavedSearch& s, Values v) { s.filters.languages = std::move(v); }, a_language},
    {"since", "--since", Kind::kText,
     [](const SavedSearch& s) { return item_if(!s.filters.since.empty(), s.filters.since); },
     [](SavedSearch& s, Values v) { s.filters.since = only(v); }, a_date},
    {"until", "--until", Kind::kText,
     [](const SavedSearch& s) { return item_if(!s.filters.until.empty(), s.filters.until); },
     [](SavedSearch& s, Values v) { s.filters.until = only(v); }, a_date},
    {"sort", "--sort", Kind::kSort,
     [](const SavedSearch& s) {
         return item_if(bool(s.sort), s.sort ? std::string(sort_name(*s.sort)) : "");
     },
     [](SavedSearch& s, Values v) {
         s.sort = v.empty() ? std::nullopt : std::optional(kSorts.find(v.front())->second);
     }, a_sort},
    {"limit", "--limit", Kind::kLimit,
     [](const SavedSearch& s) {
         return item_if(bool(s.limit), s.limit ? std::to_string(*s.limit) : "");
     },
     [](SavedSearch& s, Values v) {
         s.limit = v.empty() ? std::nullopt : std::optional<size_t>(std::stoull(v.front()));
     }, any_value},
    {"facets", "--facets", Kind::kList,
     [](const SavedSearch& s) { return s.facets; },
     [](SavedSearch& s, Values v) { s.facets = std::move(v); }, a_facet},
};
// clang-format on

namespace {

std::string errno_text() { return std::strerror(errno); }

// "path:line: " for messages.
std::string at(const std::string& path, size_t line) {
    return path + ':' + std::to_string(line) + ": ";
}

// A TOML basic string: always double-quoted and on one line, whatever it holds.
std::string toml_string(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7F) {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04X", u);
            out += escape;
        } else {
            out += c;
        }
    }
    return out + '"';
}

std::string toml_array(const std::vector<std::string>& items) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) {
        out += (i ? ", " : "") + toml_string(items[i]);
    }
    return out + ']';
}

// Reads one saved search, the table [name], checking every key.
class SearchReader {
  public:
    SearchReader(const std::string& path, const std::string& name) : path_(path), name_(name) {}

    SavedSearch read(const toml::table& table) {
        SavedSearch s;
        for (auto&& [key, node] : table) {
            std::string_view k = key.str();
            line_ = key.source().begin.line;
            if (k == kQueryKey) {
                s.query = string_of(k, node);
                continue;
            }
            const SavedField* field = nullptr;
            for (const auto& f : kSavedFields) {
                field = f.key == k ? &f : field;
            }
            if (!field) {
                std::string known(kQueryKey);
                for (const auto& f : kSavedFields) {
                    known += ", " + std::string(f.key);
                }
                throw Error(at(path_, line_) + "unknown key " + terminal_safe(std::string(k)) +
                            " in saved search " + name_ + " (known: " + known + ")");
            }
            std::vector<std::string> values;
            if (field->kind == Kind::kList) {
                values = strings_of(k, node);
            } else if (field->kind == Kind::kLimit) {
                auto limit = node.value_exact<int64_t>();
                if (!limit || *limit < 0 ||
                    static_cast<uint64_t>(*limit) > SearchRequest::kMaxLimit) {
                    fail(k, "not a number of results (0 to " +
                                std::to_string(SearchRequest::kMaxLimit) + ")");
                }
                values = {std::to_string(*limit)};
            } else {
                values = {string_of(k, node)};
            }
            for (const auto& value : values) {
                if (auto why = field->check(value)) {
                    fail(k, *why);
                }
            }
            field->set(s, std::move(values));
        }
        if (s.empty()) {
            throw Error(at(path_, table.source().begin.line) + "saved search " + name_ +
                        " has nothing to search for: give it a query or a filter");
        }
        return s;
    }

  private:
    [[noreturn]] void fail(std::string_view key, const std::string& reason) {
        throw Error(at(path_, line_) + name_ + '.' + std::string(key) + ": " + reason);
    }

    std::string string_of(std::string_view key, const toml::node& node) {
        auto text = node.value_exact<std::string>();
        if (!text) {
            fail(key, "not a string");
        }
        return *text;
    }

    // A string, or an array of strings (any of them).
    std::vector<std::string> strings_of(std::string_view key, const toml::node& node) {
        if (const auto* array = node.as_array()) {
            std::vector<std::string> items;
            for (const auto& item : *array) {
                auto text = item.value_exact<std::string>();
                if (!text) {
                    fail(key, "not a string or an array of strings");
                }
                items.push_back(*text);
            }
            return items;
        }
        auto text = node.value_exact<std::string>();
        if (!text) {
            fail(key, "not a string or an array of strings");
        }
        return {*text};
    }

    const std::string& path_;
    const std::string& name_;
    size_t line_ = 0;
};

}  // namespace

std::string_view sort_name(Sort sort) {
    for (const auto& [name, value] : kSorts) {
        if (value == sort) {
            return name;
        }
    }
    return "relevance";
}

void check_saved_name(std::string_view name) {
    bool good = !name.empty() && name.size() <= kMaxNameLength &&
                std::all_of(name.begin(), name.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '_';
                });
    if (!good) {
        throw Error("bad saved search name \"" + terminal_safe(name) +
                    "\": use up to 64 letters, digits, - and _");
    }
}

SavedSearches parse_saved_searches(std::string_view text, const std::string& path) {
    toml::table doc;
    try {
        doc = toml::parse(text, std::string_view(path));
    } catch (const toml::parse_error& e) {
        throw Error(at(path, e.source().begin.line) + std::string(e.description()));
    }
    SavedSearches searches;
    for (auto&& [key, node] : doc) {
        std::string name(key.str());
        size_t line = key.source().begin.line;
        try {
            check_saved_name(name);
        } catch (const Error& e) {
            throw Error(at(path, line) + e.what());
        }
        const toml::table* table = node.as_table();
        if (!table) {
            throw Error(at(path, line) + name + " is not a saved search: write [" + name +
                        "] above its keys");
        }
        searches[name] = SearchReader(path, name).read(*table);
    }
    return searches;
}

std::string format_saved_searches(const SavedSearches& searches) {
    std::string out =
        "# Saved searches of newsidx-search (README: \"Saved searches\"). `newsidx-search saved\n"
        "# add|edit|rm` rewrite this file and do not keep comments.\n";
    for (const auto& [name, s] : searches) {
        out += "\n[" + name + "]\n";
        auto line = [&](std::string_view key, const std::string& value) {
            out += std::string(key) + " = " + value + '\n';
        };
        if (!s.query.empty()) {
            line(kQueryKey, toml_string(s.query));
        }
        for (const auto& field : kSavedFields) {
            std::vector<std::string> values = field.get(s);
            if (values.empty()) {
                continue;
            }
            line(field.key, field.kind == Kind::kList    ? toml_array(values)
                            : field.kind == Kind::kLimit ? values.front()
                                                         : toml_string(values.front()));
        }
    }
    return out;
}

SavedLookup lookup_in(const SavedSearches& searches) {
    auto shared = std::make_shared<const SavedSearches>(searches);
    return [shared](const std::string& name) -> std::optional<SavedQuery> {
        auto it = shared->find(name);
        if (it == shared->end()) {
            return std::nullopt;
        }
        return SavedQuery{it->second.query, it->second.filters};
    };
}

SavedLookup lookup_in_file(std::string path) {
    auto loaded = std::make_shared<SavedLookup>();
    return [path = std::move(path), loaded](const std::string& name) {
        if (!*loaded) {
            *loaded = lookup_in(SavedStore(path).load());
        }
        return (*loaded)(name);
    };
}

namespace {

// The database folder (a glass database, or a folder holding a stub: a sharded archive, a
// replica) that holds `path`, if any; symbolic links resolved.
std::optional<std::filesystem::path> database_folder_holding(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path folder = fs::weakly_canonical(fs::absolute(path, ec), ec).parent_path();
    if (ec) {
        return std::nullopt;
    }
    for (;; folder = folder.parent_path()) {
        if (fs::exists(folder / "iamglass", ec) || fs::exists(folder / "XAPIANDB", ec)) {
            return folder;
        }
        if (folder == folder.root_path() || folder.empty()) {
            return std::nullopt;
        }
    }
}

}  // namespace

SavedStore::SavedStore(std::string path) : path_(std::move(path)) {
    // A build's first import and `compact` replace a database folder by a new one and delete
    // the old one with whatever else was in it: saved searches there would be lost.
    if (auto folder = database_folder_holding(path_)) {
        throw Error("saved-search file " + path_ + " is inside the database folder " +
                    folder->string() +
                    ", which newsidx compact and build replace: keep it outside (--saved-file)");
    }
}

std::string SavedStore::default_path(std::string db_path) {
    namespace fs = std::filesystem;
    // "news.db/" and "news.db/." name news.db; a path ending in .. is resolved below.
    auto normal = [](const fs::path& path) {
        std::string text = path.lexically_normal().string();
        while (text.size() > 1 && text.back() == '/') {
            text.pop_back();
        }
        return fs::path(text.empty() ? "." : text);
    };
    fs::path path = normal(db_path);
    if (path.filename() == "XAPIANDB" && fs::is_regular_file(path)) {
        path = normal(path.parent_path());  // a stub: the folder holding it is the database
    }
    // `--db .` in the database folder (or `..` in one of its shards) does not name it:
    // ".saved.toml" would be inside it. The folder's own name is needed, so such a path is
    // resolved. Any other path is kept as typed (relative, through its symbolic links), so
    // that the file stays where it always was.
    if (path.filename() == "." || path.filename() == "..") {
        std::error_code ec;
        fs::path resolved = fs::weakly_canonical(fs::absolute(path, ec), ec);
        if (!ec) {
            path = resolved;
        }
    }
    return path.string() + ".saved.toml";
}

SavedSearches SavedStore::load() const {
    std::optional<std::string> text = read_file(path_);
    return text ? parse_saved_searches(*text, path_) : SavedSearches{};
}

ReportedIds SavedStore::load_reported() const {
    std::string path = state_path();
    std::optional<std::string> text = read_file(path);
    ReportedIds reported;
    if (!text) {
        return reported;
    }
    size_t line_number = 0;
    for (size_t begin = 0; begin < text->size();) {
        size_t end = std::min(text->find('\n', begin), text->size());
        std::string_view line = std::string_view(*text).substr(begin, end - begin);
        begin = end + 1;
        ++line_number;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            continue;
        }
        try {
            Json j = Json::parse(line);
            auto& ids = reported[j.at("saved").get<std::string>()];
            for (const auto& id : j.at("reported")) {
                ids.insert(id.get<std::string>());
            }
        } catch (const Json::exception& e) {
            throw Error(
                at(path, line_number) +
                "not a line of reported ids ({\"saved\": NAME, \"reported\": [IDS]}): " + e.what());
        }
    }
    return reported;
}

void SavedStore::save(const SavedSearches& searches) const {
    write_atomically(path_, format_saved_searches(searches));
}

void SavedStore::save_reported(const ReportedIds& reported) const {
    std::string out;
    for (const auto& [name, ids] : reported) {
        if (!ids.empty()) {
            out += dump_json(Json{{"saved", name}, {"reported", ids}}) + '\n';
        }
    }
    write_atomically(state_path(), out);
}

SavedStore::Lock::Lock(const SavedStore& store) {
    std::string path = store.path() + ".lock";
    fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd_ < 0) {
        throw Error("cannot open lock file " + path + ": " + errno_text());
    }
    while (flock(fd_, LOCK_EX) != 0) {
        if (errno != EINTR) {
            std::string reason = errno_text();
            close(fd_);
            throw Error("cannot lock " + path + ": " + reason);
        }
    }
}

SavedStore::Lock::~Lock() { close(fd_); }  // releases the flock

}  // namespace newsidx
