// A per-thread memo of a pure function of a word: text repeats its words, so what is
// derived from a word (its stem, its clitic readings, its name keys) is derived once per
// thread and then looked up. Bounded: past `Limit` words it starts again, so a long
// build's memory stays flat.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/strings.h"

namespace iran::util {

template <typename Value, std::size_t Limit = (1u << 16)>
class WordMemo {
 public:
  // The value for `word`, made by `make()` the first time. The reference is good until
  // the next call (which may start the memo again): callers copy what they keep.
  // `make` must not use this memo.
  template <typename Make>
  const Value& get(std::string_view word, Make&& make) {
    if (auto it = map_.find(word); it != map_.end()) return it->second;
    // Key and value made before a restart clears the memo: `word` may be a view of it.
    std::string key(word);
    Value value = make();
    if (map_.size() >= Limit) map_.clear();
    return map_.emplace(std::move(key), std::move(value)).first->second;
  }
  std::size_t size() const { return map_.size(); }

 private:
  std::unordered_map<std::string, Value, StringHash, std::equal_to<>> map_;
};

}  // namespace iran::util
