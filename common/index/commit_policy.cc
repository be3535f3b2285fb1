#include "index/commit_policy.h"

namespace iran::index {

bool commit_due(const CommitClock& c) {
  const bool by_count = c.pending >= c.batch;
  if (!by_count && c.since_last < c.interval) return false;
  if (!c.amortized) return true;
  return c.since_last >= kCommitAmortization * c.last_commit || c.pending >= kMaxHeldBatches * c.batch;
}

}  // namespace iran::index
