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
// threads: it holds no state (Snowball's own state lives in a thread_local stemmer).
class ScriptStemmer : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override;
  std::string get_description() const override;
};

enum class Script { kAscii, kLatin, kArabic, kOther };

// The script that decides how a (normalized) word is stemmed.
Script word_script(std::string_view word);

}  // namespace iran::text
