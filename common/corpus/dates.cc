#include "corpus/dates.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <memory>
#include <span>
#include <vector>

#include "corpus/lead.h"
#include "corpus/scan.h"

namespace iran::corpus {

namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string iso(int y, int m, int d) {
  char buf[48];  // room for any int, so the compiler sees no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// ---- Month names: data, folded the way tokens are (see fold()). ----

enum class Calendar { Gregorian, Persian, Hijri };

struct MonthName {
  std::string_view name;  // one or two words
  int month;
  Calendar calendar;
};

// English full names and the abbreviations wire services use; Arabic in both the
// Levantine/Iraqi series and the Egyptian/Gulf series (with common spelling
// variants); Persian Solar Hijri. Written folded: no hamza on alef, ي for ی.
// clang-format off
constexpr MonthName kMonths[] = {
    {"january", 1, Calendar::Gregorian},   {"jan", 1, Calendar::Gregorian},
    {"february", 2, Calendar::Gregorian},  {"feb", 2, Calendar::Gregorian},
    {"march", 3, Calendar::Gregorian},     {"mar", 3, Calendar::Gregorian},
    {"april", 4, Calendar::Gregorian},     {"apr", 4, Calendar::Gregorian},
    {"may", 5, Calendar::Gregorian},       {"june", 6, Calendar::Gregorian},
    {"jun", 6, Calendar::Gregorian},       {"july", 7, Calendar::Gregorian},
    {"jul", 7, Calendar::Gregorian},       {"august", 8, Calendar::Gregorian},
    {"aug", 8, Calendar::Gregorian},       {"september", 9, Calendar::Gregorian},
    {"sep", 9, Calendar::Gregorian},       {"sept", 9, Calendar::Gregorian},
    {"october", 10, Calendar::Gregorian},  {"oct", 10, Calendar::Gregorian},
    {"november", 11, Calendar::Gregorian}, {"nov", 11, Calendar::Gregorian},
    {"december", 12, Calendar::Gregorian}, {"dec", 12, Calendar::Gregorian},
    // Levantine / Iraqi
    {"كانون الثاني", 1, Calendar::Gregorian}, {"شباط", 2, Calendar::Gregorian},
    {"اذار", 3, Calendar::Gregorian},         {"نيسان", 4, Calendar::Gregorian},
    {"ايار", 5, Calendar::Gregorian},         {"حزيران", 6, Calendar::Gregorian},
    {"تموز", 7, Calendar::Gregorian},         {"اب", 8, Calendar::Gregorian},
    {"ايلول", 9, Calendar::Gregorian},        {"تشرين الاول", 10, Calendar::Gregorian},
    {"تشرين الثاني", 11, Calendar::Gregorian}, {"كانون الاول", 12, Calendar::Gregorian},
    // Egyptian / Gulf
    {"يناير", 1, Calendar::Gregorian},  {"فبراير", 2, Calendar::Gregorian},
    {"مارس", 3, Calendar::Gregorian},   {"ابريل", 4, Calendar::Gregorian},
    {"افريل", 4, Calendar::Gregorian},  {"مايو", 5, Calendar::Gregorian},
    {"يونيو", 6, Calendar::Gregorian},  {"يونيه", 6, Calendar::Gregorian},
    {"يوليو", 7, Calendar::Gregorian},  {"يوليه", 7, Calendar::Gregorian},
    {"اغسطس", 8, Calendar::Gregorian},  {"سبتمبر", 9, Calendar::Gregorian},
    {"اكتوبر", 10, Calendar::Gregorian}, {"نوفمبر", 11, Calendar::Gregorian},
    {"ديسمبر", 12, Calendar::Gregorian},
    // Persian (Solar Hijri)
    {"فروردين", 1, Calendar::Persian}, {"ارديبهشت", 2, Calendar::Persian},
    {"خرداد", 3, Calendar::Persian},   {"تير", 4, Calendar::Persian},
    {"مرداد", 5, Calendar::Persian},   {"امرداد", 5, Calendar::Persian},
    {"شهريور", 6, Calendar::Persian},  {"مهر", 7, Calendar::Persian},
    {"ابان", 8, Calendar::Persian},    {"اذر", 9, Calendar::Persian},
    {"دي", 10, Calendar::Persian},     {"بهمن", 11, Calendar::Persian},
    {"اسفند", 12, Calendar::Persian},
    // Hijri (lunar), as Saudi and Gulf outlets date their stories
    {"محرم", 1, Calendar::Hijri},        {"صفر", 2, Calendar::Hijri},
    {"ربيع الاول", 3, Calendar::Hijri},  {"ربيع الاخر", 4, Calendar::Hijri},
    {"ربيع الثاني", 4, Calendar::Hijri}, {"جمادي الاولي", 5, Calendar::Hijri},
    {"جمادي الاول", 5, Calendar::Hijri}, {"جمادي الاخرة", 6, Calendar::Hijri},
    {"جمادي الاخره", 6, Calendar::Hijri}, {"جمادي الثانية", 6, Calendar::Hijri},
    {"جمادي الاخر", 6, Calendar::Hijri}, {"رجب", 7, Calendar::Hijri},
    {"شعبان", 8, Calendar::Hijri},       {"رمضان", 9, Calendar::Hijri},
    {"شوال", 10, Calendar::Hijri},       {"ذو القعدة", 11, Calendar::Hijri},
    {"ذي القعدة", 11, Calendar::Hijri},  {"ذو الحجة", 12, Calendar::Hijri},
    {"ذي الحجة", 12, Calendar::Hijri},
};
// clang-format on

// Years a news date can plausibly have in each calendar; a number outside is not a year.
bool plausible_year(int y, Calendar c) {
  return c == Calendar::Gregorian ? (y >= 1900 && y <= 2100) : (y >= 1300 && y <= 1499);
}

// ---- Tokens ----

struct Token {
  std::string folded;  // lowercased ASCII, Arabic/Persian letters unified, digits ASCII
  std::size_t begin;
  std::size_t end;
};

bool is_separator(char32_t cp) {
  switch (cp) {
    case '/':
    case '(':
    case ')':
    case ',':
    case ';':
    case '"':
    case '[':
    case ']':
    case 0x060C:
    case 0x061B:  // Arabic comma and semicolon
    case 0x201C:
    case 0x201D:
    case 0x00AB:
    case 0x00BB:
      return true;
    default:
      return scan::is_space(cp);
  }
}

// Punctuation that may cling to either end of a token ("Jan.", "2021.", "13th:").
bool is_edge_punct(char32_t cp) {
  return cp == '.' || cp == ':' || cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == '-' ||
         cp == 0x2013 || cp == 0x2014;
}

void append(std::string& out, char32_t cp) {
  char buf[4];
  int32_t n = 0;
  UBool err = false;
  U8_APPEND(buf, n, 4, static_cast<UChar32>(cp), err);
  if (!err) out.append(buf, static_cast<std::size_t>(n));
}

// Folding just enough for month names and numbers to compare: a local rule rather than
// the analyzer's normalizer, because dates must read the same whatever it decides.
std::string fold(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    auto st = scan::next_cp(s, i);
    i = st.next;
    char32_t c = st.cp;
    if ((c >= 0x064B && c <= 0x0652) || c == 0x0670 || c == 0x0640) continue;  // harakat, tatweel
    if (c == 0x0623 || c == 0x0625 || c == 0x0622 || c == 0x0671) c = 0x0627;  // alef forms
    if (c == 0x06CC || c == 0x0649) c = 0x064A;                                // ی ى → ي
    if (c == 0x06A9) c = 0x0643;                                               // ک → ك
    if (c >= 0x0660 && c <= 0x0669) c = '0' + (c - 0x0660);
    if (c >= 0x06F0 && c <= 0x06F9) c = '0' + (c - 0x06F0);
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    append(out, c);
  }
  return out;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < text.size()) {
    auto st = scan::next_cp(text, i);
    if (is_separator(st.cp)) {
      i = st.next;
      continue;
    }
    std::size_t b = i;
    while (i < text.size()) {
      auto t = scan::next_cp(text, i);
      if (is_separator(t.cp)) break;
      i = t.next;
    }
    std::size_t e = i;
    // Peel edge punctuation, one code point at a time.
    while (b < e && is_edge_punct(scan::next_cp(text, b).cp)) b = scan::next_cp(text, b).next;
    while (e > b) {
      std::size_t p = e - 1;
      while (p > b && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
      if (!is_edge_punct(scan::next_cp(text, p).cp)) break;
      e = p;
    }
    if (b < e) {
      out.push_back({fold(text.substr(b, e - b)), b, e});
    } else {
      // A lone dash still separates: "April 8 - 1986 Year" is not April 8, 1986.
      out.push_back({"-", b, i});
    }
  }
  return out;
}

struct MonthMatch {
  int month;
  Calendar calendar;
  std::size_t tokens;
};

std::optional<MonthMatch> month_at(const std::vector<Token>& t, std::size_t i) {
  if (i >= t.size()) return std::nullopt;
  for (const auto& m : kMonths) {
    auto space = m.name.find(' ');
    if (space == std::string_view::npos) {
      if (t[i].folded == m.name) return MonthMatch{m.month, m.calendar, 1};
    } else if (i + 1 < t.size() && t[i].folded == m.name.substr(0, space) &&
               t[i + 1].folded == m.name.substr(space + 1)) {
      return MonthMatch{m.month, m.calendar, 2};
    }
  }
  return std::nullopt;
}

std::optional<int> day_at(const std::vector<Token>& t, std::size_t i) {
  if (i >= t.size()) return std::nullopt;
  std::string_view s = t[i].folded;
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (s.size() > 2 && s.ends_with(suffix)) s.remove_suffix(2);
  }
  if (s.empty() || s.size() > 2 || !all_digits(s)) return std::nullopt;
  int d = to_int(s);
  if (d < 1 || d > 31) return std::nullopt;
  return d;
}

