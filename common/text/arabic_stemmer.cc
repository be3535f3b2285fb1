#include "text/arabic_stemmer.h"

#include <algorithm>
#include <initializer_list>
#include <cstdint>
#include <string>
#include <optional>
#include <stdexcept>
#include <vector>

#include "text/arabic_lexicon.h"
#include "text/normalizer.h"

// Design notes.
// * Input is normalized (normalizer.h): no harakat or tatweel, one alef, ي for ى, hamza
//   seats folded to ء. Teh marbuta (ة) is left to this stemmer, not the normalizer, so
//   the unstemmed term keeps it.
// * What matters for search is that every form of a word reaches the same stem, not that
//   the stem is the linguistic root. So prefixes are stripped greedily while the length
//   guard allows: a word whose first letter is radical but looks like a clitic (بيان) then
//   loses it in every form (بيان, البيان, وبيان all → يان) and still conflates. The table
//   of radical-initial words keeps the common ones intact, which matters where stripping
//   would merge two different words (فساد/ساد, فكرة/كرة).
// * ة and the feminine plural ات are removed, because masculine nouns take ات too
//   (تهديد/تهديدات, بيان/بيانات): ة ≡ ات ≡ nothing is the only consistent choice. Nouns
//   whose form without ة is another word (مدرسة/مدرس) keep ة, from a table.
// * The nisba ي is kept (إيران ≠ إيراني) and ية/يون/يين/يات reduce to it, so the
//   adjective's forms conflate with each other but not with the noun.

namespace iran::text {
namespace {

constexpr char32_t kAlef = 0x0627, kBeh = 0x0628, kTehMarbuta = 0x0629, kTeh = 0x062A,
                   kFeh = 0x0641, kKaf = 0x0643, kLam = 0x0644, kMeem = 0x0645, kNoon = 0x0646,
                   kHeh = 0x0647, kWaw = 0x0648, kYeh = 0x064A, kSeen = 0x0633;

// The longest word the stemmer changes. Xapian's TermGenerator indexes no word of more
// than 64 bytes (32 Arabic letters), so a longer one is never a term; it is returned as
// it came, and every word the stemmer works on fits in a Word on the stack.
constexpr std::size_t kMaxLetters = 64;

// A word being stemmed: its letters inline (a stem of a few letters was a heap string
// per step, a copy per rule tried: two thirds of stemming a word). The rules only take
// letters off either end, write one of the last or first, or add one at the end, so
// kMaxLetters + 4 always holds it. A letter past the end reads as 0, as the terminator
// of a std::u32string did.
class Word {
 public:
  Word() = default;
  explicit Word(std::u32string_view s) : n_(static_cast<std::uint32_t>(s.size())) {
    std::copy_n(s.data(), n_, c_);
  }
  Word(std::initializer_list<char32_t> letters) : Word(std::u32string_view(letters.begin(), letters.size())) {}
  Word(const Word& o) : n_(o.n_) { std::copy_n(o.c_, n_, c_); }
  Word& operator=(const Word& o) {
    n_ = o.n_;
    std::copy_n(o.c_, n_, c_);
    return *this;
  }

  std::size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  char32_t operator[](std::size_t i) const { return i < n_ ? c_[i] : 0; }
  void set(std::size_t i, char32_t c) { c_[i] = c; }
  char32_t back() const { return n_ ? c_[n_ - 1] : 0; }
  void set_back(char32_t c) { c_[n_ - 1] = c; }
  void pop_back() { --n_; }
  void push_back(char32_t c) { c_[n_++] = c; }
  void resize(std::size_t n) { n_ = static_cast<std::uint32_t>(n); }  // never grows
  void erase_front(std::size_t k) {
    std::copy(c_ + k, c_ + n_, c_);
    n_ -= static_cast<std::uint32_t>(k);
  }
  void erase_at(std::size_t i) {
    std::copy(c_ + i + 1, c_ + n_, c_ + i);
    --n_;
  }
  Word substr(std::size_t pos, std::size_t n = std::u32string_view::npos) const {
    return Word(view().substr(pos, n));
  }
  Word plus(char32_t c) const {
    Word w = *this;
    w.push_back(c);
    return w;
  }
  std::u32string_view view() const { return {c_, n_}; }

