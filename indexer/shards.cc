#include "indexer/shards.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <unistd.h>

#include "common/atomic_file.h"
#include "common/database_open.h"
#include "common/hash.h"
#include "common/schema.h"

namespace newsidx {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kUndated = "undated";

std::string read_small_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// "shard-2019" or "shard-undated": a year shard's folder name.
bool is_year_shard(std::string_view name) {
    if (!name.starts_with(kShardPrefix)) {
        return false;
    }
    name.remove_prefix(kShardPrefix.size());
    return name == kUndated ||
           (name.size() == 4 &&
            std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

// A build killed while Xapian was creating the database at `path` leaves its lock file, empty
// tables and perhaps `v.tmp`, without `iamglass`, which Xapian then refuses to open, for ever.
// Empty tables hold nothing, so under our lock they are removed and the database is created
// again. A folder holding anything else (a table with content) is left to Xapian's error.
void remove_unfinished_creation(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_directory(path, ec) || fs::exists(path / "iamglass", ec)) {
        return;
    }
    std::vector<fs::path> debris;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
        fs::path name = entry.path().filename();
        bool debris_name = name == "flintlock" || name == "v.tmp" ||
                           (name.extension() == ".glass" && entry.file_size(ec) == 0);
        if (!debris_name || !entry.is_regular_file(ec)) {
            return;
        }
        debris.push_back(entry.path());
    }
    for (const auto& file : debris) {
        fs::remove(file, ec);
    }
}

// Opens one database of the archive for writing, creating it if missing, and checks its
// schema version. A new one gets it, and `layout` if not empty, in its first commit.
Xapian::WritableDatabase open_writable(const std::string& path, int flags,
                                       const std::string& layout = "") {
    Xapian::WritableDatabase db;
    remove_unfinished_creation(path);
    try {
        db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | flags);
    } catch (const Xapian::DatabaseLockError&) {
        // Xapian says "locked" also when its lock file cannot be opened for writing.
        for (const auto& where : {fs::path(path), fs::path(path) / "flintlock"}) {
            if (fs::exists(where) && access(where.c_str(), W_OK) != 0) {
                throw Error("cannot open database " + path +
                            " for writing: " + std::strerror(errno));
            }
        }
        throw LockedError(path);
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error("cannot open database " + path + ": " + e.get_msg());
    }
    check_schema(db, path);
    if (db.get_metadata(std::string(kSchemaKey)).empty()) {
        // Mark it ours at once, so a search during the first batch knows what it is.
        db.set_metadata(std::string(kSchemaKey), std::string(kSchemaVersion));
        if (!layout.empty()) {
            db.set_metadata(std::string(kLayoutKey), layout);
        }
        db.commit();
    }
    return db;
}

}  // namespace

std::string ShardLayout::serialise() const {
    switch (kind) {
        case Kind::kSingle:
            return "";
        case Kind::kHash:
            return "hash " + std::to_string(count);
        case Kind::kYear:
            return "year";
    }
    return "";
}

std::optional<ShardLayout> ShardLayout::unserialise(std::string_view text) {
    if (text == "year") {
        return by_year();
    }
    if (text.starts_with("hash ")) {
        text.remove_prefix(5);
        unsigned count = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
        if (ec == std::errc() && end == text.data() + text.size() && count > 0) {
            return hashed(count);
        }
    }
    return std::nullopt;
}

std::string ShardLayout::describe() const {
    switch (kind) {
        case Kind::kSingle:
            return "one database";
        case Kind::kHash:
            return std::to_string(count) + (count == 1 ? " shard" : " shards") + " by id hash";
        case Kind::kYear:
            return "shards by year";
    }
    return "";
}

std::string shard_name(const ShardLayout& layout, std::string_view id,
                       const std::optional<Date>& published) {
    switch (layout.kind) {
        case ShardLayout::Kind::kSingle:
            return "";
        case ShardLayout::Kind::kHash:
            return std::string(kShardPrefix) + std::to_string(content_hash(id) % layout.count);
        case ShardLayout::Kind::kYear:
            if (!published) {
                return std::string(kShardPrefix) + std::string(kUndated);
            }
            char year[16];
            std::snprintf(year, sizeof year, "%04d", published->year);
            return std::string(kShardPrefix) + year;
    }
    return "";
}

std::string stub_text(const std::vector<std::string>& shards) {
    std::string text = "# Written by newsidx build: the meta database, then the shards.\n";
    text += "auto " + std::string(kMetaName) + '\n';
    for (const auto& name : shards) {
        text += "auto " + name + '\n';
    }
    return text;
}

void write_stub(const fs::path& dir, const std::vector<std::string>& shards) {
    std::string text = stub_text(shards);
    fs::path file = dir / kStubFile;
    if (read_small_file(file) != text) {
        write_atomically(file.string(), text);
    }
}

std::optional<ShardLayout> layout_at(const std::string& path) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (!fs::exists(status)) {
        return std::nullopt;
    }
    if (!fs::is_directory(status)) {
        throw Error("cannot open database " + path + ": it is a file, not a database folder");
    }
    fs::path dir(path);
    if (fs::exists(dir / "iamglass", ec)) {
        return ShardLayout::single();
    }
    if (fs::exists(dir / kMetaName / "iamglass", ec)) {
        Xapian::Database meta((dir / kMetaName).string());
        std::string text = meta.get_metadata(std::string(kLayoutKey));
        if (auto layout = ShardLayout::unserialise(text)) {
            return layout;
        }
        // A first build killed before the meta database's first commit: built on.
        if (text.empty() && meta.get_metadata(std::string(kSchemaKey)).empty() &&
            meta.get_doccount() == 0 && !fs::exists(dir / kStubFile, ec)) {
            return std::nullopt;
        }
        throw not_newsidx_error(path);
    }
    if (fs::exists(dir / kStubFile, ec)) {
        throw Error(path + " is a stub database that newsidx did not make");
    }
    // What a build killed early leaves is built on; anything else is someone's folder, to
    // which Xapian would add its files.
    if (auto name = other_file_in(path)) {
        throw other_files_error(path, *name);
    }
    return std::nullopt;
}

