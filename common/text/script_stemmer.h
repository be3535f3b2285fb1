// The stemmer Xapian calls for every word, on both the indexing and the query side.
#pragma once

#include <cstdint>
#include <string_view>

#include <xapian.h>

#include <string>

namespace iran::text {

// Picks the algorithm by script: Arabic letters → arabic_light_stem, plain ASCII and
// other Latin → Snowball English, anything else → the normalized word unchanged. A word
// that is not plain ASCII is normalized first, so MSet::snippet, which hands us words of
// the raw stored text, reaches the same stems as the normalized index.
//
// One instance is shared by TermGenerator, QueryParser and snippets, possibly across
// threads: its only state is per thread (Snowball's stemmer, and a memo of the last
// 65,536 words stemmed, which spares snippets most of their cost: a snippet stems every
// word of the article, and news repeats its words).
class ScriptStemmer : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

  // The same stem without the memo: for a caller that keeps its own table of the words
  // it has stemmed (snippets, index/snippets.cc), where the memo would only be a second
  // copy of every word and stem.
  static std::string stem_word(const std::string& word);
};

enum class Script { kAscii, kLatin, kArabic, kOther };

// The script that decides how a (normalized) word is stemmed.
Script word_script(std::string_view word);

// The letters of an ASCII word (a-z, 0-9 and _) as bits; false for a word of anything
// else (capitals included: terms are lowercased).
bool ascii_letter_mask(std::string_view word, std::uint64_t& mask);
// The letters the English stemmer may put in a stem that its word lacks: e (-ational →
// -ate, -izer → -ize, -bli → -ble), i (y → i) and y (the exception skies → sky). So an
// ASCII word stems to a stem only if it has every letter of the stem but these.
std::uint64_t english_stem_added_letters();

}  // namespace iran::text
