#include "index/shard_state.h"

#include <algorithm>
#include <cstdlib>

#include "index/schema.h"
#include "util/strings.h"

namespace iran::index {

std::string ShardState::encode() const {
  std::string out = "seq=" + std::to_string(seq);
  if (!fence.empty()) {
    out += ";fence=";
    bool first = true;
    for (const auto& [name, n] : fence) {
      out += (first ? "" : ",") + name + ":" + std::to_string(n);
      first = false;
    }
  }
  auto list = [&](const char* key, const std::set<std::string>& items) {
    if (items.empty()) return;
    out += std::string(";") + key + "=";
    bool first = true;
    for (const auto& item : items) {
      out += (first ? "" : ",") + item;
      first = false;
    }
  };
  list("pend", pend);
  list("done", done);
  return out;
}

ShardState ShardState::decode(std::string_view text) {
  ShardState s;
  for (const auto& part : util::split(text, ';')) {
    const auto eq = part.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = part.substr(0, eq), value = part.substr(eq + 1);
    if (key == "seq") {
      s.seq = std::strtoull(value.c_str(), nullptr, 10);
      continue;
    }
    for (const auto& item : util::split(value, ',')) {
      if (item.empty()) continue;
      if (key == "fence") {
        const auto colon = item.rfind(':');
        if (colon == std::string::npos) continue;
        s.fence[item.substr(0, colon)] = std::strtoull(item.c_str() + colon + 1, nullptr, 10);
      } else if (key == "pend") {
        s.pend.insert(item);
      } else if (key == "done") {
        s.done.insert(item);
      }
    }
  }
  return s;
}

std::vector<std::string> hidden_terms(const std::vector<ShardState>& states) {
  std::set<std::string> pend, done;
  for (const auto& s : states) {
    pend.insert(s.pend.begin(), s.pend.end());
    done.insert(s.done.begin(), s.done.end());
  }
  std::vector<std::string> terms;
  for (const auto& r : pend) terms.push_back(done.count(r) ? move_old_term(r) : move_term(r));
  return terms;
}

std::vector<std::string> stale_shards(const std::map<std::string, ShardState>& states,
                                      std::vector<std::string>* unknown) {
  std::vector<std::string> stale;
  for (const auto& [name, state] : states)
    for (const auto& [other, seq] : state.fence) {
      const auto it = states.find(other);
      if (it == states.end()) {
        if (unknown && std::find(unknown->begin(), unknown->end(), other) == unknown->end()) unknown->push_back(other);
        continue;
      }
      if (it->second.seq < seq && std::find(stale.begin(), stale.end(), other) == stale.end()) stale.push_back(other);
    }
  return stale;
}

std::string move_term(std::string_view batch) { return std::string(schema::kMovePrefix) + std::string(batch); }
std::string move_old_term(std::string_view batch) { return std::string(schema::kMoveOldPrefix) + std::string(batch); }

}  // namespace iran::index
