#include "searcher/saved_run.h"

#include <algorithm>
#include <cstdio>

#include "common/error.h"
#include "common/json.h"
#include "common/utf8.h"

namespace newsidx {

namespace {

std::string query_naming(const std::string& name) { return std::string(kSaved.name) + ':' + name; }

SavedSearch& find_search(SavedSearches& searches, const std::string& name) {
    check_saved_name(name);
    auto it = searches.find(name);
    if (it == searches.end()) {
        throw Error("no saved search named " + name);
    }
    return it->second;
}

// The values of a repeatable option; an empty one given alone clears it.
std::vector<std::string> non_empty(const std::vector<std::string>& values) {
    std::vector<std::string> kept;
    std::copy_if(values.begin(), values.end(), std::back_inserter(kept),
                 [](const std::string& v) { return !v.empty(); });
    return kept;
}

void apply(const SavedChange& change, SavedSearch& s) {
    if (change.query) {
        s.query = *change.query;
    }
    for (const SavedField* field : change.given) {
        field->set(s, non_empty(field->get(change.values)));
    }
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ", ") + item;
    }
    return out;
}

// What a saved search keeps besides its query, as (key, value) in the file's order.
std::vector<std::pair<std::string, std::string>> options_of(const SavedSearch& s) {
    std::vector<std::pair<std::string, std::string>> options;
    for (const auto& field : kSavedFields) {
        if (std::string value = join(field.get(s)); !value.empty()) {
            options.emplace_back(field.key, value);
        }
    }
    return options;
}

Json search_json(const std::string& name, const SavedSearch& s, size_t reported) {
    Json j;
    j["name"] = name;
    j["query"] = s.query;
    for (const auto& field : kSavedFields) {
        std::string key(field.key);
        std::vector<std::string> values = field.get(s);
        if (field.kind == SavedField::Kind::kList) {
            j[key] = values;
        } else if (values.empty()) {
            j[key] = Json();  // null: unset
        } else if (field.kind == SavedField::Kind::kLimit) {
            j[key] = *s.limit;
        } else {
            j[key] = values.front();
        }
    }
    j["reported"] = reported;
    return j;
}

size_t reported_count(const ReportedIds& reported, const std::string& name) {
    auto it = reported.find(name);
    return it == reported.end() ? 0 : it->second.size();
}

// list and show: JSON (one object a line), ids (names), or text.
void print_searches(const SearchOptions& opts, const SavedSearches& searches,
                    const std::vector<std::string>& names, const ReportedIds& reported, bool whole,
                    std::ostream& out) {
    size_t width = 0;
    for (const auto& name : names) {
        width = std::max(width, name.size());
    }
    for (const auto& name : names) {
        const SavedSearch& s = searches.at(name);
        switch (opts.format) {
            case Format::kJson:
            case Format::kJsonl:
                out << dump_json(search_json(name, s, reported_count(reported, name))) << '\n';
                break;
            case Format::kIds:
                out << name << '\n';
                break;
            case Format::kText:
                if (whole) {  // show: one line a key
                    auto line = [&](const std::string& key, const std::string& value) {
                        char label[16];
                        std::snprintf(label, sizeof label, "%-9s ", key.c_str());
                        out << label << terminal_safe(value) << '\n';
                    };
                    line("name", name);
                    line("query", s.query);
                    for (const auto& [key, value] : options_of(s)) {
                        line(key, value);
                    }
                    size_t n = reported_count(reported, name);
                    line("reported", std::to_string(n) + (n == 1 ? " article" : " articles"));
                } else {  // list: one line a search
                    std::string line = s.query;
                    for (const auto& [key, value] : options_of(s)) {
                        line += (line.empty() ? "" : " \u00B7 ") + key + ' ' + value;
                    }
                    out << name << std::string(width - name.size() + 2, ' ') << terminal_safe(line)
                        << '\n';
                }
                break;
        }
    }
}

