// Counts of field values over every article a query matches (not just the page shown).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsidx {

/// The facets a user can ask for.
inline constexpr std::string_view kFacetNames[] = {"category", "dateline", "author", "year",
                                                   "month"};

struct FacetValue {
    std::string value;
    Xapian::doccount count = 0;
};

/// Facet name -> its values, most frequent first (then by value), in the order asked.
using Facets = std::vector<std::pair<std::string, std::vector<FacetValue>>>;

/// A Xapian MatchSpy that counts the values of the asked facets from the value slots of
/// each matching document (schema.h). Give it to Enquire::add_matchspy() and ask for every
/// match (check_at_least = the number of documents) so the counts are exact.
class FacetSpy : public Xapian::MatchSpy {
  public:
    /// `names` must be from kFacetNames (the command line checks).
    explicit FacetSpy(std::vector<std::string> names);
    void operator()(const Xapian::Document& doc, double weight) override;

    /// The counts, each facet's values sorted by count (most first), then value.
    Facets result() const;

  private:
    std::vector<std::string> names_;
    std::map<std::string, std::map<std::string, Xapian::doccount>> counts_;
};

}  // namespace newsidx