std::optional<int> year_at(const std::vector<Token>& t, std::size_t i, Calendar c) {
  if (i >= t.size()) return std::nullopt;
  std::string_view s = t[i].folded;
  // "2021م" (Gregorian era letter), "1445هـ" (Hijri era letter, only after a Hijri month).
  if (s.ends_with("م")) s.remove_suffix(std::string_view("م").size());
  if (c == Calendar::Hijri && s.ends_with("ه")) s.remove_suffix(std::string_view("ه").size());
  if (s.size() != 4 || !all_digits(s)) return std::nullopt;
  int y = to_int(s);
  if (!plausible_year(y, c)) return std::nullopt;
  return y;
}

std::optional<std::string> to_gregorian(int y, int m, int d, Calendar c) {
  if (c == Calendar::Persian) return persian_to_gregorian(y, m, d);
  if (c == Calendar::Hijri) return hijri_to_gregorian(y, m, d);
  if (d > days_in_month(y, m)) return std::nullopt;
  return iso(y, m, d);
}

// Day Month [Month-in-the-other-series] Year, as Arabic and British English write it.
std::optional<TextDate> day_month_year(const std::vector<Token>& t, std::size_t i) {
  auto d = day_at(t, i);
  if (!d) return std::nullopt;
  std::size_t j = i + 1;
  if (j < t.size() && t[j].folded == "of") ++j;
  auto m = month_at(t, j);
  if (!m) return std::nullopt;
  j += m->tokens;
  if (auto alt = month_at(t, j)) {
    if (alt->month != m->month || alt->calendar != m->calendar) return std::nullopt;
    j += alt->tokens;
  }
  auto y = year_at(t, j, m->calendar);
  if (!y) return std::nullopt;
  auto date = to_gregorian(*y, m->month, *d, m->calendar);
  if (!date) return std::nullopt;
  return TextDate{*date, t[i].begin, t[j].end,
                  m->calendar == Calendar::Persian ? "persian" : m->calendar == Calendar::Hijri ? "hijri" : "gregorian"};
}