 private:
  std::uint32_t n_ = 0;
  char32_t c_[kMaxLetters + 4];
};

bool ends_with(const Word& w, std::u32string_view s) { return w.view().ends_with(s); }
bool starts_with(const Word& w, std::u32string_view s) { return w.view().starts_with(s); }

bool is_arabic_letter(char32_t c) {
  return (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A) ||
         (c >= 0x066E && c <= 0x06D3) || (c >= 0x06FA && c <= 0x06FF);
}

// Reads `word` into `w` when it is `min_letters` to kMaxLetters Arabic letters. Every
// letter is_arabic_letter accepts is a two-byte sequence led by D8..DB, which is never
// overlong: anything else (another code point, a bad byte) is not such a word.
bool arabic_word(std::string_view word, std::size_t min_letters, Word& w) {
  if (word.size() % 2 != 0 || word.size() < 2 * min_letters || word.size() > 2 * kMaxLetters) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  for (std::size_t i = 0; i < word.size(); i += 2) {
    if (p[i] < 0xD8 || p[i] > 0xDB || (p[i + 1] & 0xC0) != 0x80) return false;
    const auto c = static_cast<char32_t>(((p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F));
    if (!is_arabic_letter(c)) return false;
    w.push_back(c);
  }
  return true;
}

// A lexicon word as the stemmer sees text: normalized. The lexicon is plain Arabic
// letters, which simple_word_term maps as normalize() does without ICU's NFKC (1 ms of
// every process's first Arabic word when each of its words went through ICU).
// Stems are written two bytes a letter (encode below) and a Word holds kMaxLetters, so
// a lexicon word must be one of Arabic letters, as the stemmer's input is.
Word prepare(std::string_view word) {
  std::string term;
  const bool ascii = std::any_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii || !simple_word_term(word, term)) term = normalize(word);
  Word w;
  if (!arabic_word(term, 1, w))
    throw std::logic_error("arabic_lexicon: not a word of Arabic letters: " + std::string(word));
  return w;
}

// Every letter of a stem is a word's or the lexicon's: Arabic, two bytes each.
std::string encode(const Word& w) {
  std::string out(2 * w.size(), '\0');
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char32_t c = w[i];
    out[2 * i] = static_cast<char>(0xC0 | (c >> 6));
    out[2 * i + 1] = static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

// The stemmer's word lists, each an open-addressed table (and, for the broken plurals,
// each word's singular): a lookup is one hash of the letters, a mask and nearly always
// one slot compared, where std::unordered_set divided by a prime and followed a node per
// lookup (a fifth of stemming a word, which looks up several of its readings). Half the
// slots stay empty. The hash is a multiply per code point, inline.
class WordTable {
 public:
  // Adds `key` with `value`; a key already there keeps its first value.
  void insert(std::u32string_view key, std::u32string_view value = {}) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    const std::uint64_t h = hash(key);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.key == kEmpty) {
        s = Slot{h, static_cast<std::uint32_t>(letters_.size()), static_cast<std::uint32_t>(key.size()),
                 static_cast<std::uint32_t>(letters_.size() + key.size()), static_cast<std::uint32_t>(value.size())};
        letters_.append(key).append(value);
        ++count_;
        return;
      }
      if (s.hash == h && view(s.key, s.key_len) == key) return;
    }
  }

