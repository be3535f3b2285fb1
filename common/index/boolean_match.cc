#include "index/boolean_match.h"

#include <algorithm>
#include <string>
#include <vector>

namespace iran::index {
namespace {

class Nothing : public DocStream {
 public:
  Xapian::docid next() override { return 0; }
  Xapian::docid skip_to(Xapian::docid) override { return 0; }
};

// A term's postings (the empty term: every document).
class Postings : public DocStream {
 public:
  Postings(const Xapian::Database& db, const std::string& term) : it_(db.postlist_begin(term)), end_(db.postlist_end(term)) {}
  Xapian::docid next() override {
    if (started_) ++it_;
    started_ = true;
    return it_ == end_ ? 0 : *it_;
  }
  Xapian::docid skip_to(Xapian::docid did) override {
    if (!started_) {
      started_ = true;
      it_.skip_to(did);
    } else if (it_ != end_ && *it_ < did) {
      it_.skip_to(did);
    }
    return it_ == end_ ? 0 : *it_;
  }

 private:
  Xapian::PostingIterator it_, end_;
  bool started_ = false;
};

using Streams = std::vector<std::unique_ptr<DocStream>>;

// Every document of all the streams (a linear scan for the smallest: a query has few).
class Union : public DocStream {
 public:
  explicit Union(Streams s) : s_(std::move(s)), at_(s_.size(), 0), live_(s_.size(), true) {}
  Xapian::docid next() override {
    if (!started_) {
      started_ = true;
      for (std::size_t i = 0; i < s_.size(); ++i) set(i, s_[i]->next());
    } else {
      for (std::size_t i = 0; i < s_.size(); ++i)
        if (live_[i] && at_[i] == current_) set(i, s_[i]->next());
    }
    return current_ = smallest();
  }
  Xapian::docid skip_to(Xapian::docid did) override {
    if (!started_) {
      started_ = true;
      for (std::size_t i = 0; i < s_.size(); ++i) set(i, s_[i]->skip_to(did));
    } else {
      for (std::size_t i = 0; i < s_.size(); ++i)
        if (live_[i] && at_[i] < did) set(i, s_[i]->skip_to(did));
    }
    return current_ = smallest();
  }

 private:
  void set(std::size_t i, Xapian::docid did) {
    at_[i] = did;
    live_[i] = did != 0;
  }
  Xapian::docid smallest() const {
    Xapian::docid best = 0;
    for (std::size_t i = 0; i < s_.size(); ++i)
      if (live_[i] && (best == 0 || at_[i] < best)) best = at_[i];
    return best;
  }
  Streams s_;
  std::vector<Xapian::docid> at_;
  std::vector<bool> live_;
  Xapian::docid current_ = 0;
  bool started_ = false;
};

// The documents every stream has: each in turn skips to the largest docid seen.
class Intersection : public DocStream {
 public:
  explicit Intersection(Streams s) : s_(std::move(s)) {}
  Xapian::docid next() override { return settle(s_[0]->next()); }
  Xapian::docid skip_to(Xapian::docid did) override { return settle(s_[0]->skip_to(did)); }

 private:
  Xapian::docid settle(Xapian::docid did) {
    while (did != 0) {
      bool agreed = true;
      for (std::size_t i = 1; i < s_.size(); ++i) {
        const Xapian::docid at = s_[i]->skip_to(did);
        if (at == 0) return 0;
        if (at != did) {
          did = s_[0]->skip_to(at);
          agreed = false;
          break;
        }
      }
      if (agreed) return did;
    }
    return 0;
  }
  Streams s_;
};

// The left stream's documents that the right one has not.
class Difference : public DocStream {
 public:
  Difference(std::unique_ptr<DocStream> left, std::unique_ptr<DocStream> right) : left_(std::move(left)), right_(std::move(right)) {}
  Xapian::docid next() override { return settle(left_->next()); }
  Xapian::docid skip_to(Xapian::docid did) override { return settle(left_->skip_to(did)); }

 private:
  Xapian::docid settle(Xapian::docid did) {
    while (did != 0) {
      if (!right_done_ && right_at_ < did) {
        right_at_ = right_->skip_to(did);
        right_done_ = right_at_ == 0;
      }
      if (right_done_ || right_at_ != did) return did;
      did = left_->next();
    }
    return 0;
  }
  std::unique_ptr<DocStream> left_, right_;
  Xapian::docid right_at_ = 0;
  bool right_done_ = false;
};

// nullptr: an operator not evaluated here.
std::unique_ptr<DocStream> build(const Xapian::Database& db, const Xapian::Query& q) {
  const auto type = q.get_type();
  switch (type) {
    case Xapian::Query::LEAF_MATCH_NOTHING: return std::make_unique<Nothing>();
    case Xapian::Query::LEAF_MATCH_ALL: return std::make_unique<Postings>(db, std::string());
    case Xapian::Query::LEAF_TERM: {
      const auto t = q.get_unique_terms_begin();
      if (t == q.get_unique_terms_end()) return nullptr;
      return std::make_unique<Postings>(db, *t);
    }
    case Xapian::Query::OP_SCALE_WEIGHT:
    case Xapian::Query::OP_AND_MAYBE:
      // The match of AND_MAYBE is its first side's; a scaled query matches as it is.
      if (q.get_num_subqueries() == 0) return nullptr;
      return build(db, q.get_subquery(0));
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_AND_NOT: {
      const std::size_t n = q.get_num_subqueries();
      if (n == 0) return nullptr;
      Streams s;
      s.reserve(n);
      for (std::size_t i = 0; i < n; ++i) {
        auto sub = build(db, q.get_subquery(i));
        if (!sub) return nullptr;
        s.push_back(std::move(sub));
      }
      if (s.size() == 1) return std::move(s[0]);
      if (type == Xapian::Query::OP_AND || type == Xapian::Query::OP_FILTER) return std::make_unique<Intersection>(std::move(s));
      if (type == Xapian::Query::OP_AND_NOT) {
        auto left = std::move(s[0]);
        s.erase(s.begin());
        auto right = s.size() == 1 ? std::move(s[0]) : std::make_unique<Union>(std::move(s));
        return std::make_unique<Difference>(std::move(left), std::move(right));
      }
      return std::make_unique<Union>(std::move(s));
    }
    default: return nullptr;
  }
}

}  // namespace

std::unique_ptr<DocStream> boolean_match(const Xapian::Database& db, const Xapian::Query& query) {
  if (query.empty()) return std::make_unique<Nothing>();
  return build(db, query);
}

}  // namespace iran::index
