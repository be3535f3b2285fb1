// The stemmer Xapian calls for every word, on both the indexing and the query side.
#pragma once

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

}  // namespace iran::text
