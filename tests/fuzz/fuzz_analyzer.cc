// Fuzz target: any valid UTF-8 through the normalizer, the analyzer (TermGenerator with
// the script stemmer) and the entity matcher. Invalid UTF-8 is fed to the normalizer
// alone, which must not crash on it either.
#include <cstddef>
#include <cstdint>
#include <string>

#include "entities/gazetteer.h"
#include "text/analyzer.h"
#include "text/normalizer.h"
#include "util/strings.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto gazetteer = iran::entities::Gazetteer::load(iran::entities::find_data_dir());
  static const iran::text::Analyzer analyzer;
  const std::string input(reinterpret_cast<const char*>(data), size);
  (void)iran::text::normalize(input);
  if (iran::util::find_invalid_utf8(input) != std::string::npos) return 0;
  for (const auto& token : analyzer.analyze(input)) (void)analyzer.stemmer()(token.term);
  for (const auto& mention : gazetteer.find(input)) {
    if (mention.end > input.size() || mention.begin > mention.end) __builtin_trap();
  }
  return 0;
}
