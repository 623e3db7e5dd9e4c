#include "indexer/maintenance.h"

#include <algorithm>
#include <filesystem>

#include <xapian.h>

#include "common/database_open.h"
#include "common/error.h"
#include "common/json.h"
#include "common/schema.h"
#include "common/utf8.h"
#include "indexer/shards.h"
#include "indexer/source_state.h"

namespace newsidx {

namespace fs = std::filesystem;

namespace {

// The layout of the newsidx database (single or sharded) at `path`; never creates one.
ShardLayout require_database(const std::string& path) {
    std::optional<ShardLayout> layout = layout_at(path);
    std::error_code ec;
    if (!layout || (!layout->sharded() && !fs::exists(fs::path(path) / "iamglass", ec))) {
        throw no_database_error(path);
    }
    return *layout;
}

std::optional<std::string> date_of_value(const std::string& value) {
    if (value.empty()) {
        return std::nullopt;
    }
    auto days = static_cast<long>(Xapian::sortable_unserialise(value));
    return Date::from_days_since_epoch(days).iso();
}

// Opens every database of the archive for writing, holding their locks as a build does.
WritableArchive open_for_writing(const std::string& path) {
    require_database(path);
    return WritableArchive(path, std::nullopt, false);  // or LockedError
}

}  // namespace

int run_stats(const std::string& db_path, bool json, std::ostream& out) {
    ShardLayout layout = require_database(db_path);
    // A sharded archive: its meta database and shards, by the names the layout gives, as the
    // writers open them; not through its stub, where a `remote :PROGRAM` line someone added
    // would run PROGRAM.
    Xapian::Database db;
    if (layout.sharded()) {
        db.add_database(Xapian::Database((fs::path(db_path) / kMetaName).string()));
        for (const auto& name : shard_names(db_path, layout)) {
            db.add_database(Xapian::Database((fs::path(db_path) / name).string()));
        }
    } else {
        db = Xapian::Database(db_path);
    }
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
    std::string last_build = db.get_metadata(std::string(kLastBuildKey));
    // The archive's own files: not what a killed compact left in it (the next writer
    // removes that).
    uint64_t size = 0;
    if (layout.sharded()) {
        std::error_code ec;
        size = fs::file_size(fs::path(db_path) / kStubFile, ec);
        size = (ec ? 0 : size) + folder_bytes((fs::path(db_path) / kMetaName).string());
    } else {
        size = folder_bytes(db_path);
    }
    struct Shard {
        std::string name;
        Xapian::doccount articles;
        uint64_t size;
    };
    std::vector<Shard> shards;
    for (const auto& name : shard_names(db_path, layout)) {
        std::string path = (fs::path(db_path) / name).string();
        shards.push_back({name, Xapian::Database(path).get_doccount(), folder_bytes(path)});
        size += shards.back().size;
    }

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
        j["layout"] = layout.sharded() ? layout.serialise() : "single";
        j["shards"] = Json::array();
        for (const auto& shard : shards) {
            j["shards"].push_back(
                {{"name", shard.name}, {"articles", shard.articles}, {"size_bytes", shard.size}});
        }
        out << dump_json(j) << '\n';
    } else {
        // The path and the category names come from the user and the articles: made safe
        // for the terminal, as everything printed from input is.
        out << "database        " << terminal_safe(db_path, Newlines::kReplace) << '\n'
            << "articles        " << db.get_doccount() << '\n'
            << "distinct terms  " << terms << '\n'
            << "published       " << first.value_or("-") << " .. " << last.value_or("-") << '\n'
            << "last build      " << (last_build.empty() ? "-" : last_build) << '\n'
            << "size on disk    " << size << " bytes\n"
            << "categories      ";
        // The largest few: an archive has hundreds (--format json lists them all).
        constexpr size_t kCategoriesShown = 10;
        for (size_t i = 0; i < std::min(categories.size(), kCategoriesShown); ++i) {
            out << (i ? ", " : "") << terminal_safe(categories[i].first, Newlines::kReplace) << " "
                << categories[i].second;
        }
        if (categories.size() > kCategoriesShown) {
            out << " (" << categories.size() - kCategoriesShown << " more)";
        }
        out << "\nlayout          " << layout.describe() << '\n';
        if (!shards.empty()) {
            out << "shards          ";
            for (size_t i = 0; i < shards.size(); ++i) {
                out << (i ? ", " : "") << shards[i].name << " " << shards[i].articles;
            }
            out << '\n';
        }
    }
    return kExitOk;
}

