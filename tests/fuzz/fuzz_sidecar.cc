// Fuzz target: bytes as metadata, once as a sidecar (FILE.meta) and once as front matter,
// over a fixed article, through decoding, parsing and the Xapian document builder. A
// FileError or MetadataError is a correct answer to bad metadata; anything else escaping,
// a sanitizer report, or a term longer than Xapian takes (the 280-character `source:`
// that stopped every build) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "corpus/article.h"
#include "corpus/reader.h"
#include "entities/gazetteer.h"
#include "index/document_builder.h"
#include "index/schema.h"
#include "text/analyzer.h"

namespace {

const char kBody[] = "Tehran — Iran and Qatar discussed the neighborhood policy. Raisi met the Emir in Doha.\n";

void build_and_check(const iran::corpus::Article& article) {
  static const auto gazetteer = iran::entities::Gazetteer::load(iran::entities::find_data_dir());
  static const iran::text::Analyzer analyzer;
  static iran::index::DocumentBuilder builder(analyzer, gazetteer);
  const Xapian::Document doc = builder.build("dir/article.txt", article, "stamps|hash", "").doc;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    if ((*t).size() > iran::schema::kMaxTermBytes) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto gazetteer = iran::entities::Gazetteer::load(iran::entities::find_data_dir());
  const std::string input(reinterpret_cast<const char*>(data), size);
  using namespace iran::corpus;
  try {
    const std::string sidecar = decode_text(input).text;
    build_and_check(parse_article(kBody, sidecar, gazetteer));
  } catch (const FileError&) {
  } catch (const MetadataError&) {
  }
  try {
    const std::string text = decode_text("---\n" + input + "\n---\n" + kBody).text;
    build_and_check(parse_article(text, "", gazetteer));
  } catch (const FileError&) {
  } catch (const MetadataError&) {
  }
  return 0;
}
