#include "index/facets.h"

#include "index/schema.h"

namespace iran::index {

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  const std::string joined = doc.get_value(slot_);
  std::size_t start = 0;
  while (start < joined.size()) {
    auto end = joined.find(schema::kFacetSeparator, start);
    if (end == std::string::npos) end = joined.size();
    if (end > start) ++counts_[joined.substr(start, end - start)];
    start = end + 1;
  }
}

}  // namespace iran::index
