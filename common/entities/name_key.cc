#include "entities/name_key.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

#include "text/normalizer.h"
#include "text/utf8.h"
#include "util/memo.h"

namespace iran::entities {
namespace {

// One letter of a name as a consonant class; 0 for a letter that is dropped (a vowel,
// or a letter that stands for one). `alt` is a second reading (ض: d or z; Latin v:
// nothing, as Persian و, or f, as Arabic writes Russian names: Lavrov لافروف).
struct Sound {
  char cls = 0;
  char alt = 0;
  bool has_alt = false;
  // The vowel letters written between the previous sound and this one (for vowels_agree):
  // Latin a e i o u y w as written; Arabic script as classes: a (ا آ أ إ), i (ي ی ى ئ),
  // u (و ؤ), c (ع ء).
  std::string gap = {};
};

std::vector<UChar32> code_points(std::string_view s) {
  std::vector<UChar32> out;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0) out.push_back(c);
  }
  return out;
}

bool is_arabic_letter(UChar32 c) { return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3); }

// Latin letters with diacritics as their base letter (Çavuşoğlu, Rūḥānī); ş and š
// are "sh", ç and č "ch", ž "zh".
std::string latin_base(UChar32 c) {
  if (c < 0x80) return std::string(1, static_cast<char>(u_tolower(c)));
  switch (c) {
    case 0x15F: case 0x15E: case 0x161: case 0x160: return "sh";
    case 0xE7: case 0xC7: case 0x10D: case 0x10C: return "ch";
    case 0x17E: case 0x17D: return "zh";
    case 0x11F: case 0x11E: return "g";
    case 0x131: return "i";
    default: break;
  }
  // The base letter of the accented letters romanizations use (á → a, ḥ → h, ū → u).
  const UChar32 base = u_foldCase(c, U_FOLD_CASE_DEFAULT);
  static constexpr struct {
    UChar32 from, to;
    char letter;
  } kRanges[] = {{0xE0, 0xE5, 'a'}, {0xE8, 0xEB, 'e'}, {0xEC, 0xEF, 'i'}, {0xF2, 0xF6, 'o'}, {0xF8, 0xF8, 'o'},
                 {0xF9, 0xFC, 'u'}, {0xFD, 0xFD, 'y'}, {0xFF, 0xFF, 'y'}, {0xF1, 0xF1, 'n'}, {0x101, 0x105, 'a'},
                 {0x113, 0x11B, 'e'}, {0x12B, 0x12F, 'i'}, {0x14D, 0x151, 'o'}, {0x16B, 0x173, 'u'},
                 {0x1E25, 0x1E25, 'h'}, {0x1E0D, 0x1E0D, 'd'}, {0x1E63, 0x1E63, 's'}, {0x1E6D, 0x1E6D, 't'},
                 {0x1E93, 0x1E93, 'z'}};
  for (const auto& r : kRanges)
    if (base >= r.from && base <= r.to) return std::string(1, r.letter);
  return {};
}

// The marks of a word's opening vowel (ا ع أ; a e i o u) and closing i (ي; i y ee).
constexpr char kOpeningMark = 'a', kFinalMark = 'i';

bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w'; }

// Articles and assimilated articles written as their own word (al-, ash-, el-, ul-).
bool latin_article(const std::string& w) {
  static constexpr const char* kArticles[] = {"al", "el", "ul", "ol", "ash", "as", "ad", "an", "ar", "at", "az", "ath", "adh"};
  for (const char* a : kArticles)
    if (w == a) return true;
  return false;
}

