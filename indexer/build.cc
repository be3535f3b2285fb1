#include <iostream>

#include "app/cli_support.h"
#include "index/writer.h"
#include "indexer/commands.h"

namespace iran::indexer {

int run_build(const Paths& paths, std::size_t batch_size) {
  const auto context = app::load_analysis_context();
  index::BuildOptions options;
  options.corpus = paths.corpus;
  options.db = paths.db;
  options.batch_size = batch_size;
  const auto report = index::build_index(options, context.gazetteer, context.analyzer,
                                         [](const index::FileFailure& f) {
                                           app::print_error("iranidx", f.path + ": " + f.problem);
                                         });
  if (report.reanalyzed)
    app::print_warning("iranidx", "the index was built by another analyzer version; every article was reindexed");
  std::cout << "iranidx: " << index::summary_line(report) << '\n';
  return report.failed ? app::exit_code::kPartial : app::exit_code::kSuccess;
}

}  // namespace iran::indexer
