#include "entities/tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <climits>
#include <unordered_map>

#include "text/arabic_stemmer.h"
#include "text/normalizer.h"
#include "util/memo.h"

namespace iran::entities::detail {
namespace {

// A scan of code points rather than ICU's BreakIterator: we need exactly the same
// split for names and for text, possessives handled, and no per-call set-up cost.
struct Decoder {
  std::string_view s;
  std::size_t i = 0;
  bool done() const { return i >= s.size(); }
  // Code point at byte offset `at`, and its length; U+FFFD for malformed bytes.
  UChar32 peek(std::size_t at, std::size_t* len) const {
    if (at >= s.size()) {
      *len = 0;
      return U_SENTINEL;
    }
    int32_t j = 0;
    UChar32 c;
    const auto avail = static_cast<int32_t>(std::min<std::size_t>(s.size() - at, 4));
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data() + at), j, avail, c);
    *len = static_cast<std::size_t>(j);
    return c < 0 ? 0xFFFD : c;
  }
};

bool is_word_char(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (u_isalnum(c)) return true;
  const auto type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }

bool is_sentence_break(UChar32 c) {
  switch (c) {
    case '.': case '!': case '?': case ';': case ':':
    case 0x061F:  // Arabic question mark
    case 0x061B:  // Arabic semicolon
    case 0x06D4:  // Arabic full stop
    case 0x2026:  // ellipsis
      return true;
    default:
      return false;
  }
}

bool is_blank(UChar32 c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x202F || c == 0x2009;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size()); ++n) U8_FWD_1(s.data(), i, static_cast<int32_t>(s.size()));
  return n;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x80; });
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

constexpr std::string_view kArticle = "\xD8\xA7\xD9\x84";  // ال
constexpr std::string_view kWaw = "\xD9\x88";               // و
constexpr std::string_view kFa = "\xD9\x81";                // ف
constexpr std::string_view kBa = "\xD8\xA8";                // ب
constexpr std::string_view kKaf = "\xD9\x83";               // ك
constexpr std::string_view kLam = "\xD9\x84";               // ل

// Too short a remainder is almost never a name and would match by accident.
constexpr std::size_t kMinKeyCodePoints = 2;

std::string strip_article(std::string_view w, bool* had) {
  if (starts_with(w, kArticle) && code_points(w.substr(kArticle.size())) >= kMinKeyCodePoints) {
    *had = true;
    return std::string(w.substr(kArticle.size()));
  }
  *had = false;
  return std::string(w);
}

void add_candidate(std::vector<Candidate>& out, std::string_view w, std::uint8_t cost, bool force_article = false) {
  // The word as written may be short (Persian و "and" inside a name); a remainder
  // after stripping may not.
  if (w.empty() || (cost > 0 && code_points(w) < kMinKeyCodePoints)) return;
  bool had = false;
  std::string key = strip_article(w, &had);
  had = had || force_article;
  for (const auto& c : out)
    if (c.key == key && c.had_article == had) return;
  out.push_back({std::move(key), had, cost});
}

// Proclitics in the order Arabic stacks them: conjunction (و ف), then preposition
// (ب ك ل), then the article. لل is ل + ال with the alef dropped.
std::vector<Candidate> arabic_candidates(const std::string& normalized) {
  std::vector<Candidate> out;
  add_candidate(out, normalized, 0);
  for (std::string_view conj : {std::string_view{}, kWaw, kFa}) {
    if (!starts_with(normalized, conj)) continue;
    std::string_view w1 = std::string_view(normalized).substr(conj.size());
    if (code_points(w1) < kMinKeyCodePoints) continue;
    for (std::string_view prep : {std::string_view{}, kBa, kKaf, kLam}) {
      if (conj.empty() && prep.empty()) continue;
      if (!starts_with(w1, prep)) continue;
      add_candidate(out, w1.substr(prep.size()), 1);
    }
    if (starts_with(w1, kLam) && starts_with(w1.substr(kLam.size()), kLam))
      add_candidate(out, w1.substr(2 * kLam.size()), 1, /*force_article=*/true);
  }
  // The shared stemmer's own view, in case it knows a clitic we do not. Whether its
  // reading dropped an article is seen from what it took off.
  auto add_reading = [&](const std::string& reading) {
    std::string_view w(normalized);
    if (reading.size() >= w.size() || w.substr(w.size() - reading.size()) != reading) return;
    const std::string_view taken = w.substr(0, w.size() - reading.size());
    const bool article = taken.size() >= kArticle.size() && (taken.substr(taken.size() - kArticle.size()) == kArticle ||
                                                             taken.substr(taken.size() - 2 * kLam.size()) == "\xD9\x84\xD9\x84");
    add_candidate(out, reading, 2, article);
  };
  add_reading(text::strip_arabic_clitics(normalized));
  for (const auto& reading : text::arabic_clitic_readings(normalized)) add_reading(reading);
  return out;
}

// The candidates of an Arabic-script word depend on its bytes alone, and news text says the same
// words again and again: each thread keeps the candidates of the words it has met (at
// most WordMemo's bound; then it starts again), so a word is normalized and read for its
// clitics once, not at every occurrence. A token shares the list: it stays alive with
// the token whatever the memo does next.
using SharedCandidates = std::shared_ptr<const std::vector<Candidate>>;