  // The key's value (empty for a list of words) if the key is there.
  std::optional<std::u32string_view> find(std::u32string_view key) const {
    if (slots_.empty()) return std::nullopt;
    const std::uint64_t h = hash(key);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == kEmpty) return std::nullopt;
      if (s.hash == h && view(s.key, s.key_len) == key) return view(s.value, s.value_len);
    }
  }
  bool contains(std::u32string_view key) const { return find(key).has_value(); }

  template <class F>
  void for_each_key(F f) const {
    for (const Slot& s : slots_)
      if (s.key != kEmpty) f(view(s.key, s.key_len));
  }

 private:
  static constexpr std::uint32_t kEmpty = ~std::uint32_t{0};
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t key = kEmpty, key_len = 0, value = 0, value_len = 0;
  };

  static std::uint64_t hash(std::u32string_view s) {
    std::uint64_t h = 0x9e3779b97f4a7c15ull ^ s.size();
    for (const char32_t c : s) h = (h ^ c) * 0x100000001b3ull;
    return h ^ (h >> 29);
  }
  std::u32string_view view(std::uint32_t at, std::uint32_t len) const { return {letters_.data() + at, len}; }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.key == kEmpty) continue;
      std::size_t i = s.hash & mask_;
      while (slots_[i].key != kEmpty) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
  std::u32string letters_;  // every key and value, end to end
};

bool has(const WordTable& table, const Word& w) { return table.contains(w.view()); }

class Stemmer {
 public:
  Stemmer() {
    for (auto w : lexicon::lexical_feminine_nouns()) feminine_.insert(prepare(w).view());
    for (auto w : lexicon::frozen_words()) frozen_.insert(prepare(w).view());
    for (auto w : lexicon::short_words_taking_clitics()) short_words_.insert(prepare(w).view());
    for (auto w : lexicon::short_verbs_and_particles()) {
      const Word u = prepare(w);
      short_words_.insert(u.view());
      verbs_particles_.insert(u.view());
    }
    // The letters a stem may add: those the rules write, and what each singular of the
    // lexicon has that its plural has not.
    for (const char32_t c : {kTehMarbuta, kYeh, kAlef}) added_letters_ |= std::uint64_t{1} << (c - 0x0620);
    for (const auto& [plural, singular] : lexicon::broken_plurals()) {
      const Word p = prepare(plural), q = prepare(singular);
      plurals_.insert(p.view(), q.view());
      std::uint64_t of_plural = 0, of_singular = 0;
      if (arabic_letter_mask(encode(p), of_plural) && arabic_letter_mask(encode(q), of_singular))
        added_letters_ |= of_singular & ~of_plural;
      else added_letters_ = ~std::uint64_t{0};
    }
    // Suffix stripping below consults feminine_ and plurals_, so the protected set is
    // built last: it holds each radical-initial word, its suffix-stripped core, and every
    // broken plural (a whole word, never a clitic plus a word).
    for (auto w : lexicon::radical_initial_words()) {
      const Word u = prepare(w);
      protected_.insert(u.view());
      protected_.insert(strip_suffixes(u).view());
    }
    plurals_.for_each_key([&](std::u32string_view plural) { protected_.insert(plural); });
    feminine_.for_each_key([&](std::u32string_view w) { protected_.insert(w); });
    frozen_.for_each_key([&](std::u32string_view w) { protected_.insert(w); });
  }

  // What prefix stripping found, for the suffix rules that depend on it.
  struct Stripped {
    Word rest;
    bool article = false;      // ال (or لل) came off: the word is a noun
  };

  // Clitics come off greedily while the length guards allow, so that every form of a
  // word agrees with the bare word (البيان, بيان, وبيان → يان), even when the bare word's
  // first letter only looks like a clitic. Two grammatical limits: ب and ك govern nouns,
  // never a verb in the plural (بدأوا is not ب + داوا); and the article is recorded, as
  // a noun with it takes no pronoun (the suffix rules read its final ه as ة).
  Stripped strip_prefixes(Word w) const {
    Stripped out;
    // At most four clitics (و + ب + ال, or ف + لل, ...); each needs three letters left.
    for (int round = 0; round < 4; ++round) {
      if (w.size() < 4) break;
      const char32_t first = w[0];
      // Only words that start like a clitic pay for the protection lookup.
      if (first != kAlef && first != kSeen && first != kWaw && first != kFeh && first != kBeh &&
          first != kKaf && first != kLam)
        break;
      if (is_protected(w)) break;
      // The article needs two letters left (الحق, الجو), three when they would end in
      // ة/ه/ي, where two letters are rarely a word (آلية → الية, بالغة → الغة).
      if (starts_with(w, U"ال") && (w.size() >= 5 || (w.size() == 4 && w[3] != kTehMarbuta &&
                                                      w[3] != kHeh && w[3] != kYeh))) {
        w.erase_front(2);
        out.article = true;
        continue;
      }
      const char32_t c = w[0];
      // The future particle س before an imperfect (سيزور, ستعقد, سنعمل).
      if (c == kSeen && w.size() >= 5 && (w[1] == kYeh || w[1] == kTeh || w[1] == kNoon)) {
        w.erase_front(1);
        continue;
      }
      if ((c == kBeh || c == kKaf) && ends_with(w, U"وا")) break;
      if ((c == kWaw || c == kFeh || c == kBeh || c == kKaf || c == kLam) && w.size() >= 4 &&
          !radical_in_hollow_pattern(w)) {
        // لل is ل + ال with the alef dropped (للمفاوضات): a noun.
        if (c == kLam && w[1] == kLam) out.article = true;
        w.erase_front(1);
        continue;
      }
      break;
    }
    out.rest = w;
    return out;
  }

