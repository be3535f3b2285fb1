#include "text/script_stemmer.h"

#include "text/arabic_stemmer.h"
#include "text/normalizer.h"
#include "text/utf8.h"
#include "util/memo.h"

namespace iran::text {
namespace {

std::string english_stem(const std::string& word) {
  // Xapian::Stem keeps Snowball's working state inside; one per thread keeps the shared
  // ScriptStemmer safe to call concurrently.
  thread_local Xapian::Stem english("english");
  return english(word);
}

bool is_arabic_block(char32_t c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
         (c >= 0x08A0 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF);
}

bool is_latin(char32_t c) { return (c >= 0x00C0 && c <= 0x024F) || (c >= 0x1E00 && c <= 0x1EFF); }

}  // namespace

Script word_script(std::string_view word) {
  if (utf8::is_ascii(word)) return Script::kAscii;
  bool latin = false;
  for (size_t i = 0; i < word.size();) {
    const char32_t c = utf8::next(word, i);
    if (is_arabic_block(c)) return Script::kArabic;
    if (is_latin(c)) latin = true;
  }
  return latin ? Script::kLatin : Script::kOther;
}

namespace {
// True when normalize() would return the word unchanged because it holds only ASCII and
// the plain Arabic letters (no alef forms, ى, hamza seats, tatweel, marks or digits).
// Words from TermGenerator were normalized with their text, so this spares ICU per word.
bool plainly_normalized(std::string_view word) {
  for (size_t i = 0; i < word.size();) {
    const char32_t c = utf8::next(word, i);
    if (c < 0x80) continue;
    if (c < 0x0621 || c > 0x064A) return false;
    if ((c >= 0x0622 && c <= 0x0626) || c == 0x0640 || c == 0x0649) return false;
  }
  return true;
}
}  // namespace

std::string ScriptStemmer::operator()(const std::string& word) {
  thread_local iran::util::WordMemo<std::string> memo;
  return memo.get(word, [&] { return stem_word(word); });
}

std::string ScriptStemmer::stem_word(const std::string& word) {
  if (utf8::is_ascii(word)) return english_stem(word);
  const std::string normalized = plainly_normalized(word) ? word : normalize(word);
  switch (word_script(normalized)) {
    case Script::kArabic:
      return arabic_light_stem(normalized);
    case Script::kAscii:
    case Script::kLatin:
      return english_stem(normalized);
    case Script::kOther:
      break;
  }
  return normalized;
}

std::string ScriptStemmer::get_description() const { return "iran-script-stemmer"; }

bool ascii_letter_mask(std::string_view word, std::uint64_t& mask) {
  mask = 0;
  for (const char ch : word) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 'a' && c <= 'z') mask |= std::uint64_t{1} << (c - 'a');
    else if (c >= '0' && c <= '9') mask |= std::uint64_t{1} << (26 + c - '0');
    else if (c == '_') mask |= std::uint64_t{1} << 36;
    else return false;
  }
  return true;
}

std::uint64_t english_stem_added_letters() {
  std::uint64_t m = 0;
  for (const char c : {'e', 'i', 'y'}) m |= std::uint64_t{1} << (c - 'a');
  return m;
}

}  // namespace iran::text
