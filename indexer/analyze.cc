#include <iomanip>
#include <iostream>

#include "app/cli_support.h"
#include "indexer/commands.h"
#include "util/terminal.h"

namespace iran::indexer {

// One line per token: position, the normalized term, and its stem (Xapian indexes the
// stem with a 'Z' prefix), like Elasticsearch's _analyze.
int run_analyze(const std::string& text) {
  const text::Analyzer analyzer;
  std::cout << "normalized: " << util::escape_controls(analyzer.normalize(text)) << '\n';
  for (const auto& token : analyzer.analyze(text))
    std::cout << std::setw(4) << token.position << "  " << util::escape_controls(token.term) << "  →  Z"
              << util::escape_controls(token.stem) << '\n';
  return app::exit_code::kSuccess;
}

}  // namespace iran::indexer
