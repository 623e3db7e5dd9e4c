#include "indexer/synonyms.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "common/error.h"
#include "common/schema.h"
#include "common/utf8.h"

namespace newsidx {

SynonymFile read_synonyms(const std::string& path, TextAnalyzer& analyzer) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error("cannot open synonyms file " + path + ": " + std::strerror(errno));
    }
    SynonymFile file;
    std::string line;
    for (size_t line_no = 1; std::getline(in, line); ++line_no) {
        size_t start = line.find_first_not_of(" \t\r");
        if (start == std::string::npos || line[start] == '#') {
            continue;
        }
        if (find_invalid_utf8(line)) {
            file.problems.push_back({path, line_no, "invalid UTF-8", {}});
            continue;
        }
        std::vector<std::string> group;
        bool too_long = false;
        for (size_t b = 0; b <= line.size();) {
            size_t e = std::min(line.find('=', b), line.size());
            auto tokens = analyzer.tokenize(std::string_view(line).substr(b, e - b));
            too_long |= tokens.size() > kMaxSynonymWords;
            std::string member;
            for (const auto& token : tokens) {
                member += (member.empty() ? "" : " ") + token.term;
            }
            if (!member.empty()) {
                group.push_back(std::move(member));
            }
            b = e + 1;
        }
        if (too_long) {
            file.problems.push_back({path, line_no, "synonym too long",
                                     "(at most " + std::to_string(kMaxSynonymWords) + " words)"});
            continue;
        }
        if (group.size() < 2) {
            file.problems.push_back(
                {path, line_no, "not a synonym group", "(want: word = other words = ...)"});
            continue;
        }
        file.groups.push_back(std::move(group));
    }
    if (in.bad()) {
        throw Error("cannot read synonyms file " + path + ": " + std::strerror(errno));
    }
    return file;
}

void store_synonyms(Xapian::WritableDatabase& db,
                    const std::vector<std::vector<std::string>>& groups) {
    std::vector<std::string> old_keys(db.synonym_keys_begin(), db.synonym_keys_end());
    for (const auto& key : old_keys) {
        db.clear_synonyms(key);
    }
    for (const auto& group : groups) {
        for (const auto& key : group) {
            for (const auto& synonym : group) {
                if (synonym != key) {
                    db.add_synonym(key, synonym);
                }
            }
        }
    }
}

}  // namespace newsidx
