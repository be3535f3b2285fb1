#include "text/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <array>
#include <cstdint>

#include "text/utf8.h"

namespace iran::text {
namespace {

// What a code point becomes after NFKC. kDrop removes it; kSelf keeps it.
constexpr char32_t kDrop = 0xFFFFFFFF;
constexpr char32_t kSelf = 0xFFFFFFFE;

constexpr char32_t map_char(char32_t c) {
  switch (c) {
    // Alef forms. Writers drop hamza on alef at will (إيران/ايران), and alef wasla only
    // appears in vocalized or Quranic text, so all of them must be one letter to match.
    case 0x0622:
    case 0x0623:
    case 0x0625:
    case 0x0671:
    case 0x0672:
    case 0x0673:
    case 0x0675:
      return 0x0627;
    // Alef maksura and Persian/Urdu yeh: Egyptian and Persian-keyboard spellings of ي.
    case 0x0649:
    case 0x06CC:
    case 0x0678:
      return 0x064A;
    // Persian keheh (ک) is how a Persian keyboard types Arabic kaf.
    case 0x06A9:
    case 0x06AA:
      return 0x0643;
    // Heh variants from Persian/Urdu typing (ۀ is heh + ezafe hamza).
    case 0x06C0:
    case 0x06C1:
    case 0x06D5:
    case 0x06BE:
      return 0x0647;
    // Hamza seats: the same word is written on waw, on yeh or on the line depending on
    // the country and the writer (مسؤول/مسئول, شؤون/شئون, رؤوس/رءوس). Folding the seats to
    // the bare hamza here (not in the stemmer) keeps quoted phrases matching across
    // spellings too, because with STEM_SOME only unstemmed terms carry positions.
    case 0x0624:
    case 0x0626:
      return 0x0621;
    // Arabic decimal and thousands separators and percent, so ٢٫٥ reads as 2.5.
    case 0x066B:
      return U'.';
    case 0x066C:
      return U',';
    case 0x066A:
      return U'%';
    // Curly apostrophes: Iran’s must index and query as Iran's.
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x02BC:
    case 0x2032:
      return U'\'';
    // Curly and angle quotes become ASCII quotes so QueryParser sees a phrase in a query
    // typed «العلاقات الثنائية» or “nuclear deal”; in documents they are punctuation anyway.
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
      return U'"';
    case 0x2010:
      return U'-';
    // ZWNJ joins a Persian word to its affixes (می‌روم, کتاب‌ها) but readers type the
    // same word with a space, a ZWNJ or nothing. Like Lucene's PersianCharFilter we make it a
    // space: the affix becomes its own token, so the space and ZWNJ spellings index alike.
    // A zero-width space separates words by definition.
    case 0x200C:
    case 0x200B:
      return U' ';
    // Tatweel (stretching), ZWJ, bidi marks, BOM, soft hyphen: invisible, and left in
    // they would split or change words that look identical on screen.
    case 0x0640:
    case 0x200D:
    case 0x200E:
    case 0x200F:
    case 0x061C:
    case 0xFEFF:
    case 0x00AD:
    case 0x202A:
    case 0x202B:
    case 0x202C:
    case 0x202D:
    case 0x202E:
    case 0x2066:
    case 0x2067:
    case 0x2068:
    case 0x2069:
      return kDrop;
    default:
      break;
  }
  // Harakat (U+064B..U+0652), the other Arabic combining marks up to U+065F (hamza
  // above/below left over after NFKC, etc.), superscript alef and Quranic annotation
  // marks: vocalization that most text omits, so words must match without it.
  if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x0610 && c <= 0x061A) ||
      (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 || c == 0x06E8 ||
      (c >= 0x06EA && c <= 0x06ED))
    return kDrop;
  if (c >= 0x0660 && c <= 0x0669) return U'0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return U'0' + (c - 0x06F0);
  return kSelf;
}

constexpr char32_t kAlefLetter = 0x0627, kFathatan = 0x064B;

bool is_haraka(char32_t c) { return c >= 0x064B && c <= 0x0652; }
bool is_arabic_letter(char32_t c) {
  return (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3);
}

// The accusative tanween is written as fathatan with a final alef that is no letter of
// the word (نوعاً, رقماً, كتاباً, جدًّا: the mark before or after the alef). With the marks
// gone the alef would stay, and نوعا would not match نوع. Where the writer put the mark,
// it says what the alef is, so that alef goes with it; an unmarked final alef is left to
// the stemmer (it cannot tell سكانا from دنيا). Two letters must stay before it. `s` is
// mapped already (alef forms folded, tatweel gone) but still holds its harakat.
void drop_tanween_alef(std::u32string& s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == kAlefLetter) {
      size_t before = i, after = i + 1;
      bool marked = false;
      while (before > 0 && is_haraka(s[before - 1])) marked |= s[--before] == kFathatan;
      while (after < s.size() && is_haraka(s[after])) marked |= s[after++] == kFathatan;
      const bool word_end = after == s.size() || !is_arabic_letter(s[after]);
      size_t letters = 0;
      for (size_t k = before; k > 0 && letters < 2 && (is_arabic_letter(s[k - 1]) || is_haraka(s[k - 1])); --k)
        letters += is_arabic_letter(s[k - 1]);
      if (marked && word_end && letters >= 2) continue;  // the marks are dropped later anyway
    }
    out.push_back(s[i]);
  }
  s = std::move(out);
}

