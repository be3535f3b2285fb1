#include <doctest/doctest.h>

#include "index/shard_state.h"

using namespace iran::index;

TEST_CASE("shard state: written and read back; empty for a shard that never took part") {
  ShardState s;
  s.seq = 7;
  s.fence = {{"2021", 3}, {"undated", 12}};
  s.pend = {"ab12"};
  s.done = {"cd34", "ef56"};
  CHECK(s.encode() == "seq=7;fence=2021:3,undated:12;pend=ab12;done=cd34,ef56");
  CHECK(ShardState::decode(s.encode()) == s);
  CHECK(ShardState::decode("") == ShardState());
  CHECK(ShardState::decode("seq=2;later=x;fence=bad") .seq == 2);
}

TEST_CASE("what a searcher hides: new copies until the batch is done, old copies after") {
  ShardState source, dest, other;
  source.pend = {"r1"};
  dest.pend = {"r1"};
  CHECK(hidden_terms({source, dest, other}) == std::vector<std::string>{move_term("r1")});
  dest.done = {"r1"};  // the coordinator revealed the batch
  CHECK(hidden_terms({source, dest, other}) == std::vector<std::string>{move_old_term("r1")});
  source.pend.clear();  // step 3 in the source: its old copies are gone
  CHECK(hidden_terms({source, dest, other}) == std::vector<std::string>{move_old_term("r1")});
  dest.pend.clear();
  CHECK(hidden_terms({source, dest, other}).empty());
  dest.done.clear();
  CHECK(hidden_terms({source, dest, other}).empty());
}

TEST_CASE("fences: a shard opened at an older state than another requires is stale") {
  std::map<std::string, ShardState> states;
  states["2021"].seq = 4;
  states["2022"].seq = 2;
  states["2022"].fence = {{"2021", 5}, {"2030", 1}};
  std::vector<std::string> unknown;
  CHECK(stale_shards(states, &unknown) == std::vector<std::string>{"2021"});
  CHECK(unknown == std::vector<std::string>{"2030"});
  states["2021"].seq = 5;
  CHECK(stale_shards(states).empty());
}
