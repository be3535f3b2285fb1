// When a build commits. By count (the batch) and by time (the interval), so that memory
// and the work a killed run loses stay bounded; and, in a build that indexes everything,
// never so often that commits take most of the writer's time.
//
// Why the last rule: what a commit costs grows with what the index already holds, not
// only with the batch. Xapian merges the batch's spelling words into its spelling table,
// where each 2- and 3-letter fragment is one entry listing every word that holds it, and
// rewrites (decodes, merges, deflates) every entry the batch touches, so the cost of a
// commit grows with the vocabulary. At a fixed interval of 32 s, a 200,000-article
// build on a loaded machine spent most of its writer thread in commits (8 of 12 stack
// samples at 127,000 articles) and its rate fell from 460-560 articles per CPU-second
// (English, the first in path order) to 100-170 (Arabic; README "Scale"), while the
// interval, counted from the start of a commit, left ever fewer documents per commit.
#pragma once

#include <cstddef>

namespace iran::index {

// A full build waits, after a commit, until writing has taken this many times as long
// as that commit took: commits take at most 1/(1 + k) of the writer's time...
inline constexpr double kCommitAmortization = 4;
// ...but never holds more than this many batches (memory, and Xapian's own flush
// threshold, which the build sets to twice this many batches plus 100 changes).
inline constexpr std::size_t kMaxHeldBatches = 2;

struct CommitClock {
  std::size_t pending = 0;  // documents written since the last commit
  std::size_t batch = 0;    // documents per commit
  double since_last = 0;    // seconds since the last commit ended
  double interval = 0;      // seconds between commits by time
  double last_commit = 0;   // seconds the last commit took (0 before the first)
  bool amortized = false;   // a full build at the default batch (not a --batch the user chose)
};

bool commit_due(const CommitClock& c);

}  // namespace iran::index