  // The clitic sequences grammar allows: (و|ف)? (ب|ك|ل)? (ال)?, or (و|ف)? لل. Every
  // reading whose remainder keeps three letters, longest clitic first; the word itself last.
  std::vector<Word> clitic_readings(const Word& w) const {
    std::vector<Word> out;
    if (!is_protected(w)) {
      for (size_t conj = 0; conj <= 1; ++conj) {
        if (conj && !(w[0] == kWaw || w[0] == kFeh)) continue;
        const Word a = w.substr(conj);
        std::vector<size_t> cuts;
        if (starts_with(a, U"لل")) cuts.push_back(2);
        if (!a.empty() && (a[0] == kBeh || a[0] == kKaf || a[0] == kLam)) {
          if (a.view().substr(1).starts_with(U"ال")) cuts.push_back(3);
          cuts.push_back(1);
        }
        if (starts_with(a, U"ال")) cuts.push_back(2);
        if (conj) cuts.push_back(0);
        for (size_t cut : cuts) {
          if (a.size() >= cut + 3) out.push_back(a.substr(cut));
        }
      }
      std::stable_sort(out.begin(), out.end(),
                       [](const Word& x, const Word& y) { return x.size() < y.size(); });
    }
    out.push_back(w);
    return out;
  }

  Word stem(const Word& word) const {
    if (has(frozen_, word)) return word;
    const Stripped pre = strip_prefixes(word);
    Word w = pre.rest;
    if (has(frozen_, w)) return w;
    // A final ه is "his" or ة written without its dots. A noun with the article takes no
    // pronoun, so there it is ة (the suffix rules read it so). Without the article,
    // where the two readings are different words (عمله "his work", عملة "currency";
    // the table of such nouns, and مفاعلة/مفاعل), the pronoun reading wins: the word
    // stems as the word without ه.
    if (!pre.article && w.size() >= 4 && w.back() == kHeh && word.size() >= 4) {
      const Word core = w.substr(0, w.size() - 1);
      if (has(feminine_, core.plus(kTehMarbuta)) || mufaala(core)) return stem(word.substr(0, word.size() - 1));
    }
    // The accusative tanween is written as a final ا (سكاناً, أحياناً once marks are
    // gone): after ان it is that ending, not the pronoun نا (سكانا is not سكا + نا).
    if (w.size() >= 5 && ends_with(w, U"انا")) w.pop_back();
    // A broken plural may carry a pronoun, or end in ة written as ه (الأسلحه).
    Word marbuta = w;
    if (!marbuta.empty() && marbuta.back() == kHeh) marbuta.set_back(kTehMarbuta);
    Word bare = w;
    strip_pronoun(bare);
    bool plural = false;
    for (const Word* candidate : {&w, &marbuta, &bare}) {
      if (auto singular = plurals_.find(candidate->view())) {
        w = Word(*singular);
        plural = true;
        break;
      }
    }
    if (!plural) {
      for (const Word* candidate : {&w, &marbuta, &bare}) {
        if (Word singular = pattern_singular(*candidate); !singular.empty()) {
          w = singular;
          plural = true;
          break;
        }
      }
    }
    // A feminine noun (ة, or ت before a pronoun; a broken plural by its singular) is
    // no imperfect verb: تجربة, تجارب, تجربته, نقطة keep their ت/ن.
    bool noun = false;
    w = strip_nisba(strip_suffixes(w, pre.article, &noun));
    // A stem that keeps ة (نقطتين → نقطة) is a noun too.
    if (noun || (!w.empty() && w.back() == kTehMarbuta)) return w;
    return derived_form_past(unify_imperfect(w));
  }

