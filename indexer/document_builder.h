// Turns an Article into a Xapian document following common/schema.h.
#pragma once

#include <xapian.h>

#include "common/article.h"
#include "common/text_analyzer.h"

namespace newsidx {

/// Every term, value and the document data (the article as JSON) for one article.
/// Sections are separated by a gap in positions so a phrase never spans two of them.
/// Uses `analyzer`, so it shares its thread-safety: one call at a time per analyzer.
Xapian::Document build_document(const Article& article, TextAnalyzer& analyzer);

}  // namespace newsidx
