#include <doctest/doctest.h>

#include "index/commit_policy.h"

using namespace iran::index;

namespace {

CommitClock clock_of(std::size_t pending, double since_last, double last_commit, bool amortized) {
  return CommitClock{pending, 10000, since_last, 32, last_commit, amortized};
}

}  // namespace

TEST_CASE("commits come by count or by time") {
  CHECK_FALSE(commit_due(clock_of(9999, 31.9, 0, false)));
  CHECK(commit_due(clock_of(10000, 0.5, 0, false)));
  CHECK(commit_due(clock_of(1, 32, 0, false)));
  // The first commit of a full build: nothing to space it by.
  CHECK(commit_due(clock_of(10000, 0.5, 0, true)));
  CHECK(commit_due(clock_of(1, 32, 0, true)));
}

TEST_CASE("a run that is not a default full build commits whatever the last commit cost") {
  CHECK(commit_due(clock_of(10000, 1, 50, false)));
  CHECK(commit_due(clock_of(3, 33, 50, false)));
}

TEST_CASE("a full build waits until writing took kCommitAmortization times the last commit") {
  // The last commit took 20 s: by time (32 s) or count alone, the next would be due.
  CHECK_FALSE(commit_due(clock_of(10000, 79, 20, true)));
  CHECK_FALSE(commit_due(clock_of(800, 40, 20, true)));  // not a commit per 800 documents
  CHECK(commit_due(clock_of(10000, 80, 20, true)));
  CHECK(commit_due(clock_of(800, 80, 20, true)));
  // A cheap last commit does not delay the next.
  CHECK(commit_due(clock_of(10000, 2, 0.4, true)));
  // Never more than kMaxHeldBatches batches held, however long the last commit took.
  CHECK_FALSE(commit_due(clock_of(kMaxHeldBatches * 10000 - 1, 100, 600, true)));
  CHECK(commit_due(clock_of(kMaxHeldBatches * 10000, 100, 600, true)));
  // Neither count nor time: not due, however cheap.
  CHECK_FALSE(commit_due(clock_of(5000, 10, 0, true)));
}