 private:
  static bool is_long_vowel(char32_t c) { return c == kAlef || c == kWaw || c == kYeh; }

  // A four-letter word whose first letter looks like a clitic and whose other three are
  // a hollow pattern (فساد, كمال, وفاق, وجود, وزير: CاC, CوC, CيC after the first letter)
  // is far more often the patterns فعال/فعول/فعيل than a clitic on a three-letter word:
  // cutting it would merge it with an unrelated word (فساد/ساد, كمال/مال). The
  // exceptions are the common short words that do take clitics (وقال, وكان, ليوم, وبين);
  // a verb or particle takes only the conjunctions: the prepositions ب ك ل govern nouns,
  // so in بقال (grocer) or لبين (what الفلبين leaves) the first letter is the word's.
  bool radical_in_hollow_pattern(const Word& w) const {
    if (w.size() != 4 || !is_long_vowel(w[2])) return false;
    Word rest = w.substr(1);
    if ((w[0] == kBeh || w[0] == kKaf || w[0] == kLam) && has(verbs_particles_, rest)) return true;
    if (has(short_words_, rest) || has(protected_, rest)) return false;
    if (rest.back() == kHeh) rest.set_back(kTehMarbuta);  // ة written as ه (بقوه)
    return !has(protected_, rest);
  }

  // Two broken-plural patterns regular enough to undo by rule (the table handles the
  // rest): فُعَلاء → فعيل (سجناء → سجين, زملاء → زميل; not after an initial ا, where
  // إفعاء is a masdar: إجراء, إنهاء), and أَفْعِلة → فِعال (أسلحة → سلاح, أجهزة → جهاز).
  static Word pattern_singular(const Word& w) {
    if (w.size() == 5 && w[3] == kAlef && w[4] == 0x0621 && w[0] != kAlef && !is_long_vowel(w[1]) &&
        !is_long_vowel(w[2]))
      return Word{w[0], w[1], kYeh, w[2]};
    if (w.size() == 5 && w[0] == kAlef && w[4] == kTehMarbuta && !is_long_vowel(w[1]) &&
        !is_long_vowel(w[2]) && !is_long_vowel(w[3]))
      return Word{w[1], w[2], kAlef, w[3]};
    return {};
  }

  bool is_protected(const Word& w) const {
    const Word bare = strip_suffixes(w, true);  // ية, يون, يين → ي
    if (has(protected_, w) || has(protected_, bare)) return true;
    // The nisba adjective of a protected noun (بلجيكا → بلجيكي, كندا → الكندية, بولندا →
    // بولنديون): the noun's first letter is radical in its adjective too. Without this
    // بلجيكي lost ب and ل (→ جيكي), and كندي and بولندي both became ندي.
    if (bare.size() < 4 || bare.back() != kYeh) return false;
    const Word noun = bare.substr(0, bare.size() - 1);
    return has(protected_, noun) || has(protected_, noun.plus(kAlef));
  }

  // Possessive and object pronouns: ها هم هما هن كم كما كن نا ه. First-person ني and
  // a lone ك ("your") are rare in news and would cut real words (إيراني, مالك, شريك).
  // Returns the length of the pronoun removed (0 for none). The second person (كم كن
  // كما) is rare in news and ends many nouns (حاكم, تراكم), so it needs four letters left.
  static size_t strip_pronoun(Word& w) {
    static const std::pair<std::u32string_view, size_t> kPronouns[] = {
        {U"هما", 3}, {U"كما", 4}, {U"هم", 3}, {U"هن", 3}, {U"كم", 4},
        {U"كن", 4},  {U"نا", 3},  {U"ها", 3}, {U"ه", 3}};
    for (auto [p, rest] : kPronouns) {
      if (ends_with(w, p) && w.size() >= p.size() + rest) {
        w.resize(w.size() - p.size());
        return p.size();
      }
    }
    return 0;
  }

