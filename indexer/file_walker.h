// Turns the paths given to `newsidx build` and `newsidx parse` into a list of input files.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/diagnostic.h"

namespace newsidx {

enum class InputKind {
    kText,   // one Anadolu Agency article per file (*.txt, or any file named explicitly)
    kJsonl,  // one article per line (*.jsonl, *.ndjson)
    kStdin,  // "-": JSON Lines from standard input
};

struct InputFile {
    std::string path;  // as given or as found under a folder given: used in messages
    std::string key;   // absolute, lexically normal path: the key of its indexing state
    InputKind kind = InputKind::kText;
    uint64_t size = 0;  // from stat(): with mtime_ns, tells a changed file from the same one
    int64_t mtime_ns = 0;
    bool named = false;  // given by name, not found in a folder given
};

struct WalkResult {
    std::vector<InputFile> files;      // sorted within each folder, folders in the order given
    std::vector<std::string> folders;  // the folders given, as keys (absolute, normal)
    std::vector<Diagnostic> problems;  // paths that do not exist or cannot be listed
    /// Keys of the paths (folders, or files given) that could not be read or stat()ed:
    /// whatever lies under them may still be there.
    std::vector<std::string> unreadable;
};

/// A file given by name is taken whatever its name; a folder is searched recursively for
/// "*.txt" and "*.jsonl", following no symbolic link to a folder (so a link loop cannot trap
/// it). "-" stands for standard input. What is neither a regular file nor a folder (a FIFO,
/// a device, also through a link) is refused with a problem: reading it could block or never
/// end. A folder that cannot be listed is a problem too, and listed in `unreadable`.
WalkResult walk_inputs(const std::vector<std::string>& paths);

/// The key of a path: absolute and lexically normal ("./corpus/../corpus/a.txt" and
/// "corpus/a.txt" give the same key from the same folder).
std::string path_key(const std::string& path);

}  // namespace newsidx
