#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "entities/name_key.h"
#include "util/memo.h"

using iran::util::WordMemo;

TEST_CASE("WordMemo: a word's value is made once, then looked up") {
  WordMemo<std::string, 4> memo;
  int made = 0;
  auto upper = [&](std::string_view w) {
    return memo.get(w, [&] {
      ++made;
      std::string s(w);
      for (auto& c : s) c = static_cast<char>(c - 32);
      return s;
    });
  };
  CHECK(upper("abc") == "ABC");
  CHECK(upper("abc") == "ABC");
  CHECK(made == 1);
  CHECK(upper("de") == "DE");
  CHECK(made == 2);
  CHECK(memo.size() == 2);
}

TEST_CASE("WordMemo: past its bound it starts again, and every value stays right") {
  WordMemo<std::string, 4> memo;
  int made = 0;
  auto twice = [&](const std::string& w) {
    return memo.get(w, [&] {
      ++made;
      return w + w;
    });
  };
  for (int round = 0; round < 3; ++round)
    for (int i = 0; i < 10; ++i) CHECK(twice(std::to_string(i)) == std::to_string(i) + std::to_string(i));
  CHECK(memo.size() <= 4);
  CHECK(made > 10);  // the memo did start again: 10 words do not fit in 4
}

TEST_CASE("name_keys: the same keys from the memo as on a fresh thread, after it has started again") {
  const std::vector<std::string> words = {"Zarif", "Araghchi", "Lavrov", "\xD9\x84\xD8\xA7\xD9\x81\xD8\xB1\xD9\x88\xD9\x81",
                                          "W", "Qasim", "Rouhani", "Cavusoglu"};
  std::vector<std::vector<std::string>> fresh;
  std::thread([&] {
    for (const auto& w : words) fresh.push_back(iran::entities::name_keys(w));
  }).join();
  for (std::size_t i = 0; i < words.size(); ++i) CHECK(iran::entities::name_keys(words[i]) == fresh[i]);
  // 70,000 other words fill the memo past its bound of 65,536.
  for (int i = 0; i < 70000; ++i) (void)iran::entities::name_keys("Word" + std::to_string(i));
  for (std::size_t i = 0; i < words.size(); ++i) CHECK(iran::entities::name_keys(words[i]) == fresh[i]);
  CHECK_FALSE(fresh[0].empty());
}
