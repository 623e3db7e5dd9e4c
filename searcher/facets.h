// Counts of field values over every article a query matches (not just the page shown).
#pragma once

#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/schema.h"

namespace newsidx {

/// The names of the facets a user can ask for (schema.h, kFacets).
inline constexpr auto kFacetNames = [] {
    std::array<std::string_view, std::size(kFacets)> names;
    for (size_t i = 0; i < names.size(); ++i) {
        names[i] = kFacets[i].name;
    }
    return names;
}();

struct FacetValue {
    std::string value;
    Xapian::doccount count = 0;
};

/// Facet name -> its values, most frequent first (then by value), in the order asked.
using Facets = std::vector<std::pair<std::string, std::vector<FacetValue>>>;

/// Counts the values of the asked facets from the value slots of each matching document
/// (schema.h), with Xapian's own ValueCountMatchSpy: the remote backend runs it on each
/// server and adds up the counts, which a MatchSpy of ours could not do (xapian-tcpsrv
/// knows only Xapian's). Authors, years and months are derived from the counts of the
/// slots' values. Attach it, then ask for every match (check_at_least = the number of
/// documents) so that the counts are exact.
class FacetSpy {
  public:
    /// `names` must be from kFacetNames (the command line checks).
    explicit FacetSpy(std::vector<std::string> names);
    void attach(Xapian::Enquire& enquire);

    /// The counts, each facet's values sorted by count (most first), then value.
    Facets result() const;

  private:
    std::vector<std::string> names_;
    std::map<Xapian::valueno, std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;
};

}  // namespace newsidx
