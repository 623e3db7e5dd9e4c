// `newsidx search ...`: hands over to the separate, read-only newsidx-search binary.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <unistd.h>
#include <vector>

#include "common/error.h"
#include "indexer/commands.h"

namespace newsidx {

int exec_searcher(std::vector<char*> args) {
    std::string name = "newsidx-search";
    args.insert(args.begin(), name.data());
    args.push_back(nullptr);
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        std::string beside = (self.parent_path() / name).string();
        execv(beside.c_str(), args.data());
    }
    execvp(name.c_str(), args.data());
    std::cerr << "newsidx: cannot run " << name << ": " << std::strerror(errno) << '\n';
    return kExitError;
}

}  // namespace newsidx
