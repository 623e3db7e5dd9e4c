#include "searcher/facets.h"

#include <gtest/gtest.h>

#include "common/article.h"
#include "common/text_analyzer.h"
#include "indexer/document_builder.h"

namespace newsidx {
namespace {

// Counts every facet over the articles of an in-memory database, as a search does.
Facets count_all(const std::vector<Article>& articles) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    TextAnalyzer analyzer;
    for (const auto& a : articles) {
        db.add_document(build_document(a, analyzer));
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    FacetSpy spy({std::begin(kFacetNames), std::end(kFacetNames)});
    spy.attach(enquire);
    enquire.get_mset(0, 0, db.get_doccount());
    return spy.result();
}

Article article(std::string id, std::string category, std::vector<std::string> authors,
                std::optional<Date> published, std::string language) {
    Article a;
    a.id = std::move(id);
    a.title = "A title";
    a.category = std::move(category);
    a.authors = std::move(authors);
    a.published = published;
    a.dateline = "ISTANBUL";
    a.language = std::move(language);
    return a;
}

std::string render(const std::vector<FacetValue>& values) {
    std::string s;
    for (const auto& v : values) {
        s += (s.empty() ? "" : ", ") + v.value + " " + std::to_string(v.count);
    }
    return s;
}

TEST(Facets, CountEachFacetFromItsSlotMostFrequentFirst) {
    Facets facets = count_all({
        article("a", "Energy", {"Ayşe Yılmaz", "Daniel Cho"}, Date{2025, 9, 4}, "tr"),
        article("b", "Energy", {"Daniel Cho"}, Date{2025, 10, 1}, "en"),
        article("c", "Asia - Pacific", {}, Date{2024, 1, 2}, "en"),
        article("d", "Energy", {"Ayşe Yılmaz"}, std::nullopt, "en"),
    });
    ASSERT_EQ(facets.size(), std::size(kFacetNames));
    std::map<std::string, std::string> by_name;
    for (const auto& [name, values] : facets) {
        by_name[name] = render(values);
    }
    EXPECT_EQ(by_name["category"], "Energy 3, Asia - Pacific 1");  // as printed
    EXPECT_EQ(by_name["author"], "Ayşe Yılmaz 2, Daniel Cho 2");   // each author of each
    EXPECT_EQ(by_name["dateline"], "ISTANBUL 4");
    EXPECT_EQ(by_name["language"], "en 3, tr 1");
    EXPECT_EQ(by_name["year"], "2025 2, 2024 1");  // undated articles are in no year
    EXPECT_EQ(by_name["month"], "2024-01 1, 2025-09 1, 2025-10 1");
}

}  // namespace
}  // namespace newsidx
