#include "corpus/language.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "corpus/scan.h"

namespace iran::corpus {

ScriptCounts count_scripts(std::string_view text) {
  ScriptCounts c;
  for (std::size_t i = 0; i < text.size();) {
    auto st = scan::next_cp(text, i);
    i = st.next;
    auto cp = static_cast<UChar32>(st.cp);
    if (!u_isalpha(cp)) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(cp, &status);
    if (U_FAILURE(status)) continue;
    if (script == USCRIPT_LATIN) {
      ++c.latin;
    } else if (script == USCRIPT_ARABIC) {
      ++c.arabic;
      switch (cp) {
        case 0x067E:
        case 0x0686:
        case 0x0698:
        case 0x06AF:
          ++c.persian_only;
          break;
        case 0x0629:
        case 0x0649:
          ++c.arabic_only;
          break;
        case 0x06CC:
        case 0x06A9:
          ++c.persian_yeh_keheh;
          break;
        case 0x064A:
        case 0x0643:
          ++c.arabic_yeh_kaf;
          break;
        default:
          break;
      }
    } else {
      ++c.other;
    }
  }
  return c;
}

std::string detect_language(std::string_view text) {
  auto c = count_scripts(text);
  if (c.latin == 0 && c.arabic == 0) return "";
  if (c.latin >= c.arabic) return c.latin > c.other ? "en" : "";
  if (c.arabic <= c.other) return "";
  // Arabic from Iranian outlets is often typed with Persian ی and ک, so those letters
  // alone prove nothing. پ چ ژ گ are Persian and ة ى Arabic (tanwin and ؤ are not
  // evidence: Persian writes کاملاً and مؤسسه). Comparing the two, not testing for any
  // Persian letter, keeps a name like "گروسی" in an Arabic article from making it Persian.
  if (c.persian_only > c.arabic_only) return "fa";
  if (c.persian_only == 0 && c.arabic_only == 0)
    return c.persian_yeh_keheh > c.arabic_yeh_kaf ? "fa" : "ar";
  return "ar";
}

}  // namespace iran::corpus