// Month Day Year, as American English and wire services write it.
std::optional<TextDate> month_day_year(const std::vector<Token>& t, std::size_t i) {
  auto m = month_at(t, i);
  if (!m || m->calendar != Calendar::Gregorian) return std::nullopt;
  std::size_t j = i + m->tokens;
  auto d = day_at(t, j);
  if (!d) return std::nullopt;
  auto y = year_at(t, j + 1, m->calendar);
  if (!y) return std::nullopt;
  auto date = to_gregorian(*y, m->month, *d, m->calendar);
  if (!date) return std::nullopt;
  return TextDate{*date, t[i].begin, t[j + 1].end, "gregorian"};
}

std::optional<TextDate> iso_token(const std::vector<Token>& t, std::size_t i) {
  std::string s = t[i].folded;
  // "2022-01-19T18:05", "2022-01-19T18:05:00+03:30": the day, whatever the time.
  if (s.size() > 10 && (s[10] == 't') && s.size() >= 13) s.resize(10);
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto date = normalize_date(s);
  if (!date || !plausible_year(to_int(std::string_view(s).substr(0, 4)), Calendar::Gregorian))
    return std::nullopt;
  return TextDate{*date, t[i].begin, t[i].end, "gregorian"};
}

// Day, month and year in figures: "19/01/2022", "19-01-2022", "19.01.2022" (day first,
// as the region's outlets write it; month first only when the second number cannot be
// a month), "2023/06/26", and Solar Hijri "۱۴۰۲/۰۵/۲۶" (a year 1300-1499).
std::optional<TextDate> numeric_date(std::string_view text, const std::vector<Token>& t, std::size_t i) {
  std::vector<std::string> parts;
  std::size_t end = t[i].end;
  const std::string& s = t[i].folded;
  if (s.size() >= 8 && s.size() <= 10 && (s.find('-') != std::string::npos || s.find('.') != std::string::npos)) {
    const char sep = s.find('-') != std::string::npos ? '-' : '.';
    std::size_t a = s.find(sep), b = s.find(sep, a + 1);
    if (b == std::string::npos || s.find(sep, b + 1) != std::string::npos) return std::nullopt;
    parts = {s.substr(0, a), s.substr(a + 1, b - a - 1), s.substr(b + 1)};
    if (parts[0].size() == 4) return std::nullopt;  // yyyy-mm-dd is iso_token's
  } else if (all_digits(s) && i + 2 < t.size()) {
    // Three tokens split by single slashes.
    auto slash = [&](std::size_t k) { return text.substr(t[k].end, t[k + 1].begin - t[k].end) == "/"; };
    if (!slash(i) || !slash(i + 1)) return std::nullopt;
    parts = {s, t[i + 1].folded, t[i + 2].folded};
    end = t[i + 2].end;
    if (i > 0 && text.substr(t[i - 1].end, t[i].begin - t[i - 1].end) == "/") return std::nullopt;
    if (i + 3 < t.size() && text.substr(t[i + 2].end, t[i + 3].begin - t[i + 2].end) == "/") return std::nullopt;
  } else {
    return std::nullopt;
  }
  for (const auto& p : parts)
    if (p.empty() || p.size() > 4 || !all_digits(p)) return std::nullopt;
  int y, m, d;
  if (parts[0].size() == 4 && parts[1].size() <= 2 && parts[2].size() <= 2) {
    y = to_int(parts[0]), m = to_int(parts[1]), d = to_int(parts[2]);
  } else if (parts[2].size() == 4 && parts[0].size() <= 2 && parts[1].size() <= 2) {
    y = to_int(parts[2]), d = to_int(parts[0]), m = to_int(parts[1]);
    if (m > 12 && d <= 12) std::swap(m, d);
  } else {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  Calendar c = Calendar::Gregorian;
  if (!plausible_year(y, c)) {
    c = Calendar::Persian;
    if (!plausible_year(y, c)) return std::nullopt;
  }
  auto date = to_gregorian(y, m, d, c);
  if (!date) return std::nullopt;
  return TextDate{*date, t[i].begin, end, c == Calendar::Persian ? "persian" : "gregorian"};
}

// Words of a stamp line besides its date. The Hijri date and era marks that Saudi and
// Gulf datelines write beside the Gregorian one ("برلين 25 شوال 1436 هـ الموافق 10 أغسطس
// 2015 م واس") and a time of day ("2:23 PM", "10:45 GMT") do not count.
constexpr std::string_view kHijriMarks[] = {"هـ", "ه"};
constexpr std::string_view kDateWords[] = {
    "م",     "الموافق", "محرم",   "صفر", "ربيع",  "الاول", "الاخر", "الثاني",
    "جمادي", "الاولي",  "الاخرة", "رجب", "شعبان", "رمضان", "شوال",  "ذو",
    "ذي",    "القعدة",  "الحجة",  "am",  "pm",    "gmt",   "utc",   "-"};

bool is_one_of(std::string_view t, std::span<const std::string_view> words) {
  return std::find(words.begin(), words.end(), t) != words.end();
}

std::size_t stamp_words(std::string_view line, const TextDate& date) {
  auto tokens = tokenize(line);
  bool hijri = std::any_of(tokens.begin(), tokens.end(),
                           [](const Token& t) { return is_one_of(t.folded, kHijriMarks); });
  std::size_t n = 0;
  for (const auto& t : tokens) {
    if (t.begin >= date.begin && t.end <= date.end) continue;
    if (is_one_of(t.folded, kHijriMarks) || is_one_of(t.folded, kDateWords)) continue;
    if (t.folded.find(':') != std::string::npos) continue;  // a time
    if (hijri && all_digits(t.folded)) continue;            // the Hijri day and year
    ++n;
  }
  return n;
}

// Whether a short line is a date stamp: mostly its date, no sentence around it.
bool is_stamp(std::string_view line, const TextDate& date) {
  constexpr std::size_t kMaxStampWords = 4;
  // Past closing quotes: `... 1989."` ends a sentence too.
  std::string_view end = line;
  while (!end.empty() && (end.back() == '"' || end.back() == '\'' || end.ends_with("\u201D"))) {
    end.remove_suffix(end.ends_with("\u201D") ? std::string_view("\u201D").size() : 1);
  }
  if (end.empty()) return false;
  char last = end.back();
  if (last == '.' || last == ',' || last == ';' || last == '!' || last == '?' ||
      end.ends_with("\u061F") || end.ends_with("\u060C"))
    return false;
  // A full stop outside the date ("Sept 16, 1975. N/A") is a sentence boundary.
  if (line.substr(0, date.begin).find(". ") != std::string_view::npos ||
      line.substr(date.end).find('.') != std::string_view::npos)
    return false;
  return stamp_words(line, date) <= kMaxStampWords;
}

}  // namespace