std::vector<std::string> shard_names(const std::string& path, const ShardLayout& layout) {
    std::vector<std::string> names;
    if (layout.kind == ShardLayout::Kind::kHash) {
        for (unsigned k = 0; k < layout.count; ++k) {
            names.push_back(std::string(kShardPrefix) + std::to_string(k));
        }
    } else if (layout.kind == ShardLayout::Kind::kYear) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(path, ec)) {
            std::string name = entry.path().filename().string();
            if (entry.is_directory(ec) && is_year_shard(name)) {
                names.push_back(name);
            }
        }
        std::sort(names.begin(), names.end());  // by year; "undated" sorts after digits
    }
    return names;
}

WritableArchive::WritableArchive(const std::string& path, std::optional<ShardLayout> layout,
                                 bool wait)
    : path_(path), lock_(path, wait), flags_(wait ? Xapian::DB_RETRY_LOCK : 0) {
    std::optional<ShardLayout> on_disk = layout_at(path);
    if (on_disk && layout && *on_disk != *layout) {
        if (!on_disk->sharded()) {
            throw Error("database " + path +
                        " is one database, not shards: build the shards into a new folder");
        }
        throw Error("database " + path + " has " + on_disk->describe() + ", not " +
                    layout->describe() + ": build into a new folder to change that");
    }
    layout_ = on_disk ? *on_disk : layout.value_or(ShardLayout::single());
    if (!layout_.sharded()) {
        meta_ = open_writable(path_, flags_);
        shards_.push_back(std::make_unique<Xapian::WritableDatabase>(meta_));  // the same one
        names_.push_back(path_);
        remove_leftovers();
        return;
    }
    fs::path dir(path_);
    // The stub is written last: without it, the archive was being made when a build stopped.
    bool complete = fs::exists(dir / kStubFile);
    fs::create_directories(dir);
    meta_ = open_writable((dir / kMetaName).string(), flags_, layout_.serialise());
    for (const auto& name : shard_names(path_, layout_)) {
        if (complete && !fs::exists(dir / name)) {
            throw Error("shard " + (dir / name).string() + " is missing");
        }
        open_shard(name);
    }
    write_stub(dir, names_);
    remove_leftovers();
}

// We hold the lock, so no compact or import is using these.
void WritableArchive::remove_leftovers() {
    std::error_code ec;
    for (const auto& db : database_paths()) {
        fs::remove_all(db + std::string(kCompactingSuffix), ec);
    }
    fs::remove_all(path_ + std::string(kImportSuffix), ec);
}

std::vector<std::string> WritableArchive::database_paths() const {
    if (!layout_.sharded()) {
        return {path_};
    }
    std::vector<std::string> paths{(fs::path(path_) / kMetaName).string()};
    for (const auto& name : names_) {
        paths.push_back((fs::path(path_) / name).string());
    }
    return paths;
}

void WritableArchive::swap_in(const std::string& database, const std::string& fresh) {
    std::vector<std::string> paths = database_paths();
    auto at = std::find(paths.begin(), paths.end(), database);
    if (at == paths.end()) {
        throw Error(database + " is not a database of " + path_);
    }
    // 0: the meta database (or the only one), k + 1: shard k.
    auto index = static_cast<size_t>(at - paths.begin());
    Xapian::WritableDatabase& db = layout_.sharded() && index > 0 ? *shards_[index - 1] : meta_;
    db.close();
    if (layout_.sharded()) {
        swap_folders(fresh, database);  // inside the archive's folder, which we hold locked
    } else {
        lock_.swap_in(fresh);
    }
    db = open_writable(database, flags_);
    if (!layout_.sharded()) {
        *shards_[0] = meta_;
    }
}

WritableArchive::WritableArchive(Xapian::WritableDatabase db) : meta_(db) {
    meta_.set_metadata(std::string(kSchemaKey), std::string(kSchemaVersion));
    shards_.push_back(std::make_unique<Xapian::WritableDatabase>(db));
    names_.push_back("");
}

size_t WritableArchive::open_shard(const std::string& name) {
    shards_.push_back(std::make_unique<Xapian::WritableDatabase>(
        open_writable((fs::path(path_) / name).string(), flags_)));
    names_.push_back(name);
    return shards_.size() - 1;
}

size_t WritableArchive::shard_for(const Article& article) {
    if (!layout_.sharded()) {
        return 0;
    }
    std::string name = shard_name(layout_, article.id, article.published);
    auto it = std::find(names_.begin(), names_.end(), name);
    if (it != names_.end()) {
        return static_cast<size_t>(it - names_.begin());
    }
    size_t k = open_shard(name);
    std::vector<std::string> listed = names_;
    std::sort(listed.begin(), listed.end());
    write_stub(path_, listed);
    return k;
}

Xapian::doccount WritableArchive::doccount() {
    Xapian::doccount total = 0;
    for (auto& shard : shards_) {
        total += shard->get_doccount();
    }
    return total;
}

void WritableArchive::commit() {
    for (auto& shard : shards_) {
        shard->commit();
    }
    if (layout_.sharded()) {
        meta_.commit();
    }
}

void WritableArchive::close() {
    for (auto& shard : shards_) {
        shard->close();
    }
    meta_.close();
}

}  // namespace newsidx