std::vector<Sound> latin_sounds(std::string w) {
  std::vector<Sound> out;
  if (latin_article(w)) return out;
  std::string pending;  // vowel letters since the last sound
  auto emit = [&](Sound sound) {
    sound.gap = std::move(pending);
    pending.clear();
    out.push_back(std::move(sound));
  };
  // A name that opens with a vowel opens with ا, ع or أ in Arabic script (Eslami اسلامي,
  // Abbas عباس): kept as a mark, so that Ahmadian is not Hamdan, nor Eslami al-Salami.
  if (!w.empty() && (w[0] == 'a' || w[0] == 'e' || w[0] == 'i' || w[0] == 'o' || w[0] == 'u')) out.push_back({kOpeningMark});
  // Abdul-, Abdel-, Abdol-: Abd and the article.
  for (const char* abd : {"abdoul", "abdul", "abdel", "abdol", "abdal", "abdil"}) {
    const std::string p(abd);
    if (w.size() >= p.size() && w.compare(0, p.size(), p) == 0) {
      out.push_back({'b'});
      out.push_back({'d'});
      w = w.substr(p.size());
      break;
    }
  }
  // A name that ends in an i sound ends in ي in Arabic script (Salehi صالحي, Kanaani
  // كنعاني): kept as a closing mark, so that Salehi is not Saleh صالح.
  const bool final_i = !w.empty() && (w.back() == 'i' || w.back() == 'y' || (w.size() >= 2 && (w.compare(w.size() - 2, 2, "ee") == 0 || w.compare(w.size() - 2, 2, "ie") == 0)));
  // A letter written twice is one consonant (gemination: Abbas عباس, Shammari الشمري);
  // the same letter across a vowel is two (Jalili جليلي, Kanaani كنعاني). Vowels
  // written twice stay (they are no sound, but Saeed's ee is a long vowel: vowels_agree).
  std::string s;
  for (char c : w)
    if (s.empty() || s.back() != c || vowel(c)) s += c;
  // A final h after a vowel is a vowel (Fatemeh فاطمه, Allah, Shah) or ح (Saleh صالح,
  // Sabah الصباح): both readings.
  const bool final_h = s.size() >= 2 && s.back() == 'h' && vowel(s[s.size() - 2]);
  if (final_h) s.pop_back();
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : 0;
    // Two letters side by side that sound the same are one consonant (Mackenzie: ck).
    const bool after_consonant = i > 0 && !vowel(s[i - 1]);
    auto push = [&](char cls) {
      if (after_consonant && !out.empty() && out.back().cls == cls && !out.back().has_alt) return;
      emit({cls});
    };
    auto two = [&](char cls) {
      push(cls);
      ++i;
    };
    if (next == 'h') {
      if (c == 'k') { two('x'); continue; }
      if (c == 's') { two('S'); continue; }
      // ch: چ in Persian romanization (Araghchi), ش in French (Michel ميشال).
      if (c == 'c') { emit({'C', 'S', true}); ++i; continue; }
      if (c == 'z') { two('Z'); continue; }
      if (c == 'g') { two('k'); continue; }
      // th: ث in Arabic romanization (Othman عثمان), ت in English names (Thatcher تاتشر).
      if (c == 't') { emit({'s', 't', true}); ++i; continue; }
      if (c == 'd') { two('z'); continue; }
      if (c == 'p') { two('f'); continue; }
    }
    switch (c) {
      case 'b': case 'p': push('b'); break;
      case 't': push('t'); break;
      case 'd': push('d'); break;
      case 's': push('s'); break;
      case 'z': push('z'); break;
      case 'j': push('j'); break;
      // c and g before e, i, y are soft in English names: c is s (Price برايس; or k), g
      // is j (George جورج, Geoffrey جيفري; or گ, Gilani گیلانی).
      case 'c':
        if ((next == 'e' || next == 'i' || next == 'y')) emit({'s', 'k', true});
        else push('k');
        break;
      case 'g':
        if ((next == 'e' || next == 'i' || next == 'y')) emit({'k', 'j', true});
        else push('k');
        break;
      case 'q': case 'k': push('k'); break;
      case 'x': push('k'); push('s'); break;
      case 'h': push('h'); break;
      case 'f': push('f'); break;
      // v read as nothing is Persian و, a vowel (Vahidi وحیدی, Javad جواد): its letter
      // is part of the next gap then (see expand_gaps).
      case 'v': emit({0, 'f', true}); break;
      case 'l': case 'm': case 'n': case 'r': push(c); break;
      default: pending += c; break;  // vowels, w, y
    }
  }
  if (final_h) emit({'h', 0, true});
  if (final_i) emit({kFinalMark});
  return out;
}

