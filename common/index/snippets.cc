#include "index/snippets.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstdint>
#include <cstring>
#include <unordered_map>

#include "entities/name_key.h"
#include "index/discovered.h"
#include "index/facets.h"
#include "index/schema.h"
#include "text/analyzer.h"
#include "text/arabic_stemmer.h"
#include "text/normalizer.h"
#include "text/script_stemmer.h"
#include "text/utf8.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace iran::index {
namespace {

// How much of a text a snippet looks at: from its start, and past the first match.
constexpr std::size_t kScanBytes = 32 * 1024;
// Past this many distinct words the per-thread tables start again (a long-running
// server sees every word of its corpus; this bounds the memory to some tens of MB).
constexpr std::size_t kMaxWords = 200'000;

// The terms one word of text becomes: usually one (term, stem) pair; more when
// normalization splits the word.
using WordTerms = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// A word of text as the tables keep it. A simple word (one term) that a query's letter
// rule let pass unstemmed keeps its term and letters and is stemmed when a later query
// could match it by stem (stem id 0 until then).
struct WordEntry {
  WordTerms terms;
  enum class Unstemmed : std::uint8_t { No, Arabic, Ascii } unstemmed = Unstemmed::No;
  std::uint64_t letters = 0;  // of the term, when unstemmed
  std::string term;           // when unstemmed
};

// The tables' hash: words of text are short (most under 16 bytes), hashed 8 bytes a step
// with a multiply and shift; libstdc++'s string hash was a third of a cached word's lookup.
struct WordHash {
  using is_transparent = void;
  static std::uint64_t step(std::uint64_t h, std::uint64_t w) {
    h = (h ^ w) * 0x9fb21c651e98df25ULL;
    return h ^ (h >> 29);
  }
  std::size_t operator()(std::string_view s) const {
    std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ s.size();
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      h = step(h, w);
    }
    if (i < s.size()) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + i, s.size() - i);
      h = step(h, w);
    }
    return static_cast<std::size_t>(step(h, h >> 32));
  }
};

// Per thread: every term and stem seen, as small integers, and every word of text seen,
// by its bytes, with its terms. Emptied when it grows past kMaxWords, which changes the
// generation: a Highlighter made before interns its query again.
struct Tables {
  std::unordered_map<std::string, std::uint32_t, WordHash, std::equal_to<>> ids;
  std::unordered_map<std::string, WordEntry, WordHash, std::equal_to<>> words;
  // Every word seen by a query with name keys, with the XN terms it has (name_key.h).
  std::unordered_map<std::string, std::vector<std::string>, WordHash, std::equal_to<>> keys;
  std::uint64_t generation = 0;

  std::uint32_t intern(std::string_view s) {
    auto it = ids.find(s);
    if (it != ids.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(ids.size() + 1);
    ids.emplace(std::string(s), id);
    return id;
  }
  void maybe_reset() {
    if (words.size() < kMaxWords && ids.size() < 2 * kMaxWords && keys.size() < kMaxWords) return;
    words.clear();
    keys.clear();
    ids.clear();
    ++generation;
  }
};

Tables& tables() {
  thread_local Tables t;
  return t;
}

// Letters, marks, digits and connectors are word characters, as for Xapian's
// TermGenerator; everything else (spaces, punctuation, ZWNJ, which the normalizer makes
// a space) separates words.
bool word_char(char32_t c) {
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK | U_GC_PC_MASK)) != 0;
}

// The letters a word of text may give its terms, as one set of bits: a word is scanned
// once, its set made as it goes, and a word whose set holds none of the sets the query's
// words need (Highlighter::needs_) is no match, with no look-up. Bits 0-25 are the ASCII
// letters, 26 the digits and '_', 27-62 the Arabic letters a term holds (U+0621-U+063A,
// U+0641-U+064A); kOtherLetter a character of no known share, with which the word must
// be looked up. A character's share is what the normalizer makes of it alone:
// normalization goes character by character but for NFKC composing a letter with a
// following mark (a mark is "other") and the tanween rule dropping an alef (which only
// shrinks the term), so a term's letters are among its word's characters'. A stem's are
// its term's and those the stemmer may add (text::arabic_stem_added_letters,
// text::english_stem_added_letters).
constexpr std::uint64_t kOtherLetter = std::uint64_t{1} << 63;
// Two sentinels no character's share is (a share has one letter bit, or none, or is
// kOtherLetter alone): a separator, and a share not asked for yet.
constexpr std::uint64_t kSeparatorShare = kOtherLetter | 1;
constexpr std::uint64_t kUnknownShare = ~std::uint64_t{0};

