#include "indexer/maintenance.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <stdio.h>

#include <xapian.h>

#include "common/error.h"
#include "common/json.h"
#include "common/schema.h"

namespace newsidx {

namespace fs = std::filesystem;

namespace {

void require_database(const std::string& path) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
        throw Error("no database at " + path);
    }
}

uint64_t folder_size(const std::string& path) {
    uint64_t total = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
        if (entry.is_regular_file(ec)) {
            total += entry.file_size(ec);
        }
    }
    return total;
}

std::optional<std::string> date_of_value(const std::string& value) {
    if (value.empty()) {
        return std::nullopt;
    }
    auto days = static_cast<long>(Xapian::sortable_unserialise(value));
    return Date::from_days_since_epoch(days).iso();
}

// Locks the database for writing, as a build does.
Xapian::WritableDatabase open_for_writing(const std::string& path) {
    require_database(path);
    try {
        return Xapian::WritableDatabase(path, Xapian::DB_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
        throw Error("database " + path + " is locked by a build");
    }
}

}  // namespace

int run_stats(const std::string& db_path, bool json, std::ostream& out) {
    require_database(db_path);
    Xapian::Database db(db_path);
    check_schema(db, db_path);
    uint64_t terms = 0;
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
        ++terms;
    }
    std::vector<std::pair<std::string, Xapian::doccount>> categories;
    std::string prefix(kCategory.prefix);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        // The category as printed, from the first article that has it.
        auto doc = db.get_document(*db.postlist_begin(*t));
        auto name = Json::parse(doc.get_data()).value("category", (*t).substr(prefix.size()));
        categories.emplace_back(name, t.get_termfreq());
    }
    std::stable_sort(categories.begin(), categories.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    auto first = date_of_value(db.get_value_lower_bound(kPublished));
    auto last = date_of_value(db.get_value_upper_bound(kPublished));
    std::string last_build = db.get_metadata(kLastBuildKey);
    uint64_t size = folder_size(db_path);

    if (json) {
        Json j;
        j["database"] = db_path;
        j["articles"] = db.get_doccount();
        j["distinct_terms"] = terms;
        j["published_first"] = nullable_json(first);
        j["published_last"] = nullable_json(last);
        j["last_build"] = last_build.empty() ? Json(nullptr) : Json(last_build);
        j["size_bytes"] = size;
        j["categories"] = Json::array();
        for (const auto& [name, count] : categories) {
            j["categories"].push_back({{"value", name}, {"count", count}});
        }
        out << dump_json(j) << '\n';
    } else {
        out << "database        " << db_path << '\n'
            << "articles        " << db.get_doccount() << '\n'
            << "distinct terms  " << terms << '\n'
            << "published       " << first.value_or("-") << " .. " << last.value_or("-") << '\n'
            << "last build      " << (last_build.empty() ? "-" : last_build) << '\n'
            << "size on disk    " << size << " bytes\n"
            << "categories      ";
        for (size_t i = 0; i < categories.size(); ++i) {
            out << (i ? ", " : "") << categories[i].first << " " << categories[i].second;
        }
        out << '\n';
    }
    return kExitOk;
}

int run_rm(const std::string& db_path, const std::vector<std::string>& ids, std::ostream& out,
           std::ostream& err) {
    auto db = open_for_writing(db_path);
    size_t removed = 0;
    for (const auto& id : ids) {
        std::string term = id_term(id);
        if (db.get_termfreq(term) == 0) {
            err << "newsidx: no article with id " << id << '\n';
            continue;
        }
        db.delete_document(term);
        ++removed;
    }
    db.commit();
    out << "removed " << removed << (removed == 1 ? " article" : " articles") << "; "
        << db.get_doccount() << " in " << db_path << '\n';
    return removed > 0 ? kExitOk : kExitNoMatch;
}

int run_compact(const std::string& db_path, std::ostream& out) {
    auto lock = open_for_writing(db_path);  // no build may write meanwhile
    std::string fresh = db_path + ".compacting";
    fs::remove_all(fresh);
    uint64_t before = folder_size(db_path);
    Xapian::Database(db_path).compact(fresh);
    // Swap the folders in one step: a search opening the database sees one or the other.
    if (renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, db_path.c_str(), RENAME_EXCHANGE) != 0) {
        std::string reason = std::strerror(errno);
        fs::remove_all(fresh);
        throw Error("cannot swap in the compacted database: " + reason);
    }
    lock.close();
    fs::remove_all(fresh);  // now the old one
    out << "compacted " << db_path << ": " << before << " -> " << folder_size(db_path)
        << " bytes\n";
    return kExitOk;
}

}  // namespace newsidx