Sound arabic_sound(UChar32 c) {
  switch (c) {
    case 0x0628: case 0x067E: return {'b'};               // ب پ
    case 0x062A: case 0x0637: return {'t'};               // ت ط
    case 0x062B: case 0x0633: case 0x0635: return {'s'};  // ث س ص
    case 0x062C: return {'j'};                            // ج
    case 0x0686: return {'C'};                            // چ
    case 0x062D: case 0x0647: return {'h'};               // ح ه
    case 0x062E: return {'x'};                            // خ
    case 0x062F: return {'d'};                            // د
    case 0x0630: case 0x0632: case 0x0638: return {'z'};  // ذ ز ظ
    case 0x0636: return {'d', 'z', true};                 // ض
    case 0x0631: return {'r'};                            // ر
    case 0x0634: return {'S'};                            // ش
    case 0x0698: return {'Z'};                            // ژ
    case 0x063A: case 0x0642: case 0x0643: case 0x06A9: case 0x06AF: return {'k'};  // غ ق ك ک گ
    case 0x0641: case 0x06A4: return {'f'};               // ف ڤ
    case 0x0644: return {'l'};
    case 0x0645: return {'m'};
    case 0x0646: return {'n'};
    default: return {};  // ا ء ع و ي ى ة and the rest
  }
}

// The class of a letter that stands for a vowel (see Sound::gap); 0 for others.
char arabic_vowel_class(UChar32 c) {
  switch (c) {
    case 0x0627: case 0x0622: case 0x0623: case 0x0625: return 'a';  // ا آ أ إ
    case 0x064A: case 0x06CC: case 0x0649: case 0x0626: return 'i';  // ي ی ى ئ
    case 0x0648: case 0x0624: return 'u';                            // و ؤ
    case 0x0639: case 0x0621: return 'c';                            // ع ء
    default: return 0;
  }
}

constexpr UChar32 kAlef = 0x0627, kLam = 0x0644, kHeh = 0x0647, kTehMarbuta = 0x0629, kAyn = 0x0639, kHamza = 0x0621;

// How an Arabic-script word ends: in ي (an i: the closing mark), in ى or Persian ی (an
// i, or an a in Musa موسى, Morteza مرتضی: both readings), or in something else.
enum class FinalYeh { kNone, kI, kIOrA };

std::vector<Sound> arabic_sounds(const std::vector<UChar32>& cps, bool keep_article, FinalYeh final_yeh) {
  std::vector<Sound> out;
  std::size_t start = 0;
  // عبدال... is Abd and the article (عبدالله, عبداللهيان); ال... is the article.
  static const std::vector<UChar32> kAbdAl = {0x0639, 0x0628, 0x062F, kAlef, kLam};
  if (cps.size() > kAbdAl.size() && std::equal(kAbdAl.begin(), kAbdAl.end(), cps.begin())) {
    out.push_back({kOpeningMark});
    out.push_back({'b'});
    out.push_back({'d'});
    start = kAbdAl.size();
  } else if (cps.size() >= 2 && cps[0] == kAlef && cps[1] == kLam) {
    if (cps.size() <= 3) return {};  // ال, آل: the article, or "family of"
    if (!keep_article) start = 2;
  }
  std::size_t end = cps.size();
  if (end > start + 1 && (cps[end - 1] == kHeh || cps[end - 1] == kTehMarbuta)) --end;
  // The opening vowel mark (see latin_sounds).
  if (start == 0 ? (cps[0] == kAlef || cps[0] == kAyn || cps[0] == kHamza)
                 : start == 2 && start < cps.size() && (cps[2] == kAlef || cps[2] == kAyn || cps[2] == kHamza))
    out.insert(out.begin(), Sound{kOpeningMark});
  std::string pending;  // vowel letters since the last sound, as classes
  for (std::size_t i = start; i < end; ++i) {
    // Arabic script writes a doubled consonant once (with a shadda, which normalization
    // drops), so a letter written twice is two consonants; only the لل of الله (نصرالله,
    // Nasrallah) is one.
    if (i > start && cps[i] == kLam && cps[i - 1] == kLam && i + 1 < cps.size() && cps[i + 1] == kHeh) continue;
    Sound s = arabic_sound(cps[i]);
    if (s.cls || s.has_alt) {
      s.gap = std::move(pending);
      pending.clear();
      out.push_back(std::move(s));
    } else if (const char v = arabic_vowel_class(cps[i])) {
      pending += v;
    }
  }
  if (final_yeh == FinalYeh::kI) out.push_back({kFinalMark});
  else if (final_yeh == FinalYeh::kIOrA) out.push_back({kFinalMark, 0, true});
  return out;
}

