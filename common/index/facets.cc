#include "index/facets.h"

#include <algorithm>
#include <numeric>

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

namespace {

// Each value of a joined value list once, through `aliases` when given (a discovered
// person's other spellings are one value, counted once per document).
template <typename Fn>
void for_each_value(std::string_view joined, const FacetAliases* aliases, std::vector<std::string_view>& seen, Fn&& fn) {
  seen.clear();
  std::size_t start = 0;
  while (start < joined.size()) {
    auto end = joined.find(schema::kFacetSeparator, start);
    if (end == std::string_view::npos) end = joined.size();
    std::string_view value = joined.substr(start, end - start);
    start = end + 1;
    if (value.empty()) continue;
    if (aliases) {
      if (const auto a = aliases->find(value); a != aliases->end()) value = a->second;
      if (std::find(seen.begin(), seen.end(), value) != seen.end()) continue;
      seen.push_back(value);
    }
    fn(value);
  }
}

}  // namespace

void FacetSpy::count(std::string_view joined) {
  for_each_value(joined, aliases_, seen_, [this](std::string_view value) {
    auto it = counts_.find(value);
    if (it == counts_.end()) counts_.emplace(std::string(value), 1);
    else ++it->second;
  });
}

void add_joined(std::string_view joined, Xapian::doccount n, const FacetAliases* aliases,
                std::map<std::string, Xapian::doccount>& out) {
  std::vector<std::string_view> seen;
  for_each_value(joined, aliases, seen, [&](std::string_view value) { out[std::string(value)] += n; });
}

void JoinedCounts::add(std::string_view joined, Xapian::doccount n) {
  for_each_value(joined, aliases_, seen_, [&](std::string_view value) { counts_[value] += n; });
}

std::map<std::string, Xapian::doccount> JoinedCounts::result() const {
  std::map<std::string, Xapian::doccount> out;
  for (const auto& [value, n] : counts_) out.emplace(std::string(value), n);
  return out;
}

ValueCounts JoinedCounts::views() const {
  ValueCounts out(counts_.begin(), counts_.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

SplitValues::SplitValues(const std::vector<std::string_view>& joined, const FacetAliases* aliases) {
  std::unordered_map<std::string_view, std::uint32_t> index;
  std::vector<std::string_view> seen;
  begin_.reserve(joined.size() + 1);
  begin_.push_back(0);
  for (const auto& j : joined) {
    for_each_value(j, aliases, seen, [&](std::string_view value) {
      const auto [it, added] = index.emplace(value, static_cast<std::uint32_t>(values_.size()));
      if (added) values_.push_back(value);
      parts_.push_back(it->second);
    });
    begin_.push_back(static_cast<std::uint32_t>(parts_.size()));
  }
  // The single values in order: counts() gives them so without sorting.
  std::vector<std::uint32_t> by_value(values_.size());
  std::iota(by_value.begin(), by_value.end(), 0u);
  std::sort(by_value.begin(), by_value.end(), [&](std::uint32_t a, std::uint32_t b) { return values_[a] < values_[b]; });
  std::vector<std::uint32_t> rank(values_.size());
  std::vector<std::string_view> sorted(values_.size());
  for (std::uint32_t r = 0; r < by_value.size(); ++r) {
    rank[by_value[r]] = r;
    sorted[r] = values_[by_value[r]];
  }
  for (auto& part : parts_) part = rank[part];
  values_ = std::move(sorted);
}

ValueCounts SplitValues::counts(const std::vector<Xapian::doccount>& by_id) const {
  std::vector<Xapian::doccount> sums(values_.size(), 0);
  const std::size_t ids = std::min(by_id.size(), begin_.size());
  for (std::size_t id = 1; id < ids; ++id) {
    const Xapian::doccount n = by_id[id];
    if (n == 0) continue;
    for (std::uint32_t k = begin_[id - 1]; k < begin_[id]; ++k) sums[parts_[k]] += n;
  }
  ValueCounts out;
  for (std::size_t v = 0; v < values_.size(); ++v)
    if (sums[v] > 0) out.emplace_back(values_[v], sums[v]);
  return out;
}

std::map<std::string, Xapian::doccount> split_counts(const Xapian::ValueCountMatchSpy& spy, const FacetAliases* aliases) {
  std::map<std::string, Xapian::doccount> counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) add_joined(*it, it.get_termfreq(), aliases, counts);
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

std::vector<Xapian::MatchSpy*> FacetCounters::spies() const {
  std::vector<Xapian::MatchSpy*> out;
  for (const auto& spy : local_) out.push_back(spy.get());
  for (const auto& spy : remote_) out.push_back(spy.get());
  return out;
}

void FacetCounters::attach(Xapian::Enquire& enquire) const {
  for (auto* spy : spies()) enquire.add_matchspy(spy);
}

void FacetCounters::set_aliases(std::size_t i, const FacetAliases* aliases) {
  aliases_[i] = aliases;
  if (i < local_.size()) local_[i]->set_aliases(aliases);
}

std::map<std::string, Xapian::doccount> FacetCounters::counts(std::size_t i) const {
  if (local_.empty()) {
    const auto a = aliases_.find(i);
    return split_counts(*remote_.at(i), a == aliases_.end() ? nullptr : a->second);
  }
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