  // After ة or ات comes off, a stem can end in letters that read as ه or هم (مواجهة,
  // تفاهمات) and that the bare word (مواجه, تفاهم) loses as a pronoun: strip them the
  // same way so the forms stay together. Grammar never puts a pronoun there, so this is
  // about consistency only, and limited to the endings that occur (ه, هم).
  static void strip_pseudo_pronoun(Word& w) {
    if (ends_with(w, U"هم") && w.size() >= 5) {
      w.resize(w.size() - 2);
    } else if (ends_with(w, U"ه") && w.size() >= 4) {
      w.resize(w.size() - 1);
    }
  }

  // Removes a feminine ending (ة, ات, or ت before a pronoun) from w[0, base_len),
  // keeping ة for nouns whose bare form is another word.
  // The مُفاعَلة masdar (مفاوضة negotiation, مشاركة participation, مقاومة resistance) is
  // another word than the مُفاعِل participle (مفاوض, مشارك, مقاوم): it keeps ة.
  static bool mufaala(const Word& base) {
    return base.size() == 5 && base[0] == kMeem && base[2] == kAlef && base[4] != kYeh;
  }

  // The إفعال masdar of a root ending in ن (إعلان announcement, إيمان, إحسان, إمكان, and
  // إنسان of the same shape): its ان is the root's, not a dual. Cutting it parted إعلان
  // (→ اعل) from إعلانات (→ اعلان) and merged إنسان with أنس. The dual of a hamza-initial
  // three-letter noun (أمران) has this shape too, and is far rarer.
  static bool ifal_masdar(const Word& w) {
    return w.size() == 5 && w[0] == kAlef && w[3] == kAlef && w[4] == kNoon && w[2] != kAlef;
  }

  // A stem of two letters keeps a final ا: جهة, جهات and جهته → جها, and the past
  // tense of a verb whose last radical is hamza, written ا once alef forms are folded,
  // agrees with its own forms (بدأت → بدا like بدأ) instead of losing ات (→ بد).
  Word drop_feminine(const Word& w, size_t base_len) const {
    Word base = w.substr(0, base_len);
    Word with_marbuta = base.plus(kTehMarbuta);
    if (has(feminine_, with_marbuta) || mufaala(base)) return with_marbuta;
    strip_pseudo_pronoun(base);
    if (base.size() == 2) base.push_back(kAlef);
    return base;
  }

  // The nisba adjective of a longer noun is that noun (كوستاريكا/كوستاريكي,
  // بترول/بترولي, أمريكا/الأمريكية, انتخابات/الانتخابي, جنوب/الجنوبي): its final ي comes
  // off when four letters stay, and the rest is stemmed as the noun is. Shorter ones
  // stay apart, where the adjective is often another word (قطر/قطري, دولة/دولي,
  // شخص/شخصي, نظرية/نظري).
  Word strip_nisba(Word w) const {
    if (w.size() < 5 || w.back() != kYeh) return w;
    w.pop_back();
    if (has(frozen_, w) || has(protected_, w)) return w;
    if (auto singular = plurals_.find(w.view())) return strip_suffixes(Word(*singular));
    return strip_suffixes(w);
  }

