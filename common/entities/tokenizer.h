// Words of raw article text, with byte offsets into the original and the keys a
// gazetteer name is looked up by. Internal to the entities module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iran::entities::detail {

enum class Script : std::uint8_t { Latin, Arabic, Other };

// How a Latin word is written; what the gazetteer's case rules look at.
enum class Casing : std::uint8_t { None, Lower, Title, Upper };

// One way to read a word: its key, and whether an Arabic article (ال) was taken off
// to get it, so that person names (which never take one) can refuse الرئيسي for رئيسي.
struct Candidate {
  std::string key;
  bool had_article = false;
  std::uint8_t cost = 0;  // 0: the word itself; more: clitics stripped
};

// A word's candidates. An Arabic-script word's (several readings, each normalized and
// split for clitics) depend on its bytes alone: every occurrence of it, in this text and
// the thread's earlier ones, shares one list made once (tokenizer.cc's memo), not a copy
// per token. Any other word has at most one, its key, held here.
class CandidateList {
 public:
  CandidateList() = default;
  explicit CandidateList(std::shared_ptr<const std::vector<Candidate>> list) : list_(std::move(list)) {}
  explicit CandidateList(Candidate one) : one_(std::move(one)), has_one_(true) {}
  CandidateList(const CandidateList&) = default;
  CandidateList& operator=(const CandidateList&) = default;
  // A moved-from list is empty, as a moved-from vector is.
  CandidateList(CandidateList&& o) noexcept
      : list_(std::move(o.list_)), one_(std::move(o.one_)), has_one_(std::exchange(o.has_one_, false)) {}
  CandidateList& operator=(CandidateList&& o) noexcept {
    list_ = std::move(o.list_);
    one_ = std::move(o.one_);
    has_one_ = std::exchange(o.has_one_, false);
    return *this;
  }
  const Candidate* begin() const { return has_one_ ? &one_ : list_ ? list_->data() : nullptr; }
  const Candidate* end() const { return begin() + size(); }
  std::size_t size() const { return has_one_ ? 1 : list_ ? list_->size() : 0; }
  bool empty() const { return size() == 0; }
  const Candidate& front() const { return *begin(); }
  const Candidate& operator[](std::size_t i) const { return begin()[i]; }

 private:
  std::shared_ptr<const std::vector<Candidate>> list_;
  Candidate one_;
  bool has_one_ = false;
};

struct Token {
  std::size_t begin = 0;   // byte offsets of the word in the original text
  std::size_t end = 0;
  Script script = Script::Other;
  Casing casing = Casing::None;
  bool possessive = false;   // followed by 's or ’s, which is skipped
  bool in_parens = false;    // written as "(WORD)"
  bool breaks_before = false;  // a sentence end or line break separates it from the previous word
  bool spaced_before = false;  // only whitespace separates it from the previous word
  CandidateList candidates;  // best first; empty for words that cannot match
};

// Splits `text` into words (letters, digits and combining marks; apostrophes, hyphens,
// ZWNJ and punctuation separate) and computes their candidate keys. Arabic-script
// words get one candidate per plausible clitic split (وقطر → قطر, للبنان → لبنان).
std::vector<Token> tokenize(std::string_view text);

// The key of one word as the gazetteer stores it: normalize_folded, and for Arabic
// script a leading ال removed (data and text agree on this, so القطري and قطري meet).
// `had_article` reports whether ال was removed.
std::string word_key(std::string_view word, bool* had_article = nullptr);

// Levenshtein distance in code points, for suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace iran::entities::detail
