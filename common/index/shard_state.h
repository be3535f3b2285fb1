// Moving an article between two shards as one update, on databases that commit apart.
//
// Xapian commits each database on its own: a searcher that opens shard A before a
// commit and shard B after one could see a moved article in both or in neither. So a
// batch of iranidx that moves articles (a date edited into another year, a file renamed
// into another hash bucket) commits in steps; each step is one atomic Xapian commit per
// shard that also writes the shard's protocol state (metadata kMetaLayoutState):
//
//   1. every shard taking part: the new copies, with the term XM+R (R names the batch),
//      the old copies marked XO+R, and "pend R" in the state;   searchers hide XM+R
//   2. one shard of them (the coordinator): "done R", fenced on every step-1 commit;
//      the one atomic moment of the move;                          searchers hide XO+R
//   3. every shard taking part: the XO+R copies deleted, "pend R" dropped, fenced on
//      the coordinator's step 2;
//   4. the coordinator drops "done R", fenced on every step 3.
//
// A batch is in flight while some shard says "pend R"; then searchers hide its XM+R
// documents until "done R" shows somewhere, and its XO+R documents after. Every commit
// raises the shard's sequence number, and a fence says "whoever sees this state must see
// shard S at sequence n or later": a searcher that opened S earlier reopens it
// (sequences only grow, so this ends). What it searches is then a state the writer
// passed through, and in each such state every moved article is visible exactly once.
// A run killed between steps is finished ("done R" committed: forward) or undone (not:
// the XM+R documents go, the XO+R marks with them) by the next run, under the build
// lock, before it changes anything else.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace iran::index {

struct ShardState {
  std::uint64_t seq = 0;
  std::map<std::string, std::uint64_t> fence;  // shard name → sequence it must be seen at
  std::set<std::string> pend;                  // batches in flight that touched this shard
  std::set<std::string> done;                  // batches this shard (their coordinator) revealed

  // "seq=4;fence=2021:3,2022:7;pend=R1;done=R2" (empty parts left out); decode accepts ""
  // (a shard that never took part) and ignores what it does not know.
  std::string encode() const;
  static ShardState decode(std::string_view text);
  bool operator==(const ShardState&) const = default;
};

// The terms a searcher must hide, given every shard's state: XM+R of batches in flight
// and not done, XO+R of batches in flight and done.
std::vector<std::string> hidden_terms(const std::vector<ShardState>& states);

// The shards (by name) that were opened at an older state than another shard's fence
// requires: reopen them. Fences naming shards not in `states` are returned in `unknown`.
std::vector<std::string> stale_shards(const std::map<std::string, ShardState>& states,
                                      std::vector<std::string>* unknown = nullptr);

// XM + batch, XO + batch.
std::string move_term(std::string_view batch);
std::string move_old_term(std::string_view batch);

}  // namespace iran::index