  // `article`: ال came off, so a final ه is ة. `feminine` (if given) is set when a
  // feminine noun ending came off (ة, ه read as ة, ت before a pronoun, the dual تان),
  // not the adjective's ية: such a word is a noun, never an imperfect verb.
  Word strip_suffixes(Word w, bool article = false, bool* feminine = nullptr) const {
    bool ignored = false;
    bool& fem = feminine ? *feminine : ignored;
    const size_t pronoun_len = strip_pronoun(w);
    const bool pronoun = pronoun_len != 0;
    // The accusative tanween as a final ا (فريقاً → فريقا, رسمياً, أمريكا's own ا too).
    if (!pronoun && w.size() >= 5 && w.back() == kAlef && w[w.size() - 2] != kWaw) w.pop_back();
    const size_t n = w.size();
    // A final ه is either "his" or ة written without its dots (منظمه, الحياه).
    if (pronoun_len == 1 && !w.empty() && w.back() != kTeh) {
      // كتابه is "his book" before it is كتابة misspelt: a known bare word wins.
      if (has(protected_, w)) return w;
      // Only after the article is this surely a noun: without it ه is as often a verb's
      // object (تملكه, تستعمله), and the imperfect still unifies.
      fem = article && !ends_with(w, U"ي");
      return drop_feminine(w, n);
    }
    if (has(feminine_, w)) return w;
    // Nisba adjective endings reduce to the masculine singular ي.
    for (auto s :
         {std::u32string_view(U"يات"), std::u32string_view(U"يين"), std::u32string_view(U"يون")}) {
      if (ends_with(w, s) && n >= s.size() + 2) {
        if (s == U"يات") return drop_feminine(w, n - 2);
        return w.substr(0, n - 2);
      }
    }
    if (ends_with(w, U"ية") && n >= 4) return w.substr(0, n - 1);
    // Feminine dual before the plural, so حكومتان/حكومتين lose the whole ending.
    // (Not after س: ستان is the Persian "land" of باكستان, طاجيكستان.)
    if ((ends_with(w, U"تان") || ends_with(w, U"تين")) && n >= 5 && w[n - 4] != kSeen)
      return fem = true, drop_feminine(w, n - 3);
    if (ends_with(w, U"ات") && n >= 4) return drop_feminine(w, n - 2);
    if (w.back() == kTehMarbuta && n >= 3) return fem = true, drop_feminine(w, n - 1);
    // A ت left bare by a pronoun was ة (علاقتها); otherwise it is the past-tense feminine
    // (قالت, أكدت) and needs three letters left.
    if (w.back() == kTeh && pronoun && n >= 3) return fem = true, drop_feminine(w, n - 1);
    if (w.back() == kTeh && n >= 4) return w.substr(0, n - 1);
    // Final ه without a pronoun reading is the common misspelling of ة (الايرانيه). Only
    // one ه comes off: مواجهه (ة as ه) must stay مواجه like مواجهة.
    if (!pronoun && w.back() == kHeh && n >= 3) return fem = true, drop_feminine(w, n - 1);
    // Sound plurals, duals and the verb plural. ون needs four letters left so that
    // words ending in it (كانون, قانون) keep their shape against كان. After a pronoun the
    // ن of a dual or plural is dropped (طرفاها), so an ان there is the word's own
    // (إعلانها); it is cut all the same, because the bare word (إعلان) loses it.
    if (ends_with(w, U"ون") && n >= 6) return w.substr(0, n - 2);
    // The construct state of the sound plural drops its ن (معلمو المدارس, ممثلو الدول):
    // on the مُفعِّل/مُفعِل participles that take it, a final و after four letters.
    if (w.back() == kWaw && w[0] == kMeem && n >= 5 && !pronoun) return w.substr(0, n - 1);
    if ((ends_with(w, U"ين") || (ends_with(w, U"ان") && !ifal_masdar(w))) && n >= 5) return w.substr(0, n - 2);
    if (ends_with(w, U"وا") && n >= 5) return w.substr(0, n - 2);
    return w;
  }

  // Imperfect verbs: يعمل, تعمل, نعمل (and يطالب/تطالب, يعتبر/تعتبر) are one verb.
  // Mapping the person prefix to ي conflates them without cutting ت/ن from nouns
  // (تقدم ≠ قدم); a noun that starts with ت or ن just gets a ي in all its forms.
  // Not four letters ending in ي: once ى is folded to ي, the past of a weak verb
  // (توفى "died") reads like an imperfect (يوفي "fulfils"), and both are common.
  // Nor the تفعيل masdar (تصريح, تقرير, تهديد: ت C C ي C), a noun in all its forms.
  static Word unify_imperfect(Word w) {
    if (w.size() >= 4 && w.size() <= 6 && (w[0] == kTeh || w[0] == kNoon) && w[1] != kAlef &&
        !(w.size() == 4 && w.back() == kYeh) && !(w.size() == 5 && w[0] == kTeh && w[3] == kYeh))
      w.set(0, kYeh);
    return w;
  }

