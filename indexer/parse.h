// `newsidx parse`: what the readers understand of each input, as JSON lines.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace newsidx {

/// Prints what the readers understood of each input: one JSON object per line.
/// Returns kExitOk if every article parsed, kExitError otherwise.
int run_parse(const std::vector<std::string>& inputs, size_t max_article_bytes, std::ostream& out,
              std::ostream& err);

}  // namespace newsidx
