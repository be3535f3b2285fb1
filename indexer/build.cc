#include <iostream>

#include "app/cli_support.h"
#include "index/writer.h"
#include "indexer/commands.h"

namespace iran::indexer {

int run_build(const Paths& paths, const BuildFlags& flags) {
  const auto context = app::load_analysis_context();
  index::BuildOptions options;
  options.corpus = paths.corpus;
  options.db = paths.db;
  options.batch_size = flags.batch_size;
  options.full = flags.full;
  options.wait_seconds = flags.wait_seconds;
  index::BuildObserver observer;
  observer.failed = [](const index::FileFailure& f) { app::print_error("iranidx", f.path + ": " + f.problem); };
  observer.converted = [](const index::FileConversion& c) {
    app::print_warning("iranidx", c.path + ": not UTF-8; indexed as " + c.encoding);
  };
  const auto report = index::build_index(options, context.gazetteer, context.analyzer, observer);
  if (report.reanalyzed)
    app::print_warning("iranidx", "the index was built by another analyzer version; every article was reindexed");
  std::cout << "iranidx: " << index::summary_line(report) << '\n';
  return report.failed ? app::exit_code::kPartial : app::exit_code::kSuccess;
}

}  // namespace iran::indexer
