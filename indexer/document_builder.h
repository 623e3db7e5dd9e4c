// Turns an Article into a Xapian document following common/schema.h.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "common/article.h"
#include "common/text_analyzer.h"

namespace newsidx {

/// Every term, value and the document data (the article as JSON) for one article. Words
/// are stemmed in the article's language; one that gives none gets detect_language()'s,
/// which the data records.
/// Sections are separated by a gap in positions so a phrase never spans two of them.
/// Uses `analyzer`, so it shares its thread-safety: one call at a time per analyzer.
Xapian::Document build_document(const Article& article, TextAnalyzer& analyzer);

/// The words of a built document that go into the database's spelling table (each once: a
/// word's spelling frequency is the number of articles holding it): its unprefixed,
/// unstemmed terms, without those holding a digit.
std::vector<std::string> spelling_words(const Xapian::Document& doc);

}  // namespace newsidx
