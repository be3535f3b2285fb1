// The language of an article from the letters it is written in.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace iran::corpus {

struct ScriptCounts {
  std::size_t latin = 0;
  std::size_t arabic = 0;             // every Arabic-script letter
  std::size_t persian_only = 0;       // پ چ ژ گ: letters Arabic does not have
  std::size_t arabic_only = 0;        // ة ى: letters Persian rarely writes
  std::size_t persian_yeh_keheh = 0;  // ی ک, which Iranian outlets also type in Arabic
  std::size_t arabic_yeh_kaf = 0;     // ي ك
  std::size_t other = 0;              // letters of any other script
};

ScriptCounts count_scripts(std::string_view text);

// "en" when Latin letters are the majority; "ar" or "fa" for Arabic script; "" when
// the text has no letters or another script wins (we would only guess).
std::string detect_language(std::string_view text);

}  // namespace iran::corpus
