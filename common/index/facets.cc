#include "index/facets.h"

#include "index/schema.h"

namespace iran::index {

FacetSpy::FacetSpy(Xapian::valueno slot, const Xapian::Database& db) : slot_(slot), db_(db) {}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  const Xapian::docid did = doc.get_docid();
  if (db_ && did > last_) {
    if (!stream_open_) {
      stream_ = db_->valuestream_begin(slot_);
      stream_open_ = true;
    }
    last_ = did;
    if (stream_ == db_->valuestream_end(slot_)) return;  // no document from here on has a value
    if (stream_.get_docid() < did) stream_.skip_to(did);
    if (stream_ != db_->valuestream_end(slot_) && stream_.get_docid() == did) count(*stream_);
    return;
  }
  count(doc.get_value(slot_));
}

void FacetSpy::count(std::string_view joined) {
  std::size_t start = 0;
  while (start < joined.size()) {
    auto end = joined.find(schema::kFacetSeparator, start);
    if (end == std::string_view::npos) end = joined.size();
    if (end > start) {
      const std::string_view value = joined.substr(start, end - start);
      auto it = counts_.find(value);
      if (it == counts_.end()) counts_.emplace(std::string(value), 1);
      else ++it->second;
    }
    start = end + 1;
  }
}

std::map<std::string, Xapian::doccount> split_counts(const Xapian::ValueCountMatchSpy& spy) {
  std::map<std::string, Xapian::doccount> counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::string joined = *it;
    const Xapian::doccount n = it.get_termfreq();
    std::size_t start = 0;
    while (start < joined.size()) {
      auto end = joined.find(schema::kFacetSeparator, start);
      if (end == std::string::npos) end = joined.size();
      if (end > start) counts[joined.substr(start, end - start)] += n;
      start = end + 1;
    }
  }
  return counts;
}

FacetCounters::FacetCounters(const std::vector<Xapian::valueno>& slots, FacetLayout layout,
                             const Xapian::Database* single) {
  for (const auto slot : slots) {
    switch (layout) {
      case FacetLayout::Local:
        local_.push_back(single ? std::make_unique<FacetSpy>(slot, *single) : std::make_unique<FacetSpy>(slot));
        break;
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
  if (local_.empty()) return split_counts(*remote_.at(i));
  const auto& c = local_.at(i)->counts();
  return {c.begin(), c.end()};
}

std::map<std::string, Xapian::doccount> FacetCounters::raw_counts(std::size_t i) const {
  std::map<std::string, Xapian::doccount> counts;
  const auto& spy = *remote_.at(i);
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) counts[*it] = it.get_termfreq();
  return counts;
}

}  // namespace iran::index