// add and edit: the saved search must answer (a real date, no cycle, only known saved
// searches) before the file takes it. Returns its number of matches.
Xapian::doccount check_answers(const SearchOptions& opts, const SavedSearches& searches,
                               const std::string& name) {
    const SavedSearch& s = searches.at(name);
    if (s.empty()) {
        throw Error("nothing to search for: give saved search " + name +
                    " a query or a filter option");
    }
    Searcher searcher(opts.db_path, opts.searcher, lookup_in(searches));
    SearchRequest request;
    request.query = query_naming(name);
    return searcher.count(request);
}

int add_or_edit(const SearchOptions& opts, const SavedCommand& command, std::ostream& out) {
    check_saved_name(command.name);
    SavedStore store(saved_file_of(opts));
    SavedStore::Lock lock(store);
    SavedSearches searches = store.load();
    bool adding = command.verb == SavedVerb::kAdd;
    if (adding) {
        if (searches.contains(command.name)) {
            throw Error("saved search " + command.name +
                        " exists already: change it with saved edit");
        }
        apply(command.change, searches[command.name]);
    } else {
        if (command.change.empty()) {
            throw Error("nothing to change: give saved edit a query or options");
        }
        apply(command.change, find_search(searches, command.name));
    }
    Xapian::doccount matches = check_answers(opts, searches, command.name);
    store.save(searches);
    if (adding) {  // a name used before starts afresh
        ReportedIds reported = store.load_reported();
        if (reported.erase(command.name)) {
            store.save_reported(reported);
        }
    }
    out << (adding ? "added " : "changed ") << command.name << " (" << matches
        << (matches == 1 ? " match)" : " matches)") << '\n';
    return kExitOk;
}

int remove_search(const SearchOptions& opts, const SavedCommand& command) {
    SavedStore store(saved_file_of(opts));
    SavedStore::Lock lock(store);
    SavedSearches searches = store.load();
    find_search(searches, command.name);
    for (const auto& [other, s] : searches) {
        auto refs = saved_names_in(s.query);
        if (other != command.name &&
            std::find(refs.begin(), refs.end(), command.name) != refs.end()) {
            throw Error("saved search " + other + " uses " + query_naming(command.name) +
                        ": change or remove " + other + " first");
        }
    }
    searches.erase(command.name);
    store.save(searches);
    ReportedIds reported = store.load_reported();
    if (reported.erase(command.name)) {
        store.save_reported(reported);
    }
    return kExitOk;
}

int reset_reported(const SearchOptions& opts, const SavedCommand& command) {
    SavedStore store(saved_file_of(opts));
    SavedStore::Lock lock(store);
    SavedSearches searches = store.load();
    ReportedIds reported = store.load_reported();
    if (command.all) {
        reported.clear();
    } else {
        find_search(searches, command.name);
        reported.erase(command.name);
    }
    store.save_reported(reported);
    return kExitOk;
}

// The request a saved search makes: its query as saved:NAME (so that its filters apply to it
// alone), its sort, limit and facets unless the command line gives others, and the command
// line's filters on top.
SearchRequest request_for(const SearchOptions& opts, const SavedCommand& command,
                          const std::string& name, const SavedSearch& s) {
    const SavedChange& given = command.change;
    SearchRequest request = opts.request;
    request.query = query_naming(name);
    // New matches come newest first, all of them (up to a cap): a digest, not a ranking.
    request.sort = given.gives("sort") ? *given.values.sort
                   : command.only_new  ? Sort::kNewest
                                       : s.sort.value_or(Sort::kRelevance);
    request.limit = given.gives("limit") ? *given.values.limit
                    : command.only_new   ? kNewMatchesCap
                                         : s.limit.value_or(SearchRequest{}.limit);
    request.facets = given.gives("facets") ? given.values.facets : s.facets;
    return request;
}

