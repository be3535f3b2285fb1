// Fuzz target: bytes as a file name (or a path relative to the corpus; a NUL ends it, as
// the kernel would), through everything a name meets: the index's ID and file terms, the
// item identity of a feed, the document builder, the terminal escapes and the JSON
// writer. Properties, not just "no crash": the escaped forms are terminal-safe, the
// quoted form reads back to the exact bytes, the JSON parses (nlohmann, strict UTF-8)
// and its path_bytes give the name back, and no term is longer than Xapian takes.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "corpus/article.h"
#include "corpus/input.h"
#include "entities/gazetteer.h"
#include "index/document_builder.h"
#include "index/schema.h"
#include "text/analyzer.h"
#include "util/json.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

int hex_value(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

// The inverse of util::quote_name for the quoted form.
std::string unquote(const std::string& quoted) {
  require(quoted.size() >= 2 && quoted.front() == '"' && quoted.back() == '"');
  std::string out;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    if (quoted[i] != '\\') {
      out += quoted[i];
      continue;
    }
    const char e = quoted[++i];
    if (e == 'n') out += '\n';
    else if (e == 'r') out += '\r';
    else if (e == 't') out += '\t';
    else if (e == '"' || e == '\\') out += e;
    else if (e == 'x') {
      out += static_cast<char>(hex_value(quoted[i + 1]) * 16 + hex_value(quoted[i + 2]));
      i += 2;
    } else {
      require(e == 'u');
      unsigned cp = 0;
      for (int k = 1; k <= 4; ++k) cp = cp * 16 + static_cast<unsigned>(hex_value(quoted[i + k]));
      i += 4;
      if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      }
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto gazetteer = iran::entities::Gazetteer::load(iran::entities::find_data_dir());
  static const iran::text::Analyzer analyzer;
  static iran::index::DocumentBuilder builder(analyzer, gazetteer);
  std::string name(reinterpret_cast<const char*>(data), size);
  if (const auto nul = name.find('\0'); nul != std::string::npos) name.resize(nul);
  using namespace iran;

  // Terminal: every form is safe; the quoted one is exact.
  require(util::is_terminal_safe(util::escape_controls(name)));
  require(util::is_terminal_safe(util::escape_controls_multiline(name)) || name.find_first_of("\n\t") != std::string::npos);
  const std::string quoted = util::quote_name(name);
  require(util::is_terminal_safe(quoted));
  require(quoted == name ? util::is_terminal_safe(name) : unquote(quoted) == name);

  // JSON: parses as strict UTF-8; the name comes back exactly from path or path_bytes.
  util::JsonWriter json;
  json.begin_object().path_member("path", name).key("title").value(name).end_object();
  const auto parsed = nlohmann::json::parse(json.str());  // throws on invalid UTF-8: a bug
  if (parsed.contains("path_bytes")) {
    const std::string hex = parsed["path_bytes"];
    require(hex == util::hex_bytes(name) && util::find_invalid_utf8(name) != std::string::npos);
  } else {
    require(parsed["path"] == name);
  }

  // The index: ID, file and item terms within Xapian's limit, and a document for the name.
  require(schema::id_term(name).size() <= schema::kMaxTermBytes);
  require(schema::file_term(name).size() <= schema::kMaxTermBytes);
  const std::string item = corpus::item_path("feeds/a.xml", name);
  require(schema::id_term(item).size() <= schema::kMaxTermBytes);
  corpus::Article article;
  article.meta.title = name;
  article.body = "Iran and Qatar. " + name;
  const Xapian::Document doc = builder.build(name, article, "stamps|hash", "").doc;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) require((*t).size() <= schema::kMaxTermBytes);
  return 0;
}