// Every reading of the sounds, at most four. Identical neighbours are not merged: the
// same consonant on both sides of a vowel is two (Jalili is jll, not jl).
std::vector<std::string> expand(const std::vector<Sound>& sounds) {
  std::vector<std::string> keys{""};
  for (const auto& s : sounds) {
    std::vector<std::string> next;
    for (const auto& k : keys) {
      next.push_back(s.cls ? k + s.cls : k);
      if (s.has_alt && keys.size() * 2 <= 4) next.push_back(s.alt ? k + s.alt : k);
    }
    keys = std::move(next);
  }
  std::vector<std::string> out;
  for (auto& k : keys) {
    if (!k.empty() && std::find(out.begin(), out.end(), k) == out.end()) out.push_back(std::move(k));
  }
  return out;
}

}  // namespace

std::string latin_ascii(std::string_view word) {
  std::string out;
  for (UChar32 c : code_points(word)) {
    if (c < 0x80) out += static_cast<char>(c);
    else if (u_isalpha(c)) out += latin_base(c);
  }
  return out;
}

namespace {

// The sounds of a word in each of its readings (two for an Arabic-script word opening
// with ال: the article, or letters of the name); none for a word in no script or in two.
std::vector<std::vector<Sound>> word_sounds(std::string_view word, bool* arabic_script = nullptr) {
  const auto cps = code_points(word);
  if (cps.empty()) return {};
  bool arabic = false, latin = false;
  for (UChar32 c : cps) {
    if (is_arabic_letter(c)) arabic = true;
    else if (u_isalpha(c)) latin = latin || c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF);
  }
  if (arabic == latin) return {};  // neither, or a mix
  if (arabic_script) *arabic_script = arabic;
  if (arabic) {
    const auto normalized = code_points(text::normalize_folded(word));
    // The last letter as written (normalization makes ى and ی a ي).
    UChar32 last = 0;
    for (UChar32 c : cps)
      if (is_arabic_letter(c)) last = c;
    const FinalYeh final_yeh = last == 0x064A ? FinalYeh::kI : last == 0x0649 || last == 0x06CC ? FinalYeh::kIOrA : FinalYeh::kNone;
    std::vector<std::vector<Sound>> readings{arabic_sounds(normalized, false, final_yeh)};
    // ال at the start is the article (الأعرجي, al-Araji) or the letters of a name
    // (الکسی, Alexei; الهام, Elham): both readings.
    if (normalized.size() > 3 && normalized[0] == kAlef && normalized[1] == kLam)
      readings.push_back(arabic_sounds(normalized, true, final_yeh));
    return readings;
  }
  std::string ascii;
  for (UChar32 c : cps)
    if (u_isalpha(c)) ascii += latin_base(c);
  return {latin_sounds(ascii)};
}