int run_searches(const SearchOptions& opts, const SavedCommand& command, std::ostream& out,
                 std::ostream& err) {
    if (command.only_new && opts.request.offset != 0) {
        throw Error("--offset cannot be used with --new: new matches are all shown once");
    }
    SavedStore store(saved_file_of(opts));
    // --new reads, prints and remembers under the lock, so that two runs at once report
    // each article once between them.
    std::optional<SavedStore::Lock> lock;
    if (command.only_new) {
        lock.emplace(store);
    }
    SavedSearches searches = store.load();
    ReportedIds reported = command.only_new ? store.load_reported() : ReportedIds{};
    std::vector<std::string> names;
    if (command.all) {
        for (const auto& entry : searches) {
            names.push_back(entry.first);
        }
    } else {
        find_search(searches, command.name);
        names.push_back(command.name);
    }
    Searcher searcher(opts.db_path, opts.searcher, lookup_in(searches));
    auto printer = make_printer(opts.format, out, opts.layout);
    bool matched = false, failed = false, printed = false;
    ReportedIds newly;
    for (const auto& name : names) {
        SearchRequest request = request_for(opts, command, name, searches.at(name));
        if (command.only_new) {
            const auto& ids = reported[name];
            request.exclude.assign(ids.begin(), ids.end());
        }
        try {
            if (opts.count_only) {  // counts never mark anything reported
                Xapian::doccount total = searcher.count(request);
                out << (command.all ? name + '\t' : "") << total << '\n';
                matched |= total > 0;
                continue;
            }
            SearchResult result = searcher.search(request);
            result.saved = name;
            if (command.all && command.only_new && result.hits.empty()) {
                continue;  // a digest lists only the saved searches with news
            }
            if (opts.format == Format::kText && printed) {
                out << '\n';
            }
            printer->print(result);
            printed = true;
            matched |= result.total > 0;
            if (!command.only_new) {
                continue;
            }
            for (const auto& hit : result.hits) {
                newly[name].insert(hit.article.id);
            }
            if (!command.change.gives("limit") && result.total > result.hits.size()) {
                err << "newsidx-search: warning: saved search " << name << ": "
                    << result.hits.size() << " of " << result.total
                    << " new matches shown (the newest); the others come next run\n";
            }
        } catch (const QueryError& e) {
            if (!command.all) {
                throw;
            }
            err << "newsidx-search: " << terminal_safe(e.what(), Newlines::kReplace) << '\n';
            failed = true;
        }
    }
    // Only what the output took is reported: if it cannot be written, the same matches
    // come again next run.
    int status = finish_output(out, failed ? kExitError : matched ? kExitOk : kExitNoMatch);
    if (!newly.empty()) {
        for (auto& [name, ids] : newly) {
            reported[name].merge(ids);
        }
        store.save_reported(reported);
    }
    return status;
}

}  // namespace

int run_saved(const SearchOptions& opts, const SavedCommand& command, std::ostream& out,
              std::ostream& err) {
    switch (command.verb) {
        case SavedVerb::kAdd:
        case SavedVerb::kEdit:
            return add_or_edit(opts, command, out);
        case SavedVerb::kRm:
            return remove_search(opts, command);
        case SavedVerb::kReset:
            return reset_reported(opts, command);
        case SavedVerb::kRun:
            return run_searches(opts, command, out, err);
        case SavedVerb::kList:
        case SavedVerb::kShow:
            break;
    }
    SavedStore store(saved_file_of(opts));
    SavedSearches searches = store.load();
    ReportedIds reported = store.load_reported();
    std::vector<std::string> names;
    if (command.verb == SavedVerb::kShow) {
        find_search(searches, command.name);
        names.push_back(command.name);
    } else {
        for (const auto& entry : searches) {
            names.push_back(entry.first);
        }
    }
    print_searches(opts, searches, names, reported, command.verb == SavedVerb::kShow, out);
    return finish_output(out, names.empty() ? kExitNoMatch : kExitOk);
}

}  // namespace newsidx
