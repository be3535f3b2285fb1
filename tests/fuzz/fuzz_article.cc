// Fuzz target: bytes of a file (and optionally a sidecar after a "\n@@sidecar@@\n" line)
// through decoding and article parsing. A FileError or MetadataError is a correct answer
// to bad input; anything else escaping, or a sanitizer report, is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "corpus/article.h"
#include "corpus/reader.h"
#include "entities/gazetteer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto gazetteer = iran::entities::Gazetteer::load(iran::entities::find_data_dir());
  std::string input(reinterpret_cast<const char*>(data), size);
  std::string sidecar;
  if (const auto split = input.find("\n@@sidecar@@\n"); split != std::string::npos) {
    sidecar = input.substr(split + 13);
    input.resize(split);
  }
  try {
    const auto text = iran::corpus::decode_text(input);
    std::string meta;
    if (!sidecar.empty()) meta = iran::corpus::decode_text(sidecar).text;
    const auto article = iran::corpus::parse_article(text.text, meta, gazetteer);
    (void)article;
  } catch (const iran::corpus::FileError&) {
  } catch (const iran::corpus::MetadataError&) {
  }
  return 0;
}