int run_rm(const std::string& db_path, const std::vector<std::string>& ids, std::ostream& out,
           std::ostream& err) {
    WritableArchive archive = open_for_writing(db_path);
    size_t removed = 0;
    for (const auto& id : ids) {
        std::string term = id_term(id);
        bool found = false;
        for (size_t k = 0; k < archive.size(); ++k) {
            Xapian::WritableDatabase& shard = archive.shard(k);
            for (auto doc = shard.postlist_begin(term); doc != shard.postlist_end(term); ++doc) {
                // The files it came from give one article fewer until they change: a build's
                // summary counts what the database holds.
                for (const auto& source : source_terms_of(shard, *doc)) {
                    auto state = state_of_source_term(archive.meta(), source);
                    if (state && state->articles > 0) {
                        --state->articles;
                        save_source_state(archive.meta(), *state);
                    }
                }
                found = true;
            }
            if (shard.get_termfreq(term) > 0) {
                shard.delete_document(term);
            }
        }
        if (!found) {
            err << "newsidx: no article with id " << terminal_safe(id, Newlines::kReplace) << '\n';
            continue;
        }
        ++removed;
    }
    archive.commit();
    out << "removed " << removed << (removed == 1 ? " article" : " articles") << "; "
        << archive.doccount() << " in " << db_path << '\n';
    return removed > 0 ? kExitOk : kExitNoMatch;
}

int run_compact(const std::string& db_path, const std::vector<std::string>& only,
                std::ostream& out) {
    WritableArchive archive = open_for_writing(db_path);  // no build may write meanwhile
    std::vector<std::string> targets;
    if (!archive.layout().sharded()) {
        if (!only.empty()) {
            throw Error("database " + db_path + " has no shards");
        }
        targets.push_back(db_path);
    } else {
        // Each database of the archive on its own: compacting the stub would merge them.
        std::vector<std::string> names{std::string(kMetaName)};
        for (size_t k = 0; k < archive.size(); ++k) {
            names.push_back(archive.name(k));
        }
        for (const auto& name : only) {
            if (std::find(names.begin(), names.end(), name) == names.end()) {
                throw Error("database " + db_path + " has no shard " + name);
            }
        }
        for (const auto& name : names) {
            if (only.empty() || std::find(only.begin(), only.end(), name) != only.end()) {
                targets.push_back((fs::path(db_path) / name).string());
            }
        }
    }
    for (const auto& target : targets) {
        std::string fresh = target + std::string(kCompactingSuffix);
        uint64_t before = folder_bytes(target);
        // The copy is never larger than the database: refuse at once rather than fill the
        // disk (and every build's) with a copy that cannot be finished.
        uint64_t free = free_bytes(fresh);
        if (free < before) {
            throw Error("not enough free space to compact " + target + ": it needs up to " +
                        human_bytes(before) + ", and " + human_bytes(free) +
                        " are free on its file system");
        }
        try {
            Xapian::Database(target).compact(fresh);
            // Swap the folders in one step: a search opening the database sees one or the
            // other.
            archive.swap_in(target, fresh);
        } catch (...) {
            std::error_code ec;
            fs::remove_all(fresh, ec);  // a full disk: the space back at once
            throw;
        }
        fs::remove_all(fresh);  // now the old one, still locked
        out << "compacted " << target << ": " << before << " -> " << folder_bytes(target)
            << " bytes\n";
    }
    return kExitOk;
}

}  // namespace newsidx
