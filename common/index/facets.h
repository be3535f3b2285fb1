// Exact facet counts over the whole match set, for facets with several values per
// document (an article names many countries). Xapian's ValueCountMatchSpy counts one
// value per slot, so each facet slot holds its values joined by kFacetSeparator and
// this spy counts every one of them.
#pragma once

#include <xapian.h>

#include <map>
#include <string>

namespace iran::index {

class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(Xapian::valueno slot) : slot_(slot) {}

  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override { return new FacetSpy(slot_); }
  std::string name() const override { return "iran.FacetSpy"; }

  // value → number of matching documents that carry it
  const std::map<std::string, Xapian::doccount>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, Xapian::doccount> counts_;
};

}  // namespace iran::index
