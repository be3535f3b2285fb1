#include <iomanip>
#include <iostream>

#include "app/cli_support.h"
#include "indexer/commands.h"

namespace iran::indexer {

// One line per token: position, the normalized term, and its stem (Xapian indexes the
// stem with a 'Z' prefix), like Elasticsearch's _analyze.
int run_analyze(const std::string& text) {
  const text::Analyzer analyzer;
  std::cout << "normalized: " << analyzer.normalize(text) << '\n';
  for (const auto& token : analyzer.analyze(text))
    std::cout << std::setw(4) << token.position << "  " << token.term << "  →  Z" << token.stem << '\n';
  return app::exit_code::kSuccess;
}

}  // namespace iran::indexer
