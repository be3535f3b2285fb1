#include "text/script_stemmer.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using iran::text::ascii_letter_mask;
using iran::text::english_stem_added_letters;
using iran::text::ScriptStemmer;

namespace {

// Lowercase ASCII words of the shared XQuAD-R English paragraphs and the corpus's
// articles: a vocabulary of real English text.
std::vector<std::string> english_vocabulary() {
  std::set<std::string> words;
  auto add_text = [&](const std::string& text) {
    std::string w;
    for (std::size_t i = 0; i <= text.size(); ++i) {
      const char c = i < text.size() ? text[i] : ' ';
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        w.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        continue;
      }
      if (!w.empty()) words.insert(w);
      w.clear();
    }
  };
  namespace fs = std::filesystem;
  std::ifstream in(fs::path(IRAN_SHARED_DIR) / "data/arabic-qa-retrieval/xquad-r/en.paragraphs.jsonl");
  std::stringstream s;
  s << in.rdbuf();
  add_text(s.str());
  for (const auto& e : fs::directory_iterator(IRAN_CORPUS_DIR))
    if (e.path().extension() == ".txt") {
      std::ifstream f(e.path());
      std::stringstream t;
      t << f.rdbuf();
      add_text(t.str());
    }
  return {words.begin(), words.end()};
}

}  // namespace

TEST_CASE("an ASCII letter mask holds a-z, digits and _ only") {
  std::uint64_t m = 0;
  CHECK(ascii_letter_mask("abz09_", m));
  CHECK(m == ((1ull << 0) | (1ull << 1) | (1ull << 25) | (1ull << 26) | (1ull << 35) | (1ull << 36)));
  CHECK(ascii_letter_mask("", m));
  CHECK(m == 0);
  CHECK_FALSE(ascii_letter_mask("Abc", m));
  CHECK_FALSE(ascii_letter_mask("o'neil", m));
  CHECK_FALSE(ascii_letter_mask("caf\xc3\xa9", m));
}

TEST_CASE("English stems: a stem's letters are its word's, or e, i, y (what snippets rule words out by)") {
  const std::uint64_t added = english_stem_added_letters();
  auto words = english_vocabulary();
  REQUIRE(words.size() > 5000);
  // The stemmer's exceptions, which rewrite words whole.
  for (const char* w : {"skis", "skies", "dying", "lying", "tying", "idly", "gently", "ugly", "early", "only", "singly",
                        "sky", "news", "howe", "atlas", "cosmos", "bias", "andes", "generate", "generates", "communism"})
    words.push_back(w);
  std::size_t checked = 0;
  std::uint64_t needed = 0;
  // Each word, and with the endings the rules take off or rewrite (so every rule runs).
  for (const auto& word : words)
    for (const char* end : {"", "s", "es", "ies", "ed", "ing", "ly", "ness", "ational", "ization", "iveness", "fulness",
                            "biliti", "alli", "ousli", "enci", "anci", "izer", "ement", "y"}) {
      const std::string w = word + end;
      std::uint64_t of_word = 0, of_stem = 0;
      REQUIRE(ascii_letter_mask(w, of_word));
      const std::string s = ScriptStemmer::stem_word(w);
      CAPTURE(w);
      CAPTURE(s);
      REQUIRE(ascii_letter_mask(s, of_stem));
      CHECK((of_stem & ~(of_word | added)) == 0);
      needed |= of_stem & ~of_word;
      ++checked;
    }
  CHECK(checked > 100000);
  // And each of the added letters is needed: some word's stem has it where the word does not.
  CHECK(needed == added);
}
