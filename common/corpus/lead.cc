#include "corpus/lead.h"

#include <unicode/uchar.h>

#include <array>

#include "corpus/scan.h"

namespace iran::corpus {

namespace {

constexpr std::size_t kMaxCityWords = 3;
constexpr std::size_t kMaxWhenBytes = 24;
constexpr std::size_t kMaxAgencyBytes = 24;

// Verbs and prepositions that open an Arabic attribution ("Mehr reported that ...").
// Persian's "به گزارش" ("according to the report of") works the same way.
constexpr std::array<std::string_view, 25> kAttributionOpeners{
    "وأفادت", "وافادت", "أفادت",  "افادت",  "وأفاد", "أفاد",  "وذكرت",   "ذكرت",  "وأعلنت",
    "أعلنت",  "ونقلت",  "نقلت",   "وأوردت", "أوردت", "وقالت", "قالت",    "وبحسب", "بحسب",
    "وحسب",   "حسب",    "وأشارت", "أشارت",  "وكتبت", "كتبت",  "به گزارش"};
// Words that show the attribution names an outlet, not a person.
constexpr std::array<std::string_view, 10> kOutletWords{"وكالة",  "للأنباء", "موقع",  "قناة",
                                                        "صحيفة",  "تلفزيون", "إذاعة", "خبرگزاری",
                                                        "پایگاه", "روزنامه"};
// "that", after which the story's own sentence starts.
constexpr std::array<std::string_view, 8> kComplementizers{"انه", "أنه", "إنه", "بأن",
                                                           "بان", "أن",  "ان",  "إن"};

bool is_letter(char32_t cp) { return cp != 0xFFFD && u_isalpha(static_cast<UChar32>(cp)); }

std::size_t skip_spaces(std::string_view s, std::size_t p) {
  while (p < s.size()) {
    auto st = scan::next_cp(s, p);
    if (!scan::is_space(st.cp) || st.cp == '\n') break;
    p = st.next;
  }
  return p;
}

// A dash or colon ending a dateline; returns the offset after it.
std::optional<std::size_t> separator(std::string_view s, std::size_t p, bool* dash) {
  if (p >= s.size()) return std::nullopt;
  if (s.substr(p).starts_with("--")) return *dash = true, p + 2;
  auto st = scan::next_cp(s, p);
  if (st.cp == '-' || st.cp == 0x2013 || st.cp == 0x2014) return *dash = true, st.next;
  if (st.cp == ':') return *dash = false, st.next;
  return std::nullopt;
}

// An agency's code written without parentheses: one word in capitals ("IRNA", "MNA").
bool is_agency_code(std::string_view s) {
  if (s.size() < 2 || s.size() > 8) return false;
  for (char c : s)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

// "طهران - إرنا - ...", "TEHRAN - IRNA - ...": an agency between two spaced dashes.
// Returns the offset after it (and sets `agency`), or `p` unchanged.
std::size_t agency_after_dash(std::string_view text, std::size_t p, std::string& agency) {
  std::size_t q = p;
  std::size_t words = 1;
  while (q < text.size() && q - p <= kMaxAgencyBytes) {
    auto st = scan::next_cp(text, q);
    if (st.cp == ' ') {
      ++words;
      bool dash = false;
      if (auto after = separator(text, st.next, &dash);
          after && dash && words <= 3 && *after < text.size() && text[*after] == ' ') {
        agency = std::string(text.substr(p, q - p));
        return skip_spaces(text, *after);
      }
    } else if (!is_letter(st.cp)) {
      return p;
    }
    q = st.next;
  }
  return p;
}

}  // namespace

std::optional<Dateline> find_dateline(std::string_view text) {
  Dateline d;
  std::size_t p = skip_spaces(text, 0);
  std::size_t city_begin = p;
  std::size_t words = 0;
  std::size_t letters = 0;
  bool caseless = false;
  bool all_upper = true;
  while (words < kMaxCityWords) {
    std::size_t q = p;
    while (q < text.size()) {
      auto st = scan::next_cp(text, q);
      if (is_letter(st.cp)) {
        ++letters;
        auto cp = static_cast<UChar32>(st.cp);
        if (u_islower(cp)) all_upper = false;
        if (!u_isupper(cp) && !u_islower(cp)) caseless = true;
      } else if (!(q > p && (st.cp == '.' || st.cp == '\''))) {
        break;
      }
      q = st.next;
    }
    if (q == p) break;
    ++words;
    p = q;
    // Another word only after a single space.
    if (p + 1 < text.size() && text[p] == ' ' && is_letter(scan::next_cp(text, p + 1).cp))
      ++p;
    else
      break;
  }
  if (words == 0) return std::nullopt;
  if (text[p - 1] == ' ') --p;  // a trailing space taken for a fourth word
  d.city = std::string(text.substr(city_begin, p - city_begin));

  if (p < text.size() && text[p] == ',') {
    std::size_t b = skip_spaces(text, p + 1);
    std::size_t e = b;
    bool digit = false;
    while (e < text.size() && e - b <= kMaxWhenBytes && text[e] != '(' && text[e] != '\n') {
      bool dummy = false;
      if (text[e] != '.' && text[e] != ',' && separator(text, e, &dummy) &&
          (e == b || text[e - 1] == ' '))
        break;
      if (text[e] >= '0' && text[e] <= '9') digit = true;
      ++e;
    }
    if (e - b > kMaxWhenBytes) return std::nullopt;
    auto part = scan::trim(text.substr(b, e - b));
    if (digit) {
      d.when = std::string(part);
    } else if (is_agency_code(part)) {
      d.agency = std::string(part);  // "Tehran, IRNA -"
    } else {
      return std::nullopt;
    }
    p = e;
  }
  p = skip_spaces(text, p);
  if (p < text.size() && text[p] == '(') {
    auto close = text.find(')', p);
    if (close == std::string_view::npos || close - p > kMaxAgencyBytes) return std::nullopt;
    d.agency = std::string(scan::trim(text.substr(p + 1, close - p - 1)));
    p = skip_spaces(text, close + 1);
  }
  bool dash = false;
  auto after = separator(text, p, &dash);
  if (after) p = skip_spaces(text, *after);
  if (!after && d.agency.empty()) return std::nullopt;

  // Prose starts like this too ("In a meeting - ..."); only capitals, an agency code or,
  // in scripts without case, one or two words before a dash make a dateline.
  // Without case, "(...)" proves nothing: "تبدأ اليونان اليوم (الاثنين)" is prose.
  bool credible =
      caseless ? (after && dash && words <= 2) : (!d.agency.empty() || (all_upper && letters >= 3));
  if (!credible || p >= text.size()) return std::nullopt;
  if (dash && d.agency.empty()) p = agency_after_dash(text, p, d.agency);
  d.end = p;
  return d;
}

std::optional<std::size_t> find_attribution(std::string_view text) {
  std::size_t p = skip_spaces(text, 0);
  std::string_view rest = text.substr(p);
  bool opened = false;
  for (auto opener : kAttributionOpeners) {
    if (rest.starts_with(opener) && rest.size() > opener.size() && rest[opener.size()] == ' ') {
      p += opener.size() + 1;
      opened = true;
      break;
    }
  }
  if (!opened) return std::nullopt;
  // The outlet's name runs to the first comma, within a few words.
  static constexpr std::string_view kArabicComma = "\u060C";
  std::size_t comma = std::string_view::npos;
  std::size_t comma_len = 0;
  for (std::size_t i = p, spaces = 0; i < text.size() && spaces <= 8; ++i) {
    if (text[i] == '\n') break;
    if (text[i] == ' ') ++spaces;
    if (text[i] == ',') {
      comma = i, comma_len = 1;
      break;
    }
    if (text.substr(i).starts_with(kArabicComma)) {
      comma = i, comma_len = kArabicComma.size();
      break;
    }
  }
  if (comma == std::string_view::npos) return std::nullopt;
  std::string_view outlet = text.substr(p, comma - p);
  bool names_outlet = false;
  for (auto w : kOutletWords)
    names_outlet = names_outlet || outlet.find(w) != std::string_view::npos;
  if (!names_outlet) return std::nullopt;
  p = skip_spaces(text, comma + comma_len);
  for (auto c : kComplementizers) {
    std::string_view r = text.substr(p);
    if (r.starts_with(c) && r.size() > c.size() && r[c.size()] == ' ') {
      p = skip_spaces(text, p + c.size());
      break;
    }
  }
  return p < text.size() ? std::optional<std::size_t>(p) : std::nullopt;
}

std::size_t lead_end(std::string_view text) {
  std::size_t p = skip_spaces(text, 0);
  if (auto d = find_dateline(text)) p = d->end;
  if (auto a = find_attribution(text.substr(p))) p += *a;
  return p;
}

}  // namespace iran::corpus
