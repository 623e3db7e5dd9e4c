#include "searcher/facets.h"

#include <algorithm>

#include "common/date.h"
#include "common/schema.h"

namespace newsidx {

FacetSpy::FacetSpy(std::vector<std::string> names) : names_(std::move(names)) {}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    for (const auto& name : names_) {
        auto& counts = counts_[name];
        if (name == "category" || name == "dateline") {
            std::string value = doc.get_value(name == "category" ? kCategoryValue : kDatelineValue);
            if (!value.empty()) {
                ++counts[value];
            }
        } else if (name == "author") {
            std::string authors = doc.get_value(kAuthorsValue);
            size_t start = 0;
            while (start < authors.size()) {
                size_t end = authors.find(kValueSeparator, start);
                if (end == std::string::npos) {
                    end = authors.size();
                }
                ++counts[authors.substr(start, end - start)];
                start = end + 1;
            }
        } else {  // year, month
            std::string published = doc.get_value(kPublished);
            if (!published.empty()) {
                auto days = static_cast<long>(Xapian::sortable_unserialise(published));
                std::string iso = Date::from_days_since_epoch(days).iso();
                ++counts[iso.substr(0, name == "year" ? 4 : 7)];
            }
        }
    }
}

Facets FacetSpy::result() const {
    Facets facets;
    for (const auto& name : names_) {
        std::vector<FacetValue> values;
        if (auto it = counts_.find(name); it != counts_.end()) {
            for (const auto& [value, count] : it->second) {
                values.push_back({value, count});
            }
        }
        std::stable_sort(values.begin(), values.end(),
                         [](const auto& a, const auto& b) { return a.count > b.count; });
        facets.emplace_back(name, std::move(values));
    }
    return facets;
}

}  // namespace newsidx
