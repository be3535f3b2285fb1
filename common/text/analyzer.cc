#include "text/analyzer.h"

#include <algorithm>
#include <map>

#include "text/normalizer.h"
#include "text/script_stemmer.h"

namespace iran::text {

// Xapian::Stem takes ownership of the implementation through its intrusive refcount.
Analyzer::Analyzer() : stemmer_(new ScriptStemmer) {}

std::string Analyzer::normalize(std::string_view text) const { return text::normalize(text); }

// STEM_SOME: each word is indexed as typed (with positions, for phrases) and as a
// Z-prefixed stem. The query side stems lowercase words and keeps capitalised ones
// exact, Xapian's convention for names. STEM_SOME_FULL_POS was considered: Xapian
// 1.4's QueryParser never puts stems in phrases, so their positions would only grow
// the index.
void Analyzer::configure(Xapian::TermGenerator& generator) const {
  generator.set_stemmer(stemmer_);
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

void Analyzer::configure(Xapian::QueryParser& parser) const {
  parser.set_stemmer(stemmer_);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
}

void Analyzer::index_text(Xapian::TermGenerator& generator, std::string_view text,
                          std::string_view prefix) const {
  generator.index_text(normalize(text), 1, std::string(prefix));
}

std::vector<AnalyzedToken> Analyzer::analyze(std::string_view text) const {
  // Run the real TermGenerator on a scratch document so the output is exactly what the
  // index receives. FULL_POS here (only here) puts positions on the stems too, so each
  // stem can be paired with its word by position; the stems are the same as STEM_SOME's.
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  configure(generator);
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
  generator.set_document(doc);
  index_text(generator, text);

  std::map<Xapian::termpos, AnalyzedToken> by_pos;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    const bool is_stem = !term.empty() && term[0] == 'Z';
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      AnalyzedToken& tok = by_pos[*p];
      tok.position = *p;
      if (is_stem)
        tok.stem = term.substr(1);
      else
        tok.term = term;
    }
  }
  std::vector<AnalyzedToken> out;
  out.reserve(by_pos.size());
  for (auto& [pos, tok] : by_pos) out.push_back(std::move(tok));
  return out;
}

}  // namespace iran::text
