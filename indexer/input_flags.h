// Options that say how input files are read (today: the field mapping of JSON Lines
// dumps), shared by build, check, show and entities, and readable from the config file.
#pragma once

#include <string>

#include "corpus/input.h"

namespace CLI { class App; }

namespace iran::indexer {

// Each is "field|field|..." (dotted paths allowed); empty keeps the default mapping.
struct JsonlFlags {
  std::string id, title, text, date, crawled, source, url, lang;
};

// --jsonl-id, --jsonl-title, --jsonl-text, --jsonl-date, --jsonl-crawled, --jsonl-source,
// --jsonl-url, --jsonl-lang; in a config file: jsonl-title = "headline|title".
void add_jsonl_options(CLI::App& app, JsonlFlags& flags);

corpus::InputOptions input_options(const JsonlFlags& flags);

}  // namespace iran::indexer