// The bit of an ASCII letter or digit, or of a code point of the Arabic letters above;
// 0 for anything else.
constexpr std::uint64_t letter_bit(char32_t c) {
  if (c >= 'a' && c <= 'z') return std::uint64_t{1} << (c - 'a');
  if (c >= 'A' && c <= 'Z') return std::uint64_t{1} << (c - 'A');
  if ((c >= '0' && c <= '9') || c == '_') return std::uint64_t{1} << 26;
  if (c >= 0x0621 && c <= 0x063A) return std::uint64_t{1} << (27 + c - 0x0621);
  if (c >= 0x0641 && c <= 0x064A) return std::uint64_t{1} << (27 + 26 + c - 0x0641);
  return 0;
}

std::uint64_t char_share(char32_t c) {
  if (!word_char(c)) return kSeparatorShare;
  // A mark NFKC may compose with the letter before it (hamza above or below, madda, a
  // Latin accent) makes a letter neither has alone; the harakat compose with nothing
  // and the normalizer drops them.
  if ((U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) && !(c >= 0x064B && c <= 0x0652)) return kOtherLetter;
  std::string one;
  text::utf8::append(one, c);
  const std::string folded = text::normalize_folded(one);
  std::uint64_t share = 0;
  for (std::size_t i = 0; i < folded.size();) {
    const std::uint64_t bit = letter_bit(text::utf8::next(folded, i));
    if (bit == 0) return kOtherLetter;
    share |= bit;
  }
  return std::has_single_bit(share) || share == 0 ? share : kOtherLetter;
}

// The share of every character UTF-8 writes in two bytes, each asked for the first time
// a text holds it (asking the normalizer for all 1,920 would cost a process per query
// milliseconds); threads that race store the same value. Kept complemented, so that the
// table's zeros are kUnknownShare.
std::atomic<std::uint64_t>& two_byte_share(unsigned c) {
  static std::array<std::atomic<std::uint64_t>, 0x800> complemented{};
  return complemented[c];
}

constexpr std::array<std::uint64_t, 128> kAsciiShare = [] {
  std::array<std::uint64_t, 128> t{};
  for (char32_t c = 0; c < 128; ++c) t[c] = letter_bit(c) ? letter_bit(c) : kSeparatorShare;
  return t;
}();

// The share of a character of more than one byte (or a stray byte) at text[i]; i moves
// past it. Inlined in the scan: a call per character was a third of its cost.
[[gnu::noinline]] std::uint64_t slow_share(std::string_view text, std::size_t& i) {
  return word_char(text::utf8::next(text, i)) ? kOtherLetter : kSeparatorShare;
}
[[gnu::noinline]] std::uint64_t first_share(std::atomic<std::uint64_t>& slot, unsigned c) {
  const std::uint64_t share = char_share(c);
  slot.store(~share, std::memory_order_relaxed);
  return share;
}
[[gnu::always_inline]] inline std::uint64_t multibyte_share(std::string_view text, std::size_t& i) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char b = bytes[i];
  if (b >= 0xC2 && b <= 0xDF && i + 1 < text.size() && (bytes[i + 1] & 0xC0) == 0x80) {
    const unsigned c = ((b & 0x1Fu) << 6) | (bytes[i + 1] & 0x3Fu);
    i += 2;
    auto& slot = two_byte_share(c);
    const std::uint64_t share = ~slot.load(std::memory_order_relaxed);
    return share != kUnknownShare ? share : first_share(slot, c);
  }
  return slow_share(text, i);
}

struct ScannedWord {
  std::size_t begin, end;  // begin == the text's size: no word
  std::uint64_t letters;
};

// The next word of text at or after i, with its letters. Inlined in the matches' loop
// (called from two places it was not, and the scan cost 9% more).
[[gnu::always_inline]] inline ScannedWord scan_word(std::string_view text, std::size_t i) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t begin;
  std::uint64_t letters;
  for (;;) {
    if (i >= n) return {n, n, 0};
    begin = i;
    const unsigned char b = bytes[i];
    if (b < 0x80) {
      ++i;
      letters = kAsciiShare[b];
    } else {
      letters = multibyte_share(text, i);
    }
    if (letters != kSeparatorShare) break;
  }
  while (i < n) {
    const unsigned char b = bytes[i];
    std::uint64_t share;
    if (b < 0x80) {
      share = kAsciiShare[b];
      if (share == kSeparatorShare) break;
      ++i;
    } else {
      std::size_t j = i;
      share = multibyte_share(text, j);
      if (share == kSeparatorShare) break;
      i = j;
    }
    letters |= share;
  }
  return {begin, i, letters};
}

