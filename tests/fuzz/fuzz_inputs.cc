// Fuzz target: bytes as a saved page, a feed and a dump line, through the readers of
// corpus/input.h and the article parser. FileError (a page or feed that cannot be read),
// std::invalid_argument (a bad dump line) and MetadataError are correct answers to bad
// input; anything else escaping, or a sanitizer report, is a bug.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "corpus/feed_reader.h"
#include "corpus/html_reader.h"
#include "corpus/input.h"
#include "corpus/jsonl_reader.h"
#include "entities/gazetteer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto gazetteer = iran::entities::Gazetteer::load(iran::entities::find_data_dir());
  const std::string input(reinterpret_cast<const char*>(data), size);
  using namespace iran::corpus;
  try {
    const auto page = extract_html(decode_html(input).html);
    parse_article(page.text, "", gazetteer, page.meta);
  } catch (const FileError&) {
  } catch (const MetadataError&) {
  }
  try {
    if (const auto feed = parse_feed(input))
      for (const auto& item : feed->items) parse_article(item.text, "", gazetteer, item.meta);
  } catch (const FileError&) {
  } catch (const MetadataError&) {
  }
  try {
    const auto record = parse_jsonl_line(input, 1, {});
    parse_article(record.text, "", gazetteer, record.meta);
  } catch (const std::invalid_argument&) {
  } catch (const MetadataError&) {
  }
  return 0;
}
