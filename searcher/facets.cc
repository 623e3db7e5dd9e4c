#include "searcher/facets.h"

#include <algorithm>

#include "common/date.h"
#include "common/schema.h"

namespace newsidx {

namespace {

// The slot a facet is counted from.
Xapian::valueno slot_of(const std::string& name) {
    if (name == "category") {
        return kCategoryValue;
    }
    if (name == "dateline") {
        return kDatelineValue;
    }
    if (name == "author") {
        return kAuthorsValue;
    }
    if (name == "language") {
        return kLanguageValue;
    }
    return kPublished;  // year, month
}

}  // namespace

FacetSpy::FacetSpy(std::vector<std::string> names) : names_(std::move(names)) {
    for (const auto& name : names_) {
        Xapian::valueno slot = slot_of(name);
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
        const Xapian::ValueCountMatchSpy& spy = *spies_.at(slot_of(name));
        std::map<std::string, Xapian::doccount> counts;
        for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
            const std::string& value = *it;
            Xapian::doccount count = it.get_termfreq();
            if (name == "author") {  // the authors joined by kValueSeparator
                size_t start = 0;
                while (start < value.size()) {
                    size_t end = std::min(value.find(kValueSeparator, start), value.size());
                    counts[value.substr(start, end - start)] += count;
                    start = end + 1;
                }
            } else if (name == "year" || name == "month") {
                auto days = static_cast<long>(Xapian::sortable_unserialise(value));
                std::string iso = Date::from_days_since_epoch(days).iso();
                counts[iso.substr(0, name == "year" ? 4 : 7)] += count;
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
