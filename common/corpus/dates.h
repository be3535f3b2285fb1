// Publication dates: checking the ones metadata gives and finding explicit ones in
// article text. A date is only ever read, never guessed: "on Monday" or a dateline
// without a year ("TEHRAN, Jan. 04 (MNA)") yields nothing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace iran::corpus {

// "2021-12-13", "2021-12" or "2021" (surrounding space allowed) → the same, trimmed;
// nullopt for anything else or a day that does not exist (2021-02-29).
std::optional<std::string> normalize_date(std::string_view given);

struct TextDate {
  std::string date;   // yyyy-mm-dd (Gregorian)
  std::size_t begin;  // byte span of the date as written
  std::size_t end;
  std::string calendar;  // "gregorian", "persian" (Solar Hijri) or "hijri" (lunar, Umm al-Qura), converted
};

// The first complete date (day, month, year) written in the text: "December 13, 2021",
// "Jan. 04, 2021", "13 December 2021", "2021-12-13", Arabic month names of either series
// ("13 كانون الأول/ديسمبر 2021", "١٣ أيار (مايو) ٢٠٢٢") and Solar Hijri dates
// ("۲۳ اردیبهشت ۱۴۰۲"), lunar Hijri dates ("16 جمادى الآخرة 1443 هـ", taken only when
// no other date stands beside it), figures ("19/01/2022", "2023/06/26", "۱۴۰۲/۰۵/۲۶")
// and ISO with a time ("2022-01-19T18:05").
std::optional<TextDate> find_date(std::string_view text);

// The publication date an article writes: a complete date in its dateline
// ("TEHRAN, Dec. 13, 2021 (MNA) -") or a date stamp among its first or last three lines:
// a short line, not a sentence, that is mostly its date ("Published: December 13, 2021",
// "Dec 13, 2021, 2:23 PM"). Dates in the story's sentences, even in its lead, are about
// events ("dividend payable April 1, 1987").
std::optional<TextDate> find_publication_date(std::string_view body);

// Whether a line is only a date or time stamp: a date, a time or a month with its day
// or year, and besides them nothing but weekdays, stamp labels (Published, Updated,
// آخر تحديث), time zones, era marks and separators: "Wednesday, 19 January 2022 6:05 PM",
// "Updated: 10:45 GMT", "چهارشنبه ۲۹ دی ۱۴۰۰ - ۱۸:۰۵". Never a headline (corpus/title.h).
bool is_date_stamp_line(std::string_view line);

// The date in an article's address, as many sites write it: ".../2021/12/11/672455/..."
// or ".../2021-12-11-slug"; a path with only year and month ("/2021/12/") gives yyyy-mm.
std::optional<std::string> date_from_url(std::string_view url);

// Solar Hijri (year, month 1-12, day) → yyyy-mm-dd, by ICU's Persian calendar; nullopt
// for a day that does not exist.
std::optional<std::string> persian_to_gregorian(int year, int month, int day);

// Hijri (Umm al-Qura) (year, month 1-12, day) → yyyy-mm-dd, by ICU's calendar.
std::optional<std::string> hijri_to_gregorian(int year, int month, int day);

}  // namespace iran::corpus