const icu::Normalizer2& nfkc() {
  // getNFKCInstance returns a process-wide immutable singleton, safe to share.
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return *instance;
}

// NFKC through ICU, then the character map. Input is decoded by our own decoder so
// invalid UTF-8 becomes U+FFFD instead of undefined behaviour.
std::u32string normalize_u32(std::string_view utf8_text) {
  const std::u32string decoded = utf8::decode(utf8_text);
  icu::UnicodeString src = icu::UnicodeString::fromUTF32(
      reinterpret_cast<const UChar32*>(decoded.data()), static_cast<int32_t>(decoded.size()));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2& n = nfkc();
  icu::UnicodeString composed;
  if (n.isNormalized(src, status) && U_SUCCESS(status)) {
    composed = std::move(src);
  } else {
    status = U_ZERO_ERROR;
    composed = n.normalize(src, status);
    if (U_FAILURE(status)) composed = src;
  }
  // The character map, with the harakat kept until the tanween rule has read them.
  std::u32string out;
  out.reserve(static_cast<size_t>(composed.length()));
  bool fathatan = false;
  for (int32_t i = 0; i < composed.length();) {
    const UChar32 c = composed.char32At(i);
    i += U16_LENGTH(c);
    if (is_haraka(static_cast<char32_t>(c))) {
      out.push_back(static_cast<char32_t>(c));
      fathatan |= c == kFathatan;
      continue;
    }
    const char32_t m = map_char(static_cast<char32_t>(c));
    if (m == kDrop) continue;
    out.push_back(m == kSelf ? static_cast<char32_t>(c) : m);
  }
  if (fathatan) drop_tanween_alef(out);
  std::erase_if(out, is_haraka);
  return out;
}

}  // namespace

std::string normalize(std::string_view utf8_text) {
  // NFKC and every rule here leave ASCII alone, and most queries are ASCII.
  if (utf8::is_ascii(utf8_text)) return std::string(utf8_text);
  return utf8::encode(normalize_u32(utf8_text));
}

namespace {

// What simple_word_term makes of each code point of U+0600..U+06FF, which UTF-8 writes
// in two bytes: 0 when the word needs the whole normalizer, kTableDrop when the letter
// goes, else the letter it becomes (each below U+0800, so the term is never longer than
// the word).
constexpr std::uint16_t kTableDrop = 0xFFFF;
constexpr auto kSimpleTable = [] {
  std::array<std::uint16_t, 256> t{};
  for (char32_t c = 0x0600; c <= 0x06FF; ++c) {
    const bool simple = (c >= 0x0621 && c <= 0x0652) || (c >= 0x0660 && c <= 0x0671) || c == 0x06A9 ||
                        c == 0x06CC || (c >= 0x06F0 && c <= 0x06F9);
    // the tanween alef rule (drop_tanween_alef) needs context; ٪ ٫ ٬ ٭ are punctuation
    if (!simple || c == kFathatan || (c >= 0x066A && c <= 0x066D)) continue;
    const char32_t m = map_char(c);
    t[c - 0x0600] = m == kDrop ? kTableDrop : static_cast<std::uint16_t>(m == kSelf ? c : m);
  }
  return t;
}();
static_assert([] {
  for (const auto e : kSimpleTable)
    if (e != kTableDrop && e >= 0x0800) return false;
  return true;
}());

}  // namespace

bool simple_word_term(std::string_view word, std::string& out) {
  // Written in place: no term is longer than its word (kSimpleTable).
  out.resize(word.size());
  char* o = out.data();
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  const std::size_t n = word.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      *o++ = static_cast<char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
      ++i;
      continue;
    }
    // Only two-byte sequences of U+0600..U+06FF are simple (lead bytes D8-DB); anything
    // else, invalid bytes included, takes the whole normalizer.
    if (b < 0xD8 || b > 0xDB || i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) {
      out.clear();
      return false;
    }
    const std::uint16_t e = kSimpleTable[((b & 0x03) << 6) | (p[i + 1] & 0x3F)];
    i += 2;
    if (e == 0) {
      out.clear();
      return false;
    }
    if (e == kTableDrop) continue;
    if (e < 0x80) {
      *o++ = static_cast<char>(e);
    } else {
      *o++ = static_cast<char>(0xC0 | (e >> 6));
      *o++ = static_cast<char>(0x80 | (e & 0x3F));
    }
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
  return true;
}

std::string normalize_folded(std::string_view utf8_text) {
  if (utf8::is_ascii(utf8_text)) {
    std::string out(utf8_text);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  const std::u32string n = normalize_u32(utf8_text);
  icu::UnicodeString s = icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(n.data()),
                                                       static_cast<int32_t>(n.size()));
  s.foldCase();
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace iran::text