// The next word of text at or after i: [begin, end), or begin == text.size().
std::pair<std::size_t, std::size_t> next_word(std::string_view text, std::size_t i) {
  const ScannedWord w = scan_word(text, i);
  return {w.begin, w.end};
}

// The XN terms of a word of text, as the indexer gives a name-like word on its own
// (index/document_builder.cc): Latin words of three letters or more, keys of more than
// one sound.
std::vector<std::string> word_key_terms(std::string_view word) {
  std::vector<std::string> out;
  if (static_cast<unsigned char>(word[0]) < 0x80 && word.size() < 3) return out;
  for (const auto& k : entities::name_keys(word))
    if (k.size() >= 2) out.push_back(name_key_term(k));
  return out;
}

// The letters (ScannedWord's) the stemmers may add to a word's (text::english_stem_added_letters,
// text::arabic_stem_added_letters, in their bits).
std::uint64_t stem_added_letters() {
  static const std::uint64_t added = [] {
    std::uint64_t m = 0;
    for (char32_t c = 'a'; c <= 'z'; ++c)
      if (text::english_stem_added_letters() & (std::uint64_t{1} << (c - 'a'))) m |= letter_bit(c);
    for (char32_t c = 0x0621; c <= 0x065F; ++c)
      if (text::arabic_stem_added_letters() & (std::uint64_t{1} << (c - 0x0620))) m |= letter_bit(c);
    return m;
  }();
  return added;
}

// The letters (ScannedWord's) a word of text must have to give `term` as a term, or as
// a stem (less the letters a stemmer may add); false for a term of other characters,
// which only a word with an "other" character can give.
bool term_needs(std::string_view term, bool stem, std::uint64_t& need) {
  need = 0;
  for (std::size_t i = 0; i < term.size();) {
    const std::uint64_t bit = letter_bit(text::utf8::next(term, i));
    if (bit == 0) return false;
    need |= bit;
  }
  if (stem) need &= ~stem_added_letters();
  return true;
}

bool space_byte(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v'; }

}  // namespace

std::string marker_free(std::string_view text) {
  if (util::find_invalid_utf8(text) == std::string_view::npos) return std::string(text);
  return util::to_valid_utf8(text);
}

Highlighter::Highlighter(const Xapian::Query& query, const text::Analyzer& analyzer) : analyzer_(analyzer) {
  std::vector<std::string> words;  // the query's words, distinct, for counting
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    std::string term = *t;
    bool stem = false;
    if (!term.empty() && term[0] == 'Z') {
      stem = true;
      term.erase(0, 1);
    }
    if (term.rfind(schema::kNameKeyPrefix, 0) == 0) {  // a name key: words of the text with it
      if (std::find(keys_.begin(), keys_.end(), term) == keys_.end()) keys_.push_back(term);
      continue;
    }
    if (!term.empty() && term[0] == 'S') term.erase(0, 1);  // the title field's words
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;  // a filter, not a word
    auto w = std::find(words.begin(), words.end(), term);
    const auto index = static_cast<std::uint32_t>(w - words.begin());
    if (w == words.end()) words.push_back(term);
    (stem ? stems_ : terms_).emplace_back(tables().intern(term), index);
    std::uint64_t letters = 0;
    if (stem && text::arabic_letter_mask(term, letters)) stem_letters_.push_back(letters & ~text::arabic_stem_added_letters());
    if (stem && text::ascii_letter_mask(term, letters)) ascii_stem_letters_.push_back(letters & ~text::english_stem_added_letters());
    query_strings_.emplace_back(stem, std::move(term));
  }
  for (const auto& [stem, term] : query_strings_) {
    std::uint64_t need = 0;
    if (term_needs(term, stem, need)) needs_.push_back(need);
  }
  generation_ = tables().generation;
  keep_unstemmed_ = !tables().words.empty();
}

void Highlighter::reintern() const {
  Tables& t = tables();
  terms_.clear();
  stems_.clear();
  std::vector<std::string> words;
  for (const auto& [stem, term] : query_strings_) {
    auto w = std::find(words.begin(), words.end(), term);
    const auto index = static_cast<std::uint32_t>(w - words.begin());
    if (w == words.end()) words.push_back(term);
    (stem ? stems_ : terms_).emplace_back(t.intern(term), index);
  }
  generation_ = t.generation;
}

namespace {
// Whether a word with `letters` has none of the letter sets a stem needs: no stem of the
// query can be its stem.
bool lacks_every(const std::vector<std::uint64_t>& needs, std::uint64_t letters) {
  return std::none_of(needs.begin(), needs.end(), [&](std::uint64_t need) { return (need & ~letters) == 0; });
}
}  // namespace

