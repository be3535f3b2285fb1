#include "index/facets.h"

#include "index/schema.h"

namespace iran::index {
namespace {

template <typename Add>
void for_each_value(const std::string& joined, Add add) {
  std::size_t start = 0;
  while (start < joined.size()) {
    auto end = joined.find(schema::kFacetSeparator, start);
    if (end == std::string::npos) end = joined.size();
    if (end > start) add(joined.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  for_each_value(doc.get_value(slot_), [&](std::string value) { ++counts_[std::move(value)]; });
}

std::map<std::string, Xapian::doccount> split_counts(const Xapian::ValueCountMatchSpy& spy) {
  std::map<std::string, Xapian::doccount> counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const Xapian::doccount n = it.get_termfreq();
    for_each_value(*it, [&](std::string value) { counts[std::move(value)] += n; });
  }
  return counts;
}

FacetCounters::FacetCounters(const std::vector<Xapian::valueno>& slots, FacetLayout layout) {
  for (const auto slot : slots) {
    switch (layout) {
      case FacetLayout::Local: local_.push_back(std::make_unique<FacetSpy>(slot)); break;
      case FacetLayout::AllRemote: remote_.push_back(std::make_unique<ServerValueCountSpy>(slot)); break;
      case FacetLayout::Mixed: remote_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot)); break;
    }
  }
}

void FacetCounters::attach(Xapian::Enquire& enquire) const {
  for (const auto& spy : local_) enquire.add_matchspy(spy.get());
  for (const auto& spy : remote_) enquire.add_matchspy(spy.get());
}

std::map<std::string, Xapian::doccount> FacetCounters::counts(std::size_t i) const {
  return local_.empty() ? split_counts(*remote_.at(i)) : local_.at(i)->counts();
}

}  // namespace iran::index
