// A database of corpus/ (and the seeds when present), built once by the real pipeline.
#pragma once

#include <memory>
#include <sstream>

#include "indexer/build.h"
#include "test_util.h"

namespace newsidx::test {

/// The path of the database; built on first use, removed at exit.
inline const std::filesystem::path& corpus_db() {
    static std::unique_ptr<TempDir> dir;
    static std::filesystem::path db;
    if (!dir) {
        dir = std::make_unique<TempDir>();
        db = *dir / "db";
        BuildOptions opts;
        opts.db_path = db.string();
        opts.inputs.push_back(corpus_dir().string());
        if (std::filesystem::is_directory(seeds_dir())) {
            opts.inputs.push_back(seeds_dir().string());
        }
        std::ostringstream out, err;
        if (run_build(opts, out, err) != 0) {
            throw std::runtime_error("building the corpus failed: " + err.str());
        }
    }
    return db;
}

}  // namespace newsidx::test
