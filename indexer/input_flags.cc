#include "indexer/input_flags.h"

#include <CLI/CLI.hpp>

namespace iran::indexer {
namespace {
std::string util_join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "|") + n;
  return out;
}
}  // namespace

void add_jsonl_options(CLI::App& app, JsonlFlags& f) {
  const corpus::JsonlMapping defaults;
  const auto add = [&](const char* name, std::string& target, const std::vector<std::string>& def, const char* what) {
    app.add_option(name, target, std::string("JSON Lines: field(s) holding ") + what + ", as a|b (default " +
                                     util_join(def) + ")")
        ->group("Dump fields");
  };
  add("--jsonl-id", f.id, defaults.id, "the record's identity");
  add("--jsonl-title", f.title, defaults.title, "the title");
  add("--jsonl-text", f.text, defaults.text, "the text");
  add("--jsonl-date", f.date, defaults.date, "the publication date");
  add("--jsonl-crawled", f.crawled, defaults.crawled, "a crawl date, used when nothing else dates the record");
  add("--jsonl-source", f.source, defaults.source, "the outlet");
  add("--jsonl-url", f.url, defaults.url, "the address");
  add("--jsonl-lang", f.lang, defaults.lang, "the language");
}

corpus::InputOptions input_options(const JsonlFlags& f) {
  corpus::InputOptions options;
  auto& m = options.jsonl;
  const auto set = [](std::vector<std::string>& target, const std::string& given) {
    if (auto fields = corpus::JsonlMapping::fields(given); !fields.empty()) target = std::move(fields);
  };
  set(m.id, f.id);
  set(m.title, f.title);
  set(m.text, f.text);
  set(m.date, f.date);
  set(m.crawled, f.crawled);
  set(m.source, f.source);
  set(m.url, f.url);
  set(m.lang, f.lang);
  return options;
}

}  // namespace iran::indexer
