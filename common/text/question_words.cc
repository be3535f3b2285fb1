#include "text/question_words.h"

#include <string_view>
#include <unordered_set>

#include "text/normalizer.h"

namespace iran::text {
namespace {

// Closed classes only: no noun or verb with a meaning of its own (اسم, عدد, name,
// number stay searched), and no word that is also a name or a subject (US, IT, may).
// clang-format off
constexpr std::string_view kArabic[] = {
    // interrogatives
    "ما", "ماذا", "من", "متى", "أين", "كيف", "كم", "لماذا", "هل", "أي", "أية", "ماهو", "ماهي",
    // pronouns
    "هو", "هي", "هم", "هما", "هن", "أنا", "نحن",
    // relatives
    "الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللواتي", "اللاتي",
    // demonstratives
    "هذا", "هذه", "ذلك", "تلك", "هؤلاء", "أولئك", "هناك", "هنا",
    // prepositions and particles
    "في", "إلى", "على", "عن", "مع", "حتى", "منذ", "عند", "لدى", "و", "أو", "ثم", "أم",
    "أن", "إن", "أنه", "أنها", "إنه", "لا", "لم", "لن", "قد", "لقد", "بل", "كما", "بها", "به",
    "فيه", "فيها", "فيهم", "عليه", "عليها", "منه", "منها", "عنه", "عنها", "له", "لها", "لهم",
    // auxiliaries of the passive and the past, in each person and with the future سـ
    "تم", "تمت", "يتم", "تتم", "سيتم", "ستتم",
    "كان", "كانت", "كانوا", "يكون", "تكون", "سيكون", "ستكون", "يكن", "تكن",
    // interrogatives contracted with a preposition: على ما, في ما, حتى ما (not إلام,
    // which normalizes to الام, "the mother")
    "علام", "فيم", "حتام",
};
// Those that also come with a conjunction or preposition written on them (وما, لمن, بأي,
// ومتى, بهذا, كذلك). Not هم (وهم is also "illusion"), and اي only after a preposition
// (واي is also the Wi of واي فاي).
constexpr std::string_view kWithClitic[] = {
    "ما", "ماذا", "من", "متى", "أين", "كيف", "كم", "لماذا", "أي", "أية", "هو", "هي",
    "الذي", "التي", "الذين", "هذا", "هذه", "ذلك", "تلك",
};
constexpr std::string_view kEnglish[] = {
    // interrogatives
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
    // auxiliaries and copulas
    "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "has", "have", "had",
    // articles, pronouns, demonstratives
    "the", "a", "an", "its", "they", "their", "he", "his", "she", "her", "this", "that",
    "these", "those", "there",
    // prepositions and conjunctions
    "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "into", "and", "or",
};
constexpr std::string_view kOpening[] = {
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
    "ماذا", "متى", "أين", "كيف", "كم", "لماذا", "هل", "ماهو", "ماهي",
};
// clang-format on

template <std::size_t N>
std::unordered_set<std::string> normalized(const std::string_view (&list)[N]) {
  std::unordered_set<std::string> s;
  for (auto w : list) s.insert(normalize(w));
  return s;
}

const std::unordered_set<std::string>& with_clitic() {
  static const std::unordered_set<std::string> set = normalized(kWithClitic);
  return set;
}

const std::unordered_set<std::string>& words() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> s = normalized(kArabic);
    for (auto w : kEnglish) s.insert(std::string(w));
    return s;
  }();
  return set;
}

const std::unordered_set<std::string>& opening() {
  static const std::unordered_set<std::string> set = normalized(kOpening);
  return set;
}

}  // namespace

bool is_question_word_after(const std::string& previous, const std::string& term) {
  return previous == "how" && (term == "many" || term == "much");
}

bool is_opening_interrogative(const std::string& term) { return opening().count(term) != 0; }

bool is_question_word(const std::string& term) {
  if (words().count(term)) return true;
  // One clitic letter (two bytes in UTF-8) on a word of at least two letters.
  if (term.size() < 6) return false;
  const std::string clitic = term.substr(0, 2), rest = term.substr(2);
  const bool conjunction = clitic == "\u0648" || clitic == "\u0641";                          // و ف
  const bool preposition = clitic == "\u0628" || clitic == "\u0644" || clitic == "\u0643";  // ب ل ك
  if (!conjunction && !preposition) return false;
  if (conjunction && (rest == "\u0627\u064A" || rest == "\u0627\u064A\u0629")) return false;  // واي فاي
  return with_clitic().count(rest) != 0;
}

}  // namespace iran::text
