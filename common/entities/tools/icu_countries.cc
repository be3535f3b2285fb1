// Prints the ICU part of countries.tsv: every ISO 3166 region's display name in
// English, Arabic and Persian (long and short forms). Not part of the build: the
// output is pasted into data/countries.tsv under its "ICU base" header so the names
// we match are reviewable data, do not change silently with the ICU version, and can
// be curated (e.g. the Arabic "مالي" for Mali is dropped: it is also "financial").
//
//   c++ -std=c++20 icu_countries.cc $(pkg-config --libs icu-uc icu-i18n) -o icu_countries
//   ./icu_countries > icu.tsv
#include <unicode/locdspnm.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace {

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// ICU writes some names as "Myanmar (Burma)" or "Congo - Kinshasa"; the dash forms
// are useless in running text (curated names replace them), the bracketed part is an
// alternative name of its own.
void add_variants(const std::string& name, std::vector<std::string>& out) {
  if (name.find(" - ") != std::string::npos || name.find(',') != std::string::npos ||
      name.find("\xD8\x8C") != std::string::npos)  // Arabic comma
    return;
  auto open = name.find(" (");
  auto close = name.find(')', open);
  if (open != std::string::npos && close != std::string::npos) {
    // "Cocos (Keeling) Islands": both "Cocos Islands" and "Keeling Islands"; a
    // bracketed description of several words ("(منطقة إدارية خاصة)") is no name.
    const std::string before = name.substr(0, open), inner = name.substr(open + 2, close - open - 2),
                      after = name.substr(close + 1);
    out.push_back(before + after);
    if (inner.find(' ') == std::string::npos) out.push_back(inner + after);
    return;
  }
  out.push_back(name);
  auto amp = name.find(" & ");
  if (amp != std::string::npos) out.push_back(name.substr(0, amp) + " and " + name.substr(amp + 3));
  if (name.rfind("St. ", 0) == 0) out.push_back("Saint " + name.substr(4));
}

}  // namespace

int main() {
  UDisplayContext ctx[1] = {UDISPCTX_LENGTH_SHORT};
  for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
    icu::Locale region("", *code);
    // ISO 3166 alpha-3 (IRN, QAT) for resolve() only: as words they would match "ARE".
    // Those that are words or other abbreviations (AND, ARE, CAN, PNG) were deleted
    // from the pasted output by hand, lest a query word resolve to a country.
    if (const char* iso3 = region.getISO3Country(); iso3 && *iso3) std::cout << *code << "\talias\t" << iso3 << '\n';
    for (const char* lang : {"en", "ar", "fa"}) {
      icu::Locale locale(lang);
      icu::UnicodeString long_name, short_name;
      region.getDisplayCountry(locale, long_name);
      std::unique_ptr<icu::LocaleDisplayNames> names(icu::LocaleDisplayNames::createInstance(locale, ctx, 1));
      names->regionDisplayName(*code, short_name);
      std::vector<std::string> variants;
      add_variants(utf8(long_name), variants);
      add_variants(utf8(short_name), variants);
      std::set<std::string> seen;
      bool first = true;
      for (const auto& v : variants) {
        if (v.empty() || v == *code || !seen.insert(v).second) continue;
        std::cout << *code << '\t' << (first ? lang : "name") << '\t' << v << '\n';
        first = false;
      }
    }
  }
}