CandidateList memo_arabic_candidates(std::string_view word) {
  thread_local util::WordMemo<SharedCandidates> memo;
  return CandidateList(memo.get(word, [&] {
    return std::make_shared<const std::vector<Candidate>>(arabic_candidates(text::normalize_folded(word)));
  }));
}

Script script_of(UChar32 c) {
  UErrorCode err = U_ZERO_ERROR;
  const UScriptCode sc = uscript_getScript(c, &err);
  if (U_FAILURE(err)) return Script::Other;
  if (sc == USCRIPT_LATIN) return Script::Latin;
  if (sc == USCRIPT_ARABIC) return Script::Arabic;
  return Script::Other;
}

bool abbreviation(const Token& t, std::string_view text) {
  return t.script == Script::Latin && (t.casing == Casing::Title || t.casing == Casing::Upper) && !t.possessive &&
         code_points(text.substr(t.begin, t.end - t.begin)) <= 3;
}

}  // namespace

std::string word_key(std::string_view word, bool* had_article) {
  bool had = false;
  std::string key;
  if (is_ascii(word)) {
    // normalize_folded leaves ASCII as is apart from lowercasing: skip the ICU calls
    // on the words that make up most English text.
    key.assign(word);
    for (auto& ch : key)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  } else {
    key = strip_article(text::normalize_folded(word), &had);
  }
  if (had_article) *had_article = had;
  return key;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  Decoder dec{text};
  std::size_t gap_begin = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t len;
    UChar32 c = dec.peek(i, &len);
    if (!is_word_char(c)) {
      i += len;
      continue;
    }
    Token tok;
    tok.begin = i;
    std::size_t upper = 0, lower = 0;
    bool first_letter_seen = false, first_upper = false, has_letter = false;
    tok.script = Script::Other;
    while (i < text.size()) {
      c = dec.peek(i, &len);
      if (!is_word_char(c)) break;
      if (u_isalpha(c)) {
        has_letter = true;
        if (!first_letter_seen) {
          first_letter_seen = true;
          tok.script = c < 0x80 ? Script::Latin : script_of(c);
          first_upper = u_isupper(c);
        }
        if (u_isupper(c)) ++upper;
        else if (u_islower(c)) ++lower;
      }
      i += len;
    }
    tok.end = i;
    // English possessive: Iran's, Iran’s. The 's is skipped, not a word of its own.
    std::size_t alen;
    if (is_apostrophe(dec.peek(i, &alen))) {
      std::size_t slen;
      const UChar32 s = dec.peek(i + alen, &slen);
      std::size_t nlen;
      if ((s == 's' || s == 'S') && !is_word_char(dec.peek(i + alen + slen, &nlen))) {
        tok.possessive = true;
        i += alen + slen;
      }
    }
    if (tok.script == Script::Latin) {
      if (upper > 0 && lower == 0) tok.casing = Casing::Upper;
      else if (first_upper) tok.casing = Casing::Title;
      else tok.casing = Casing::Lower;
    }
    tok.in_parens = tok.begin > 0 && text[tok.begin - 1] == '(' && tok.end < text.size() && text[tok.end] == ')';
    if (!tokens.empty()) {
      bool spaced = tok.begin > gap_begin;
      int newlines = 0;
      for (std::size_t g = gap_begin; g < tok.begin;) {
        std::size_t glen;
        const UChar32 gc = dec.peek(g, &glen);
        if (!is_blank(gc)) spaced = false;
        // One line break is wrapping ("New\nJersey"); a blank line ends a paragraph,
        // a headline or a credit.
        if (gc == '\n' && ++newlines == 2) tok.breaks_before = true;
        // "U.S." and "mehrnews.com": a dot directly before the next word ends nothing.
        // An abbreviation's dot (Mr. Raisi, St. Lucia, George W. Bush) ends nothing either.
        if (is_sentence_break(gc) && !(gc == '.' && (g + glen == tok.begin || abbreviation(tokens.back(), text))))
          tok.breaks_before = true;
        g += glen ? glen : 1;
      }
      tok.spaced_before = spaced;
    }
    gap_begin = i;
    if (has_letter) {
      const std::string_view word = text.substr(tok.begin, tok.end - tok.begin);
      if (tok.script == Script::Arabic) {
        tok.candidates = memo_arabic_candidates(word);
      } else {
        bool had = false;
        std::string key = word_key(word, &had);
        if (!key.empty()) tok.candidates = CandidateList(Candidate{std::move(key), had, 0});
      }
    }
    tokens.push_back(std::move(tok));
  }
  return tokens;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  auto decode = [](std::string_view s) {
    std::vector<UChar32> out;
    Decoder d{s};
    for (std::size_t i = 0; i < s.size();) {
      std::size_t len;
      out.push_back(d.peek(i, &len));
      i += len ? len : 1;
    }
    return out;
  };
  const auto x = decode(a), y = decode(b);
  std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

}  // namespace iran::entities::detail