std::optional<std::string> normalize_date(std::string_view given) {
  std::string_view s = scan::trim(given);
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return std::nullopt;
  if (!all_digits(s.substr(0, 4))) return std::nullopt;
  int y = to_int(s.substr(0, 4));
  if (y < 1) return std::nullopt;
  if (s.size() >= 7) {
    if (s[4] != '-' || !all_digits(s.substr(5, 2))) return std::nullopt;
    int m = to_int(s.substr(5, 2));
    if (m < 1 || m > 12) return std::nullopt;
    if (s.size() == 10) {
      if (s[7] != '-' || !all_digits(s.substr(8, 2))) return std::nullopt;
      int d = to_int(s.substr(8, 2));
      if (d < 1 || d > days_in_month(y, m)) return std::nullopt;
    }
  }
  return std::string(s);
}

namespace {

// A day of another calendar (ICU locale keyword `calendar=...`) as an ISO Gregorian
// date; nullopt when the calendar has no such day (e.g. 30 Esfand in a common year).
std::optional<std::string> calendar_to_gregorian(const char* locale, int year, int month,
                                                 int day) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> source(icu::Calendar::createInstance(
      icu::TimeZone::getGMT()->clone(), icu::Locale(locale), status));
  if (U_FAILURE(status)) return std::nullopt;
  source->setLenient(false);
  source->clear();
  // Noon, so no time-zone arithmetic can move the day.
  source->set(year, month - 1, day, 12, 0, 0);
  UDate when = source->getTime(status);
  if (U_FAILURE(status)) return std::nullopt;
  icu::GregorianCalendar gregorian(icu::TimeZone::getGMT()->clone(), status);
  if (U_FAILURE(status)) return std::nullopt;
  gregorian.setTime(when, status);
  int y = gregorian.get(UCAL_YEAR, status);
  int m = gregorian.get(UCAL_MONTH, status) + 1;
  int d = gregorian.get(UCAL_DATE, status);
  if (U_FAILURE(status)) return std::nullopt;
  return iso(y, m, d);
}

}  // namespace