int Highlighter::match(std::string_view word) const {
  Tables& t = tables();
  auto it = t.words.find(word);
  if (it == t.words.end()) {
    t.maybe_reset();
    if (generation_ != t.generation) reintern();
    WordEntry entry;
    std::string term;
    if (text::simple_word_term(word, term)) {
      // A word of Arabic letters stems to a word of its letters and those a stem may add:
      // without every letter of one of the query's Arabic stems it cannot match by stem
      // (and its stem, in Arabic letters, is none of the others), so only its term is
      // compared, and its stem left for a later query that needs it. An ASCII word's
      // stem is in ASCII letters (the English stemmer): each is checked against the
      // query's stems of its own script.
      const bool arabic = static_cast<unsigned char>(term[0]) >= 0x80;
      std::uint64_t letters = 0;
      const bool ruled_out = letter_filter_ &&
                             (arabic ? text::arabic_letter_mask(term, letters) && lacks_every(stem_letters_, letters)
                                     : text::ascii_letter_mask(term, letters) && lacks_every(ascii_stem_letters_, letters));
      if (ruled_out && !keep_unstemmed_) {
        // A thread's first Highlighter (a process per query has one) keeps no such word:
        // words of one search repeat too little to repay keeping them.
        const auto id = t.ids.find(std::string_view(term));
        if (id != t.ids.end())
          for (const auto& [q, index] : terms_)
            if (q == id->second) return static_cast<int>(index);
        return key_match(word);
      }
      if (ruled_out) {
        entry.unstemmed = arabic ? WordEntry::Unstemmed::Arabic : WordEntry::Unstemmed::Ascii;
        entry.letters = letters;
        entry.terms.emplace_back(t.intern(term), 0);
        entry.term = std::move(term);
      } else {
        // The analyzer's stemmer (text::ScriptStemmer) without its memo: this table is one.
        const std::string stem = text::ScriptStemmer::stem_word(term);
        entry.terms.emplace_back(t.intern(term), stem.empty() ? 0 : t.intern(stem));
      }
    } else {
      for (const auto& token : analyzer_.analyze(word))
        entry.terms.emplace_back(t.intern(token.term), token.stem.empty() ? 0 : t.intern(token.stem));
    }
    it = t.words.emplace(std::string(word), std::move(entry)).first;
  }
  WordEntry& w = it->second;
  if (w.unstemmed != WordEntry::Unstemmed::No && !stems_.empty() &&
      (!letter_filter_ ||
       !lacks_every(w.unstemmed == WordEntry::Unstemmed::Arabic ? stem_letters_ : ascii_stem_letters_, w.letters))) {
    // This query may match it by stem: stemmed now, once.
    const std::string stem = text::ScriptStemmer::stem_word(w.term);
    w.terms.front().second = stem.empty() ? 0 : t.intern(stem);
    w.unstemmed = WordEntry::Unstemmed::No;
    w.term = std::string();
  }
  for (const auto& [term, stem] : w.terms) {
    for (const auto& [id, index] : terms_)
      if (id == term) return static_cast<int>(index);
    for (const auto& [id, index] : stems_)
      if (id == stem) return static_cast<int>(index);
  }
  return key_match(word);
}

int Highlighter::key_match(std::string_view word) const {
  if (keys_.empty() || word.empty()) return -1;
  // The name in the other script: a word whose key the query has (counted as one
  // query word per key, after the query's own words).
  Tables& t = tables();
  auto k = t.keys.find(word);
  if (k == t.keys.end()) k = t.keys.emplace(std::string(word), word_key_terms(word)).first;
  for (const auto& term : k->second)
    for (std::size_t i = 0; i < keys_.size(); ++i)
      if (keys_[i] == term) return static_cast<int>(query_strings_.size() + i);
  return -1;
}

std::vector<Highlighter::Match> Highlighter::matches(std::string_view text, std::size_t limit) const {
  std::vector<Match> out;
  if (empty()) return out;
  std::size_t stop = std::min(limit, text.size());
  // Name keys have no letter rule: with any, every word is looked up.
  const bool by_letters = letter_filter_ && keys_.empty();
  for (std::size_t i = 0; i < stop;) {
    const ScannedWord word = scan_word(text, i);
    const std::size_t begin = word.begin, end = word.end;
    if (begin >= text.size()) break;
    i = end;
    if (begin >= stop) break;
    if (by_letters && !(word.letters & kOtherLetter) &&
        std::none_of(needs_.begin(), needs_.end(), [&](std::uint64_t need) { return (need & ~word.letters) == 0; }))
      continue;
    const int w = match(text.substr(begin, end - begin));
    if (w < 0) continue;
    // Past the first match, look at most kScanBytes further for a better passage.
    if (out.empty() && limit != std::string_view::npos) stop = std::min(text.size(), std::max(stop, begin + kScanBytes));
    out.push_back({begin, end, static_cast<std::uint32_t>(w)});
  }
  return out;
}

