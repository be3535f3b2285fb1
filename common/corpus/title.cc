#include "corpus/title.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <vector>

#include "corpus/dates.h"
#include "corpus/lead.h"
#include "corpus/scan.h"

namespace iran::corpus {

namespace {

// Longer first lines are paragraphs, not headlines.
constexpr std::size_t kMaxHeadlineChars = 200;

// Words after which a period does not end a sentence.
constexpr std::array<std::string_view, 30> kAbbreviations{
    "mr",  "mrs", "ms",  "dr",   "st",  "gen", "col",  "lt",  "maj", "capt",
    "sen", "rep", "gov", "prof", "jr",  "sr",  "vs",   "no",  "jan", "feb",
    "mar", "apr", "jun", "jul",  "aug", "sep", "sept", "oct", "nov", "dec"};

// Openers of a long scene-setting clause ("In a meeting with ..., X said ..."). When
// the first sentence is too long for a title, the clause after its first comma is
// the news.
constexpr std::array<std::string_view, 10> kSceneOpeners{
    "In ",     "At ",       "During ", "On ",        "After ",
    "Before ", "Speaking ", "While ",  "Following ", "Addressing "};

bool is_terminal(char32_t cp) { return cp == '.' || cp == '!' || cp == '?' || cp == 0x061F; }

bool is_closing(char32_t cp) {
  return cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 || cp == 0x00BB || cp == ')';
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The word that ends at byte `end` (exclusive), letters only.
std::string_view word_before(std::string_view s, std::size_t end) {
  std::size_t b = end;
  while (b > 0) {
    std::size_t p = b - 1;
    while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
    if (!u_isalpha(static_cast<UChar32>(scan::next_cp(s, p).cp))) break;
    b = p;
  }
  return s.substr(b, end - b);
}

bool is_abbreviation(std::string_view text, std::size_t dot) {
  auto w = word_before(text, dot);
  if (w.empty()) return false;
  if (scan::length(w) == 1) return true;  // an initial: "U.S.", "Ali M. Jokar"
  std::string lw = lower_ascii(w);
  for (auto a : kAbbreviations)
    if (lw == a) return true;
  return false;
}

// Trimmed lines, blank ones kept as empty views: they separate paragraphs.
std::vector<std::string_view> trimmed_lines(std::string_view text) {
  std::vector<std::string_view> out;
  for (const auto& l : scan::lines(text))
    out.push_back(scan::trim(text.substr(l.begin, l.end - l.begin)));
  return out;
}

// A date stamp or byline above the story ("Dec 13, 2021, 2:23 PM", "By Ali Rezaei"):
// never a headline.
bool is_meta_line(std::string_view line) {
  constexpr std::size_t kMaxMetaChars = 60;
  if (scan::length(line) > kMaxMetaChars) return false;
  // Only a stamp ("Wednesday, 19 January 2022 6:05 PM": weekday and time around the
  // date), or mostly a date: "Iran, Qatar sign deal on May 5, 2022" is a headline with a
  // date in it.
  if (is_date_stamp_line(line)) return true;
  if (auto d = find_date(line)) return 2 * (d->end - d->begin) >= line.size();
  auto words = static_cast<std::size_t>(std::count(line.begin(), line.end(), ' ')) + 1;
  return line.starts_with("By ") && words <= 6;
}

bool ends_sentence(std::string_view line) {
  // Past closing quotes: “... ready.” ends a sentence as much as "ready." does.
  std::size_t e = line.size();
  while (e > 0) {
    std::size_t p = e - 1;
    while (p > 0 && (static_cast<unsigned char>(line[p]) & 0xC0) == 0x80) --p;
    auto cp = scan::next_cp(line, p).cp;
    if (is_closing(cp)) {
      e = p;
      continue;
    }
    return is_terminal(cp) || cp == ':' || cp == ';' || cp == ',';
  }
  return false;
}

std::string_view strip_final_period(std::string_view s) {
  s = scan::trim(s);
  if (s.ends_with('.') && !s.ends_with("..")) s.remove_suffix(1);
  return scan::trim(s);
}

// "In a meeting ... on Monday afternoon, Ali Shamkhani said ..." → "Ali Shamkhani said ...".
std::string drop_scene_clause(std::string_view sentence) {
  bool opens = false;
  for (auto o : kSceneOpeners) opens = opens || sentence.starts_with(o);
  auto comma = sentence.find(", ");
  if (!opens || comma == std::string_view::npos) return std::string(sentence);
  std::string_view rest = scan::trim(sentence.substr(comma + 2));
  // Too little left means the comma was inside the clause, not after it.
  if (scan::length(rest) < 40) return std::string(sentence);
  std::string out(rest);
  if (out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

}  // namespace

std::string_view first_sentence(std::string_view text) {
  text = scan::trim(text);
  for (std::size_t i = 0; i < text.size();) {
    auto st = scan::next_cp(text, i);
    if (is_terminal(st.cp)) {
      std::size_t e = st.next;
      while (e < text.size() && is_closing(scan::next_cp(text, e).cp))
        e = scan::next_cp(text, e).next;
      bool at_break = e >= text.size() || scan::is_space(scan::next_cp(text, e).cp);
      if (at_break && !(st.cp == '.' && is_abbreviation(text, i))) return text.substr(0, e);
    }
    i = st.next;
  }
  return text;
}

std::string shorten(std::string_view text, std::size_t max_chars) {
  text = scan::trim(text);
  if (scan::length(text) <= max_chars) return std::string(text);
  // Byte offset of the code point just past the limit.
  std::size_t limit = 0;
  for (std::size_t n = 0; n < max_chars; ++n) limit = scan::next_cp(text, limit).next;
  std::size_t cut = limit;
  while (cut > 0 && !scan::is_space(scan::next_cp(text, cut).cp)) {
    --cut;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  if (cut == 0) cut = limit;  // one enormous word: cut inside it
  std::string_view kept = scan::trim(text.substr(0, cut));
  // A clause that ends late enough reads better than one cut mid-phrase.
  auto last = [&](std::string_view sep) {
    auto p = kept.rfind(sep);
    return p == std::string_view::npos ? 0 : p;
  };
  std::size_t clause = std::max(last(", "), last("\u060C "));
  if (clause > 0 && scan::length(kept.substr(0, clause)) * 5 >= max_chars * 3)
    kept = kept.substr(0, clause);
  while (!kept.empty() &&
         (kept.back() == ',' || kept.back() == ';' || kept.back() == ':' || kept.back() == '-')) {
    kept.remove_suffix(1);
    kept = scan::trim(kept);
  }
  if (kept.ends_with("\u060C")) kept.remove_suffix(std::string_view("\u060C").size());
  return std::string(scan::trim(kept)) + "\u2026";
}

std::string derive_title(std::string_view body) {
  auto lines = trimmed_lines(body);
  std::size_t i = 0;
  auto next_content = [&](std::size_t from) {
    while (from < lines.size() && lines[from].empty()) ++from;
    return from;
  };
  i = next_content(0);
  while (i < lines.size() && is_meta_line(lines[i]) && next_content(i + 1) < lines.size())
    i = next_content(i + 1);
  if (i >= lines.size()) return "";

  // A headline stands alone: a blank line after it, or a paragraph line at least twice
  // its length. Hard-wrapped wire copy has lines of similar length and is not headlines.
  std::string_view first = lines[i];
  std::size_t next = next_content(i + 1);
  if (next < lines.size() && scan::length(first) <= kMaxHeadlineChars && !ends_sentence(first)) {
    bool blank_after = i + 1 < lines.size() && lines[i + 1].empty();
    if (blank_after || scan::length(lines[next]) >= 2 * scan::length(first))
      return shorten(first, kMaxHeadlineChars);
  }
  std::string paragraph;
  for (std::size_t j = i; j < lines.size() && !lines[j].empty(); ++j)
    paragraph += (paragraph.empty() ? "" : " ") + std::string(lines[j]);
  std::string_view lead = std::string_view(paragraph).substr(lead_end(paragraph));
  std::string sentence(strip_final_period(first_sentence(lead)));
  if (scan::length(sentence) > kMaxTitleChars) sentence = drop_scene_clause(sentence);
  return shorten(strip_final_period(sentence));
}

}  // namespace iran::corpus
