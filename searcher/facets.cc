#include "searcher/facets.h"

#include <algorithm>

#include "common/date.h"
#include "common/schema.h"

namespace newsidx {

FacetSpy::FacetSpy(std::vector<std::string> names) : names_(std::move(names)) {
    for (const auto& name : names_) {
        Xapian::valueno slot = find_facet(name)->slot;
        if (!spies_.count(slot)) {
            spies_[slot] = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
        }
    }
}

void FacetSpy::attach(Xapian::Enquire& enquire) {
    for (auto& [slot, spy] : spies_) {
        enquire.add_matchspy(spy.get());
    }
}

Facets FacetSpy::result() const {
    Facets facets;
    for (const auto& name : names_) {
        const Facet& facet = *find_facet(name);
        const Xapian::ValueCountMatchSpy& spy = *spies_.at(facet.slot);
        std::map<std::string, Xapian::doccount> counts;
        for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
            const std::string& value = *it;
            Xapian::doccount count = it.get_termfreq();
            if (facet.values == FacetValues::kSplit) {
                size_t start = 0;
                while (start < value.size()) {
                    size_t end = std::min(value.find(kValueSeparator, start), value.size());
                    counts[value.substr(start, end - start)] += count;
                    start = end + 1;
                }
            } else if (facet.values != FacetValues::kAsStored) {  // a year or month
                auto days = static_cast<long>(Xapian::sortable_unserialise(value));
                std::string iso = Date::from_days_since_epoch(days).iso();
                counts[iso.substr(0, facet.values == FacetValues::kYear ? 4 : 7)] += count;
            } else {
                counts[value] += count;
            }
        }
        std::vector<FacetValue> values;
        for (const auto& [value, count] : counts) {
            values.push_back({value, count});
        }
        std::stable_sort(values.begin(), values.end(),
                         [](const auto& a, const auto& b) { return a.count > b.count; });
        facets.emplace_back(name, std::move(values));
    }
    return facets;
}

}  // namespace newsidx
