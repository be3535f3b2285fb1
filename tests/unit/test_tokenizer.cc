#include "entities/tokenizer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

using iran::entities::detail::Candidate;
using iran::entities::detail::Script;
using iran::entities::detail::Token;
using iran::entities::detail::tokenize;

namespace {

// What a token's candidates say, comparable and printable.
std::vector<std::string> readings(const Token& t) {
  std::vector<std::string> out;
  for (const Candidate& c : t.candidates)
    out.push_back(c.key + (c.had_article ? "+al" : "") + "/" + std::to_string(c.cost));
  return out;
}

// Runs `f` on a thread of its own: a thread that has tokenized nothing before.
template <typename F>
void on_fresh_thread(F f) {
  std::thread t(f);
  t.join();
}

// Distinct Arabic-script words of four letters from ب..ي (U+0628..U+064A without the
// gap U+063B..U+0640), the n-th for each n.
std::string arabic_word(std::size_t n) {
  static const std::vector<char32_t> letters = [] {
    std::vector<char32_t> v;
    for (char32_t c = 0x0628; c <= 0x063A; ++c) v.push_back(c);
    for (char32_t c = 0x0641; c <= 0x064A; ++c) v.push_back(c);
    return v;
  }();
  std::string w;
  for (int k = 0; k < 4; ++k) {
    const char32_t c = letters[n % letters.size()];
    n /= letters.size();
    w += static_cast<char>(0xC0 | (c >> 6));
    w += static_cast<char>(0x80 | (c & 0x3F));
  }
  return w;
}

}  // namespace

TEST_CASE("Arabic words are read with and without their clitics") {
  const auto tokens = tokenize("وقطر والقاهرة Qatar");
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[0].script == Script::Arabic);
  const auto qatar = readings(tokens[0]);
  CHECK(std::find(qatar.begin(), qatar.end(), "\xD9\x82\xD8\xB7\xD8\xB1/1") != qatar.end());  // قطر, و taken off
  const auto cairo = readings(tokens[1]);
  // القاهرة with و taken off, its article removed as the data's keys are.
  CHECK(std::find(cairo.begin(), cairo.end(), "\xD9\x82\xD8\xA7\xD9\x87\xD8\xB1\xD8\xA9+al/1") != cairo.end());
  CHECK(readings(tokens[2]) == std::vector<std::string>{"qatar/0"});
}

// The readings of a word are kept per thread (tokenizer.cc): a word met again, after
// other words, or after so many words that the memo started again, reads as it does on a
// thread that never met a word; and tokens keep their readings whatever comes after.
TEST_CASE("a word reads the same the first time and every later time") {
  const std::vector<std::string> words = {"\xD9\x88\xD9\x82\xD8\xB7\xD8\xB1",                  // وقطر
                                          "\xD9\x84\xD9\x84\xD8\xB1\xD8\xA6\xD9\x8A\xD8\xB3",  // للرئيس
                                          "\xD8\xA8\xD8\xB7\xD8\xA7\xD8\xAC\xD9\x8A\xD9\x83",  // بطاجيك
                                          "\xD8\xA7\xD9\x84\xD8\xA5\xD9\x8A\xD8\xB1\xD8\xA7\xD9\x86\xD9\x8A",  // الإيراني
                                          "\xD9\x88\xD8\xA8\xD9\x88\xD8\xB1\xD9\x88\xD9\x86\xD8\xAF\xD9\x8A",  // وبوروندي
                                          arabic_word(7), arabic_word(70000)};
  // Each word alone, each on a thread of its own.
  std::vector<std::vector<std::string>> fresh(words.size());
  for (std::size_t i = 0; i < words.size(); ++i)
    on_fresh_thread([&] {
      const auto t = tokenize(words[i]);
      REQUIRE(t.size() == 1);
      fresh[i] = readings(t[0]);
    });
  for (const auto& f : fresh) CHECK(!f.empty());

  on_fresh_thread([&] {
    // More distinct words than the memo keeps (it starts again on the way), words that
    // share letters, lengths and beginnings with the words above.
    std::string many;
    for (std::size_t n = 0; n < 70000; ++n) many += arabic_word(n * 7 + 3) + " ";
    const auto filler = tokenize(many);
    CHECK(filler.size() == 70000);
    // The words together, twice (the second time from the memo).
    std::string text;
    for (int round = 0; round < 2; ++round)
      for (const auto& w : words) text += w + " ";
    const auto first = tokenize(text);
    REQUIRE(first.size() == 2 * words.size());
    for (std::size_t i = 0; i < first.size(); ++i) CHECK(readings(first[i]) == fresh[i % words.size()]);
    // The filler again, then the words again.
    CHECK(tokenize(many).size() == 70000);
    const auto again = tokenize(text);
    REQUIRE(again.size() == first.size());
    for (std::size_t i = 0; i < again.size(); ++i) CHECK(readings(again[i]) == fresh[i % words.size()]);
    // The first tokens still hold what they were given.
    for (std::size_t i = 0; i < first.size(); ++i) CHECK(readings(first[i]) == fresh[i % words.size()]);
  });
}

TEST_CASE("a token's candidates outlive the token they were copied from and the memo") {
  using iran::entities::detail::CandidateList;
  // A Latin word's key is held in the token: a copy reads its own, the original gone.
  std::vector<Token> copies;
  {
    const auto tokens = tokenize("Zarif \xD9\x88\xD9\x82\xD8\xB7\xD8\xB1");  // Zarif وقطر
    REQUIRE(tokens.size() == 2);
    copies = tokens;
  }
  REQUIRE(copies[0].candidates.size() == 1);
  CHECK(copies[0].candidates.front().key == "zarif");
  const auto arabic = readings(copies[1]);
  CHECK(std::find(arabic.begin(), arabic.end(), std::string("\xD9\x82\xD8\xB7\xD8\xB1/1")) != arabic.end());  // قطر, و off
  // The memo starts again past 65,536 words; a list shared before stays whole.
  for (int i = 0; i < 70000; ++i) (void)tokenize("\xD9\x88\xD9\x83" + std::to_string(i));
  CHECK(readings(copies[1]) == arabic);
  // Moved from, a list is empty (as a vector is); the one moved to holds the key.
  CandidateList from = copies[0].candidates;
  CandidateList to = std::move(from);
  CHECK(from.empty());
  REQUIRE(to.size() == 1);
  CHECK(to.front().key == "zarif");
}