std::string Highlighter::snippet(std::string_view text, std::size_t bytes, char open, char close) const {
  // The first kScanBytes, or up to the first match and kScanBytes past it.
  std::vector<Match> found;
  if (!empty()) {
    found = matches(text, kScanBytes);
    if (found.empty() && text.size() > kScanBytes) {
      // A late first match: scan on (matches() extends the limit from it), up to
      // kSnippetScanBytes of the text.
      std::size_t from = kScanBytes;
      while (found.empty() && from < std::min(text.size(), kSnippetScanBytes)) {
        const auto rest = matches(text.substr(from), kScanBytes);
        for (const auto& m : rest) found.push_back({m.begin + from, m.end + from, m.word});
        from += kScanBytes;
      }
    }
  }
  if (found.empty()) return {};

  // The densest window: most distinct query words, then most matches, the first on ties.
  const std::size_t span = bytes * 3 / 4;
  // One counter per word match() can return: the query's words, then one per name key.
  std::vector<std::uint32_t> in_window(query_strings_.size() + keys_.size(), 0);
  std::size_t best_i = 0, best_j = 1, best_distinct = 0, distinct = 0;
  for (std::size_t i = 0, j = 0; i < found.size(); ++i) {
    while (j < found.size() && found[j].end - found[i].begin <= span) {
      if (in_window[found[j].word]++ == 0) ++distinct;
      ++j;
    }
    if (j == i) {  // one word longer than the span
      if (in_window[found[j].word]++ == 0) ++distinct;
      ++j;
    }
    if (distinct > best_distinct || (distinct == best_distinct && j - i > best_j - best_i)) {
      best_distinct = distinct;
      best_i = i;
      best_j = j;
    }
    if (--in_window[found[i].word] == 0) --distinct;
  }

  // Some context before the first word: from a line's start when one is near, else from
  // a word's start; then as much text as fits, cut after a word.
  const std::size_t first = found[best_i].begin, last = found[best_j - 1].end;
  const std::size_t room = last - first < bytes ? bytes - (last - first) : 0;
  std::size_t start = first > room / 3 ? first - room / 3 : 0;
  if (start > 0) {
    const auto line = text.rfind('\n', first);
    if (line != std::string_view::npos && line >= start) {
      start = line + 1;
    } else {
      const auto [b, e] = next_word(text, start);
      start = std::min(b, first);
      // Not in the middle of a word: the word start found may be the inside of one.
      if (start > 0 && start < first) {
        const auto [pb, pe] = next_word(text, start - 1);
        if (pb < start) start = pe <= first ? next_word(text, pe).first : first;
      }
    }
  }
  std::size_t end = std::max(last, std::min(text.size(), start + bytes));
  if (end < text.size()) {
    std::size_t cut = end;
    while (cut > last && !space_byte(text[cut])) --cut;
    end = cut > last ? cut : last;
  }

  std::string out;
  out.reserve(end - start + 16);
  if (start > 0) out += "…";
  std::size_t m = best_i;
  while (m < found.size() && found[m].begin < start) ++m;
  bool in_space = false;
  for (std::size_t i = start; i < end;) {
    if (m < found.size() && found[m].begin == i && found[m].end <= end) {
      if (in_space && !out.empty() && out != "…") out += ' ';
      in_space = false;
      out += open;
      out.append(text.substr(i, found[m].end - i));
      out += close;
      i = found[m].end;
      ++m;
      continue;
    }
    const char c = text[i++];
    if (space_byte(c)) {
      in_space = true;
      continue;
    }
    if (c == open || c == close) continue;
    if (in_space && !out.empty() && out != "…") out += ' ';
    in_space = false;
    out += c;
  }
  if (end < text.size()) {
    bool more = false;
    for (std::size_t i = end; i < text.size() && !more; ++i) more = !space_byte(text[i]);
    if (more) out += "…";
  }
  return out;
}

std::string Highlighter::highlight(std::string_view text, char open, char close) const {
  const auto found = matches(text, std::string_view::npos);
  std::string out;
  out.reserve(text.size() + 2 * found.size());
  std::size_t at = 0;
  for (const auto& m : found) {
    out.append(text.substr(at, m.begin - at));
    out += open;
    out.append(text.substr(m.begin, m.end - m.begin));
    out += close;
    at = m.end;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace iran::index