// The words of a name: runs of letters and marks.
std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  // text::utf8::next reads bad bytes as U+FFFD, which is no letter, digit or mark.
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t at = i;
    const auto c = static_cast<UChar32>(text::utf8::next(name, i));
    if (u_isalpha(c) || u_getCombiningClass(c) > 0 || u_charType(c) == U_NON_SPACING_MARK) {
      word.append(name.substr(at, i - at));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// One reading of a name's consonants with the vowels written before each (marks left
// out), and which consonants open a word (their gap is not compared).
struct Spelling {
  std::string consonants;
  std::vector<std::string> gaps;
  std::vector<bool> opens;
};

constexpr std::size_t kMaxSpellings = 32;

// Every reading of a name (at most kMaxSpellings); `arabic` receives the script of its
// words (false when they are mixed: then nothing is returned).
std::vector<Spelling> spellings(std::string_view name, bool& arabic) {
  std::vector<Spelling> out{Spelling{}};
  bool first = true;
  for (const auto& word : name_words(name)) {
    bool script = false;
    const auto readings = word_sounds(word, &script);
    if (readings.empty()) continue;
    if (!first && script != arabic) return {};
    arabic = script;
    first = false;
    std::vector<Spelling> next;
    for (const auto& sounds : readings) {
      // (spelling so far, vowels carried from sounds read as nothing, whether the word's
      // first consonant is still to come)
      struct State {
        Spelling s;
        std::string carry;
        bool opening;
      };
      std::vector<State> states;
      for (const auto& base : out) states.push_back({base, {}, true});
      for (const auto& sound : sounds) {
        if (!sound.has_alt && (sound.cls == kOpeningMark || sound.cls == kFinalMark)) continue;
        if (sound.cls == kFinalMark) continue;  // ى: an i or an a, a mark either way
        std::vector<State> grown;
        for (const auto& st : states) {
          for (int r = 0; r < (sound.has_alt ? 2 : 1); ++r) {
            const char c = r == 0 ? sound.cls : sound.alt;
            State g = st;
            if (c == 0) {
              // Latin v read as nothing is Persian و: a vowel letter of the next gap.
              g.carry += sound.gap + (arabic ? "" : "w");
            } else {
              g.s.consonants += c;
              g.s.gaps.push_back(g.carry + sound.gap);
              g.s.opens.push_back(g.opening);
              g.carry.clear();
              g.opening = false;
            }
            if (grown.size() < kMaxSpellings) grown.push_back(std::move(g));
          }
        }
        states = std::move(grown);
      }
      for (auto& st : states)
        if (next.size() < kMaxSpellings) next.push_back(std::move(st.s));
    }
    out = std::move(next);
  }
  if (first) return {};
  return out;
}

bool has_any(std::string_view s, std::string_view letters) { return s.find_first_of(letters) != std::string_view::npos; }

// A Latin gap that writes a long vowel: two vowel letters (Saeed, Hussein, Mahmoud, Husayn).
bool latin_long(std::string_view gap) {
  std::size_t run = 0;
  for (char c : gap) {
    run = (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w') ? run + 1 : 0;
    if (run >= 2) return true;
  }
  return false;
}

// Whether the vowels an Arabic-script gap writes and a Latin gap writes can be one
// pronunciation: a long vowel ا ي و is a Latin a/o, i/e/y, o/u/w; no letter (a short
// vowel, or none) is no long Latin vowel. ع and ء alone say nothing.
bool gaps_agree_across(std::string_view arabic, std::string_view latin) {
  if (arabic.find('i') != std::string_view::npos && !has_any(latin, "iey")) return false;
  if (arabic.find('u') != std::string_view::npos && !has_any(latin, "ouw")) return false;
  if (arabic.find('a') != std::string_view::npos && !has_any(latin, "ao")) return false;
  if (arabic.empty() && latin_long(latin)) return false;
  return true;
}

// Two gaps of one script: the same long vowels (Arabic script: ا ي و, ع and ء aside;
// Latin: short or long, and a long one of the same quality).
bool gaps_agree_within(std::string_view a, std::string_view b, bool arabic) {
  if (arabic) {
    for (char c : {'a', 'i', 'u'})
      if ((a.find(c) == std::string_view::npos) != (b.find(c) == std::string_view::npos)) return false;
    return true;
  }
  if (latin_long(a) != latin_long(b)) return false;
  if (!latin_long(a)) return true;
  return has_any(a, "iey") == has_any(b, "iey") && has_any(a, "ouw") == has_any(b, "ouw");
}

// A Latin initial as Arabic-script news spells it out, by the letter's name (George W.
// Bush جورج دبليو بوش, Robert F. Kennedy روبرت إف كينيدي): so an initial counts in a
// name's key, and George W. Bush is not George Bush (W, a vowel class, had no key).
std::string_view initial_spelled(char c) {
  static constexpr std::string_view kNames[26] = {
      "إيه", "بي", "سي", "دي", "إي", "إف", "جي", "إتش", "آي", "جيه", "كيه", "إل", "إم",
      "إن", "أو", "بي", "كيو", "آر", "إس", "تي", "يو", "في", "دبليو", "إكس", "واي", "زد"};
  return kNames[c - 'A'];
}

}  // namespace

std::vector<std::string> name_keys(std::string_view word) {
  // An initial: one capital letter (not the s of "Iran's", which is lowercase).
  if (word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z') return name_keys(initial_spelled(word[0]));
  // Every capitalized word of an article asks (extract_entities): once per word and thread.
  thread_local util::WordMemo<std::vector<std::string>> memo;
  return memo.get(word, [&] {
    std::vector<std::string> keys;
    for (const auto& sounds : word_sounds(word))
      for (auto& k : expand(sounds))
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(std::move(k));
    return keys;
  });
}

std::size_t keyed_words(std::string_view name) {
  std::size_t n = 0;
  for (const auto& w : name_words(name)) n += !name_keys(w).empty();
  return n;
}

bool vowels_agree(std::string_view a, std::string_view b) {
  bool arabic_a = false, arabic_b = false;
  const auto x = spellings(a, arabic_a), y = spellings(b, arabic_b);
  for (const auto& p : x)
    for (const auto& q : y) {
      if (p.consonants != q.consonants) continue;
      bool agree = true;
      for (std::size_t i = 0; agree && i < p.gaps.size(); ++i) {
        if (p.opens[i] || q.opens[i]) continue;  // a word's first consonant
        if (arabic_a == arabic_b) agree = gaps_agree_within(p.gaps[i], q.gaps[i], arabic_a);
        else agree = arabic_a ? gaps_agree_across(p.gaps[i], q.gaps[i]) : gaps_agree_across(q.gaps[i], p.gaps[i]);
      }
      if (agree) return true;
    }
  return false;
}

std::vector<std::string> name_key_variants(std::string_view name, bool word_marks) {
  std::vector<std::string> keys{""};
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    auto word_keys = name_keys(word);
    if (!word_marks && !(keys.size() == 1 && keys[0].empty()))
      for (auto& k : word_keys)
        if (k.size() > 1 && k[0] == kOpeningMark) k.erase(0, 1);
    word.clear();
    // Without marks, the closing mark stays only on the last word: it is removed from a
    // word's keys when the next word comes (below).
    if (!word_marks && !(keys.size() == 1 && keys[0].empty()) && !word_keys.empty())
      for (auto& k : keys)
        if (k.size() > 1 && k.back() == kFinalMark) k.pop_back();
    if (word_keys.empty()) return;
    std::vector<std::string> next;
    for (const auto& k : keys)
      for (std::size_t i = 0; i < word_keys.size() && (i == 0 || keys.size() * word_keys.size() <= 8); ++i)
        next.push_back(k + word_keys[i]);
    keys = std::move(next);
  };
  // text::utf8::next reads bad bytes as U+FFFD, which is no letter, digit or mark.
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t at = i;
    const auto c = static_cast<UChar32>(text::utf8::next(name, i));
    if (u_isalpha(c) || u_getCombiningClass(c) > 0 || u_charType(c) == U_NON_SPACING_MARK)
      word.append(name.substr(at, i - at));
    else
      flush();
  }
  flush();
  if (keys.size() == 1 && keys[0].empty()) return {};
  return keys;
}

