// The stub format and the order of the checks follow Xapian 1.4.22's own opening
// (backends/dbfactory.cc: Database::Database(path); backends/databasehelpers.h:
// read_stub_file()), so that a database opens here exactly as it would there. Opening the
// parts ourselves, rather than checking the stub and then handing its path to Xapian, leaves
// no moment in which the stub could be replaced between the check and the open.
#include "common/database_open.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include "common/error.h"
#include "common/schema.h"

namespace newsidx {

namespace {

constexpr int kMaxStubDepth = 16;

bool file_exists(const std::string& path) {
    struct stat st {};
    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// Xapian's resolve_relative_path(): a relative path in a stub is relative to its folder.
std::string relative_to(std::string path, const std::string& stub) {
    if (path.empty() || path[0] != '/') {
        size_t slash = stub.rfind('/');
        if (slash != std::string::npos) {
            path.insert(0, stub, 0, slash + 1);
        }
    }
    return path;
}

class Opener {
  public:
    Opener(const OpenRules& rules, std::vector<PathIdentity>& sources)
        : rules_(rules), sources_(sources) {}

    Xapian::Database take() { return std::move(db_); }

    // Database(path): a single-file database or a stub file; a glass (or chert) folder or
    // one holding a stub, XAPIANDB.
    void open_path(const std::string& path, int depth) {
        struct stat st {};
        if (stat(path.c_str(), &st) == -1) {
            int error = errno;
            if (error == ENOENT) {
                throw Xapian::DatabaseNotFoundError("Couldn't stat '" + path + "'", error);
            }
            throw Xapian::DatabaseOpeningError("Couldn't stat '" + path + "'", error);
        }
        if (S_ISREG(st.st_mode)) {
            if (open_single_file(path)) {
                return;
            }
            open_stub(path, depth);
            return;
        }
        if (!S_ISDIR(st.st_mode)) {
            throw Xapian::DatabaseOpeningError("Not a regular file or directory: '" + path + "'");
        }
        if (file_exists(path + "/iamchert")) {
            add_local(path, Xapian::DB_BACKEND_CHERT);
            return;
        }
        if (file_exists(path + "/iamglass")) {
            add_local(path, Xapian::DB_BACKEND_GLASS);
            return;
        }
        if (file_exists(path + "/XAPIANDB")) {
            open_stub(path + "/XAPIANDB", depth);
            return;
        }
        if (file_exists(path + "/iamflint")) {
            throw Xapian::FeatureUnavailableError("Flint backend no longer supported");
        }
        throw Xapian::DatabaseNotFoundError("Couldn't detect type of database");
    }

  private:
    void add_local(const std::string& path, int backend) {
        sources_.push_back(identify(path));
        db_.add_database(Xapian::Database(path, backend));
    }

    // A single-file glass database, told by its magic as Xapian does; false if it is not one.
    bool open_single_file(const std::string& path) {
        int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            return false;  // Xapian then reads it as a stub, and says why it cannot
        }
        char magic[14];
        bool glass = pread(fd, magic, sizeof magic, 0) == sizeof magic &&
                     std::memcmp(magic, "\x0f\x0dXapian Glass", sizeof magic) == 0;
        if (!glass) {
            close(fd);
            return false;
        }
        sources_.push_back(identify(path));
        db_.add_database(Xapian::Database(fd));  // which closes fd when done
        return true;
    }

    // read_stub_file(), line by line, with the same parsing.
    void open_stub(const std::string& file, int depth) {
        if (depth >= kMaxStubDepth) {
            throw Xapian::DatabaseOpeningError(file + ": stub databases nested more than " +
                                               std::to_string(kMaxStubDepth) + " deep");
        }
        sources_.push_back(identify(file));
        std::ifstream stub(file);
        if (!stub) {
            throw Xapian::DatabaseNotFoundError("Couldn't open stub database file: " + file, errno);
        }
        std::string line;
        for (size_t line_no = 1; std::getline(stub, line); ++line_no) {
            if (line.empty() || line[0] == '#') {
                continue;
            }
            size_t space = std::min(line.find(' '), line.size());
            std::string type = line.substr(0, space);
            std::string rest = space < line.size() ? line.substr(space + 1) : "";
            if (!add_line(file, line_no, type, rest, depth)) {
                // As Xapian, without the line itself (it may be part of a file that is not a
                // stub at all).
                throw Xapian::DatabaseOpeningError(file + ':' + std::to_string(line_no) +
                                                   ": Bad line");
            }
        }
    }

    // One line of a stub: TYPE REST. False for a line Xapian would call bad.
    bool add_line(const std::string& file, size_t line_no, const std::string& type,
                  const std::string& rest, int depth) {
        if (type == "auto") {
            open_path(relative_to(rest, file), depth + 1);
            return true;
        }
        if (type == "glass" || type == "chert") {
            add_local(relative_to(rest, file),
                      type == "glass" ? Xapian::DB_BACKEND_GLASS : Xapian::DB_BACKEND_CHERT);
            return true;
        }
        if (type == "remote" && !rest.empty()) {
            if (rest[0] == ':') {
                add_program(file, line_no, rest);
                return true;
            }
            return add_tcp(rest);
        }
        if (type == "inmemory" && rest.empty()) {
            db_.add_database(Xapian::Database(std::string(), Xapian::DB_BACKEND_INMEMORY));
            return true;
        }
        if (type == "flint") {
            throw Xapian::FeatureUnavailableError("Flint backend no longer supported");
        }
        return false;
    }

    // "remote :PROGRAM ARGS": Xapian would run PROGRAM with ARGS as soon as it opened the
    // stub. A stub is a text file anyone may write into a folder they hand to others (a
    // shared archive, a download), so this runs only when the user says so.
    void add_program(const std::string& file, size_t line_no, const std::string& rest) {
        size_t space = rest.find(' ');
        std::string program = rest.substr(1, space == std::string::npos ? space : space - 1);
        std::string args = space == std::string::npos ? "" : rest.substr(space + 1);
        if (!rules_.allow_remote_program) {
            throw Error(file + ':' + std::to_string(line_no) + ": remote :" + program +
                        " would run that program: refused (give --allow-remote-program, or "
                        "allow_remote_program = true in the configuration file, to run it)");
        }
        db_.add_database(Xapian::Remote::open(program, args));
    }

    // "remote HOST:PORT" ("[::1]:7001"); false for a line Xapian would call bad.
    bool add_tcp(std::string rest) {
        size_t colon = rest.rfind(':');
        if (colon == std::string::npos || (rest[0] == '[' && rest.back() == ']')) {
            return false;
        }
        auto port = static_cast<unsigned>(std::atoi(rest.c_str() + colon + 1));
        rest.erase(colon);
        if (!rest.empty() && rest[0] == '[' && rest.back() == ']') {
            rest = rest.substr(1, rest.size() - 2);
        }
        db_.add_database(Xapian::Remote::open(rest, port));
        return true;
    }

    const OpenRules& rules_;
    std::vector<PathIdentity>& sources_;
    Xapian::Database db_;
};

}  // namespace

PathIdentity identify(const std::string& path) {
    PathIdentity id{path};
    struct stat st {};
    if (stat(path.c_str(), &st) == 0) {
        id.device = st.st_dev;
        id.inode = st.st_ino;
        id.exists = true;
    }
    return id;
}

std::vector<PathIdentity> identify_again(const std::vector<PathIdentity>& paths) {
    std::vector<PathIdentity> now;
    now.reserve(paths.size());
    for (const auto& p : paths) {
        now.push_back(identify(p.path));
    }
    return now;
}

Xapian::Database open_database_to_read(const std::string& path, const OpenRules& rules,
                                       std::vector<PathIdentity>& sources) {
    sources.clear();
    Opener opener(rules, sources);
    opener.open_path(path, 0);
    return opener.take();
}

Error no_database_error(const std::string& path) {
    return Error("no database at " + path + " (create one with: newsidx build --db " + path +
                 " FOLDER)");
}

Error other_files_error(const std::string& path, const std::string& name) {
    return Error(path + " is not a database but a folder of other files (" + name +
                 "): give --db a database, or a new or empty folder to build into");
}

Error not_newsidx_error(const std::string& path) {
    return Error(path +
                 " is not a newsidx database (another program made it): give --db a newsidx "
                 "database, or a new folder to build into");
}

void check_schema(const Xapian::Database& db, const std::string& path) {
    std::string schema = db.get_metadata(std::string(kSchemaKey));
    if (schema.empty() && db.get_doccount() > 0) {
        throw not_newsidx_error(path);
    }
    if (!schema.empty() && schema != kSchemaVersion) {
        throw Error(path + " was built by another version of newsidx (schema " + schema +
                    ", this one reads " + std::string(kSchemaVersion) +
                    "): remove it and build again");
    }
}

std::optional<std::string> other_file_in(const std::string& path) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
        std::string name = entry.path().filename().string();
        bool ours = name == "flintlock" || name == "iamglass" || name.ends_with(".glass") ||
                    name.ends_with(".tmp") || name == kMetaName || name.starts_with(kShardPrefix) ||
                    name == kStubFile;
        if (!ours) {
            return name;
        }
    }
    return std::nullopt;
}

}  // namespace newsidx
