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

namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// English possessives: TermGenerator keeps "iran's" as one term (its stem is "iran"),
// so a capitalised query for Iran, which QueryParser leaves unstemmed, would miss a text
// that only says Iran's. Each possessive indexed in this call also gets the bare word at
// the same position, which keeps phrases ("Iran nuclear") matching as well.
void add_possessive_bases(Xapian::Document doc, const std::string& prefix, Xapian::termpos first,
                          Xapian::termpos last) {
  std::vector<std::pair<std::string, Xapian::termpos>> add;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if (!prefix.empty()) t.skip_to(prefix);
    if (t == doc.termlist_end()) break;
    const std::string term = *t;
    if (term.compare(0, prefix.size(), prefix) != 0) break;
    const std::string word = term.substr(prefix.size());
    if (word.size() < 3 || word.compare(word.size() - 2, 2, "'s") != 0) continue;
    if (prefix.empty() && word[0] >= 'A' && word[0] <= 'Z') continue;  // another field
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      if (*p > first && *p <= last) add.emplace_back(prefix + word.substr(0, word.size() - 2), *p);
    }
  }
  for (const auto& [term, pos] : add) doc.add_posting(term, pos);
}

// Hyphenated names: TermGenerator indexes Amir-Abdollahian as amir + abdollahian, which
// the query "Amir Abdollahian" and the phrase "Amir-Abdollahian" find; readers also type
// the name run together, so the joined word is indexed too (without a position), with
// its stem.
void add_joined_hyphenations(Xapian::Document doc, const std::string& text,
                             const std::string& prefix, const Xapian::Stem& stemmer) {
  size_t i = 0;
  while (i < text.size()) {
    if (!is_ascii_letter(text[i]) ||
        (i > 0 && (is_ascii_letter(text[i - 1]) || text[i - 1] == '-'))) {
      ++i;
      continue;
    }
    std::string joined;
    int parts = 0;
    size_t j = i;
    while (true) {
      size_t k = j;
      while (k < text.size() && is_ascii_letter(text[k])) ++k;
      if (k == j) break;
      for (size_t m = j; m < k; ++m)
        joined +=
            static_cast<char>(text[m] >= 'A' && text[m] <= 'Z' ? text[m] - 'A' + 'a' : text[m]);
      ++parts;
      j = k;
      if (j + 1 < text.size() && text[j] == '-' && is_ascii_letter(text[j + 1]))
        ++j;
      else
        break;
    }
    if (parts >= 2 && joined.size() <= 64) {
      doc.add_term(prefix + joined);
      doc.add_term("Z" + prefix + stemmer(joined));
    }
    i = std::max(j, i + 1);
  }
}

}  // namespace

void Analyzer::index_text(Xapian::TermGenerator& generator, std::string_view text,
                          std::string_view prefix) const {
  index_normalized(generator, normalize(text), prefix);
}

void Analyzer::index_normalized(Xapian::TermGenerator& generator, const std::string& normalized,
                                std::string_view prefix) const {
  const std::string pfx(prefix);
  const Xapian::termpos first = generator.get_termpos();
  generator.index_text(normalized, 1, pfx);
  const Xapian::termpos last = generator.get_termpos();
  // Xapian::Document is a handle: this copy edits the generator's document.
  const Xapian::Document doc = generator.get_document();
  if (normalized.find('\'') != std::string::npos) add_possessive_bases(doc, pfx, first, last);
  if (normalized.find('-') != std::string::npos)
    add_joined_hyphenations(doc, normalized, pfx, stemmer_);
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
      // A possessive shares its position with the bare word added for it (see
      // add_possessive_bases); the word as written is the longer one.
      if (is_stem)
        tok.stem = term.substr(1);
      else if (term.size() > tok.term.size())
        tok.term = term;
    }
  }
  std::vector<AnalyzedToken> out;
  out.reserve(by_pos.size());
  for (auto& [pos, tok] : by_pos) out.push_back(std::move(tok));
  return out;
}

}  // namespace iran::text