  // The derived verb forms VII انفعل, VIII افتعل and X استفعل, their imperfects (ينفعل,
  // يفتعل, يستفعل, after unify_imperfect) and their masdars (انفعال, افتعال, استفعال):
  // one stem, the past (اعترض = يعترض = اعتراض, استخدم = يستخدم = الاستخدامات, انسحب =
  // انسحاب). Their prefixes make the shapes unambiguous: ا/ي, then ن; or a letter and the
  // infixed ت (ط or د after an emphatic or voiced first radical: اضطر, ازدهر); or ست.
  // A long vowel in the root's place (احتاج, اختار, يوتيوب) is left alone. A doubled
  // root is written once in the past (استقلال → استقل, احتلال → احتل).
  static Word derived_form_past(Word w) {
    auto radical = [](char32_t c) { return !is_long_vowel(c) && c != kTehMarbuta; };
    auto infix = [](char32_t c) { return c == kTeh || c == 0x0637 || c == 0x062F; };  // ت ط د
    const bool x = w.size() >= 6 && w[1] == kSeen && w[2] == kTeh;
    const size_t n = w.size();
    // Masdar: the alef before the last radical goes.
    if (w[0] == kAlef && ((x && n == 7) || (!x && n == 6 && (w[1] == kNoon || infix(w[2])))) &&
        w[n - 2] == kAlef && radical(w[n - 1]) && radical(w[n - 3]) && radical(w[1])) {
      w.erase_at(n - 2);
      if (w[n - 3] == w[n - 2]) w.pop_back();
      return w;
    }
    // Imperfect: the person prefix is the past's alef.
    if (w[0] == kYeh && ((x && n == 6) || (!x && n == 5 && (w[1] == kNoon || infix(w[2])))) &&
        radical(w[1]) && radical(w[n - 1]) && radical(w[n - 2]) && w[1] != kTeh)
      w.set(0, kAlef);
    return w;
  }

  WordTable frozen_;
  WordTable short_words_;
  WordTable verbs_particles_;  // short verbs and particles: conjunctions only
  WordTable feminine_;
  WordTable protected_;
  WordTable plurals_;  // plural → singular
  std::uint64_t added_letters_ = 0;  // arabic_stem_added_letters()

 public:
  std::uint64_t added_letters() const { return added_letters_; }
};

const Stemmer& stemmer() {
  static const Stemmer instance;
  return instance;
}

}  // namespace

std::string arabic_light_stem(std::string_view word) {
  Word w;
  if (!arabic_word(word, 3, w)) return std::string(word);
  return encode(stemmer().stem(w));
}

bool arabic_letter_mask(std::string_view word, std::uint64_t& mask) {
  mask = 0;
  // U+0621..U+065F are the two-byte sequences D8 A1 .. D9 9F.
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  for (std::size_t i = 0; i < word.size(); i += 2) {
    if ((p[i] != 0xD8 && p[i] != 0xD9) || i + 1 >= word.size() || (p[i + 1] & 0xC0) != 0x80) return false;
    const auto c = static_cast<char32_t>(((p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F));
    if (c < 0x0621 || c > 0x065F) return false;
    mask |= std::uint64_t{1} << (c - 0x0620);
  }
  return true;
}

std::uint64_t arabic_stem_added_letters() { return stemmer().added_letters(); }

std::string strip_arabic_clitics(std::string_view word) {
  Word w;
  if (!arabic_word(word, 4, w)) return std::string(word);
  return encode(stemmer().clitic_readings(w).front());
}

std::vector<std::string> arabic_clitic_readings(std::string_view word) {
  Word w;
  if (!arabic_word(word, 4, w)) return {std::string(word)};
  std::vector<std::string> out;
  for (const Word& r : stemmer().clitic_readings(w)) {
    std::string s = encode(r);
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace iran::text
