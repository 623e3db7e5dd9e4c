// Turns the paths given to `newsidx build` and `newsidx parse` into a list of article files.
#pragma once

#include <string>
#include <vector>

#include "common/diagnostic.h"

namespace newsidx {

struct WalkResult {
    std::vector<std::string> files;    // in a stable order: sorted within each folder
    std::vector<Diagnostic> problems;  // paths that do not exist or cannot be listed
};

/// A file given by name is taken whatever its name; a folder is searched recursively for
/// "*.txt", following no symbolic links to folders (so a link loop cannot trap it).
WalkResult walk_inputs(const std::vector<std::string>& paths);

}  // namespace newsidx