std::optional<std::string> persian_to_gregorian(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > (month <= 6 ? 31 : 30)) return std::nullopt;
  return calendar_to_gregorian("fa_IR@calendar=persian", year, month, day);
}

std::optional<std::string> hijri_to_gregorian(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 30) return std::nullopt;
  // Umm al-Qura, the calendar Saudi Arabia publishes.
  return calendar_to_gregorian("ar_SA@calendar=islamic-umalqura", year, month, day);
}

std::optional<TextDate> find_date(std::string_view text) {
  auto tokens = tokenize(text);
  // A Hijri date is taken only when no other date stands beside it ("٢٠ شوال ١٤٤٥ هـ
  // الموافق ٢٩ أبريل ٢٠٢٤ م" is dated by its Gregorian half).
  std::optional<TextDate> hijri;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::optional<TextDate> d = day_month_year(tokens, i);
    if (!d) d = month_day_year(tokens, i);
    if (!d) d = iso_token(tokens, i);
    if (!d) d = numeric_date(text, tokens, i);
    if (!d) continue;
    if (d->calendar != "hijri") return d;
    if (!hijri) hijri = d;
  }
  return hijri;
}

namespace {

// Words a stamp line holds besides its date: weekdays (English, Arabic, Persian, folded
// as tokens are), stamp labels, times of day and their zones.
// clang-format off
constexpr std::string_view kStampWords[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعة", "السبت",
    "يوم", "شنبه", "يكشنبه", "دوشنبه", "سه", "سه\u200cشنبه", "چهارشنبه", "پنجشنبه",
    "پنج\u200cشنبه", "جمعه", "سهشنبه",
    "published", "updated", "posted", "modified", "last", "on", "at", "date", "time",
    "a.m", "p.m", "am", "pm", "gmt", "utc", "irst", "ast", "est", "edt", "bst", "cet",
    "cest", "ist", "local",
    "نشر", "في", "اخر", "تحديث", "بتاريخ", "تاريخ", "النشر", "التحديث", "انتشار",
    "بروزرساني", "ساعت", "|", "-", "\u2013", "\u2014", "\u00b7", "\u2022"};
// clang-format on

bool is_time(std::string_view t) {
  // 6:05, 18:05:00, 18:05+03:30, 6.05pm is not read (a decimal).
  bool colon = false, digit = false;
  for (char c : t) {
    if (c == ':') colon = true;
    else if (c >= '0' && c <= '9') digit = true;
    else if (c != '+' && c != '-') return false;
  }
  return colon && digit;
}

bool is_number(std::string_view t) {
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (t.size() > suffix.size() && t.ends_with(suffix)) t.remove_suffix(suffix.size());
  if (t.starts_with('+')) t.remove_prefix(1);  // a zone offset: +0330
  return all_digits(t);
}

}  // namespace

