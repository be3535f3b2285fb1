// The one analyzer: documents and queries become terms through this code only.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace iran::text {

// Stored in the index; bump when any change alters the terms a text produces.
inline constexpr std::string_view kAnalyzerVersion = "20";  // 20: an Arabic-script discovered name ends where a word without the article follows its family name (قاسم الأعرجي, not قاسم الأعرجي مسؤولين, issue 10); 19: a Latin initial is keyed as Arabic script spells its letter (George W. Bush جورج دبليو بوش, issue 10); 18: name keys for name-like Arabic-script words outside officials' names (issue 10); 17: the derived verb forms VII, VIII and X, their imperfects and masdars are one stem (اعتراض = اعترض = يعترض, issue 8); 16: a final alef marked with fathatan is the tanween (نوعاً → نوع, issue 8); 15: name keys keep letters repeated across a vowel, a closing ي mark (issue 10)

struct AnalyzedToken {
  Xapian::termpos position;  // 1-based, as TermGenerator counts
  std::string term;          // the unstemmed (normalized, lowercased) term
  std::string stem;          // the stemmed term, without Xapian's 'Z' prefix
};

class Analyzer {
 public:
  Analyzer();

  // Normalization applied to any text before Xapian sees it (see normalizer.h).
  std::string normalize(std::string_view text) const;

  // A stemmer that picks the algorithm by script (Snowball English for Latin, the
  // Arabic light stemmer for Arabic letters, identity otherwise). It normalizes a word
  // that is not plain ASCII first, so MSet::snippet on raw text finds the same stems.
  const Xapian::Stem& stemmer() const { return stemmer_; }

  // Sets the stemmer and strategy on a TermGenerator or QueryParser so both sides agree.
  void configure(Xapian::TermGenerator& generator) const;
  void configure(Xapian::QueryParser& parser) const;

  // Indexes normalized text with the generator (with an optional field prefix).
  void index_text(Xapian::TermGenerator& generator, std::string_view text,
                  std::string_view prefix = {}) const;
  // The same for text already normalize()d (a caller that needs the normalized text
  // for something else too normalizes once).
  void index_normalized(Xapian::TermGenerator& generator, const std::string& normalized,
                        std::string_view prefix = {}) const;

  // Every token of the text in order, with the terms it becomes: `iranidx analyze`.
  std::vector<AnalyzedToken> analyze(std::string_view text) const;

 private:
  Xapian::Stem stemmer_;
};

}  // namespace iran::text