std::string name_key(std::string_view name) {
  auto keys = name_key_variants(name);
  return keys.empty() ? std::string() : keys.front();
}

bool same_name(std::string_view a, std::string_view b) {
  for (bool marks : {true, false}) {
    const auto x = name_key_variants(a, marks), y = name_key_variants(b, marks);
    for (const auto& k : x)
      if (std::find(y.begin(), y.end(), k) != y.end()) return true;
  }
  return false;
}

}  // namespace iran::entities

namespace iran::entities {

std::vector<std::string> name_span_keys(std::string_view name) {
  // Words: runs of letters and marks, each with at least one key.
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && !name_keys(word).empty()) words.push_back(word);
    word.clear();
  };
  // text::utf8::next reads bad bytes as U+FFFD, which is no letter, digit or mark.
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t at = i;
    const auto c = static_cast<UChar32>(text::utf8::next(name, i));
    if (u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK)
      word.append(name.substr(at, i - at));
    else
      flush();
  }
  flush();
  if (words.size() < 2) return {};
  auto keys = name_key_variants(name);
  // An initial tells two people apart (George H. W. Bush, George W. Bush): a name with
  // one is not also its first and last words.
  const bool initials = std::any_of(words.begin() + 1, words.end() - 1, [](const std::string& w) { return w.size() == 1; });
  if (words.size() >= 3 && !initials)
    for (auto& k : name_key_variants(words.front() + " " + words.back()))
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(std::move(k));
  return keys;
}

}  // namespace iran::entities