bool is_date_stamp_line(std::string_view line) {
  line = scan::trim(line);
  if (line.empty()) return false;
  const auto tokens = tokenize(line);
  const auto date = find_date(line);
  bool dated = date.has_value(), timed = false, month = false, number = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (date && t.begin >= date->begin && t.end <= date->end) continue;
    if (const auto m = month_at(tokens, i)) {
      month = true;
      i += m->tokens - 1;
      continue;
    }
    if (is_time(t.folded)) {
      timed = true;
      continue;
    }
    if (is_number(t.folded)) {
      number = true;
      continue;
    }
    if (is_one_of(t.folded, kStampWords) || is_one_of(t.folded, kDateWords) || is_one_of(t.folded, kHijriMarks))
      continue;
    return false;
  }
  // Something must make it a stamp: a whole date, a time, or a month with its day or year.
  return dated || timed || (month && number);
}

std::optional<std::string> date_from_url(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::nullopt;
  auto slash = url.find('/', scheme + 3);
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view path = url.substr(slash);
  path = path.substr(0, path.find_first_of("?#"));
  auto year_ok = [](std::string_view y) {
    return all_digits(y) && plausible_year(to_int(y), Calendar::Gregorian);
  };
  for (std::size_t i = 0; i + 5 <= path.size(); ++i) {
    if (path[i] != '/') continue;
    std::string_view rest = path.substr(i + 1);
    if (rest.size() < 4 || !year_ok(rest.substr(0, 4))) continue;
    // "/2021/12/11/", "/2021/12/"
    auto segment_end = [&](std::size_t at) { return at == rest.size() || rest[at] == '/'; };
    if (rest.size() >= 7 && rest[4] == '/' && segment_end(7)) {
      std::string ym = std::string(rest.substr(0, 4)) + "-" + std::string(rest.substr(5, 2));
      if (rest.size() >= 10 && segment_end(10)) {
        if (auto d = normalize_date(ym + "-" + std::string(rest.substr(8, 2)))) return d;
      }
      if (auto d = normalize_date(ym)) return d;
    }
    // "/2021-12-11-slug" or "/2021-12-11"
    if (rest.size() >= 10 &&
        (rest.size() == 10 || !std::isdigit(static_cast<unsigned char>(rest[10])))) {
      if (auto d = normalize_date(rest.substr(0, 10)); d && d->size() == 10) return d;
    }
  }
  return std::nullopt;
}

std::optional<TextDate> find_publication_date(std::string_view body) {
  if (auto dateline = find_dateline(body)) {
    if (auto d = find_date(body.substr(0, dateline->end))) return d;
  }
  // Stamps sit above or below the story, not inside it (tables of figures have short
  // dated lines too).
  constexpr std::size_t kStampChars = 60;
  constexpr std::size_t kEdgeLines = 3;
  std::vector<std::string_view> content;
  for (const auto& l : scan::lines(body)) {
    auto line = scan::trim(body.substr(l.begin, l.end - l.begin));
    if (!line.empty()) content.push_back(line);
  }
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (i >= kEdgeLines && i + kEdgeLines < content.size()) continue;
    std::string_view line = content[i];
    if (scan::length(line) > kStampChars) continue;
    auto d = find_date(line);
    if (!d || !is_stamp(line, *d)) continue;
    std::size_t offset = static_cast<std::size_t>(line.data() - body.data());
    d->begin += offset;
    d->end += offset;
    return d;
  }
  return std::nullopt;
}

}  // namespace iran::corpus
