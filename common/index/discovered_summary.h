// The discovered officials of a database (index/discovered.h) as its writer computed
// them at commit time, stored in the database's metadata (schema::kMetaDiscovered) by
// the same commit as the documents: a search reads one key per shard instead of walking
// every XD and XP term of the index into maps and deriving the join keys of every
// discovered name (index/discovered_merge.h). Readers never see documents without the
// summary of exactly those documents: Xapian commits both at once.
//
// The value: a format version, the analyzer version (the join keys are the analyzer's,
// entities/name_key.h), a checksum, then three sections: the officials (what
// discovered_officials() makes of the tally), the tally itself (per ID its spellings,
// roles and countries with their article counts, and the articles of every XP ID:
// what several shards' summaries are summed from), and each spelling's join keys. A
// reader refuses a version, an analyzer or a checksum it does not know, or a value that
// does not parse, and reads the terms as before; so it does for an index built before
// (no key). Which keys may join two names is decided at search time (the rule of
// discovered_merge.h is not frozen into the index).
//
// Kept true by the writer (index/target.h, DiscoveredSummaryWriter): before the first
// change of a database after a commit, the key is removed in the same pending changes,
// so that a commit Xapian makes by itself (XAPIAN_FLUSH_THRESHOLD) or on destruction
// stores no stale summary; and every commit stores the summary of the database as it
// will be after it (Xapian's all-terms list of a WritableDatabase sees its pending
// changes: GlassWritableDatabase::open_allterms flushes them first).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>
#include <optional>
#include <string>
#include <string_view>

#include "index/discovered.h"
#include "index/discovered_merge.h"

namespace iran::index {

// Bump when the value's layout changes, and also when discovered_officials()
// (index/discovered.cc) changes what it makes of a tally: the officials section is its
// output, so an index written before would otherwise keep the old labels until rebuilt
// (`iranidx check` would report the summary as differing from the terms).
inline constexpr std::uint64_t kDiscoveredSummaryFormat = 1;

class DiscoveredSummary {
 public:
  // The summary stored in db; nullopt when there is none or it is refused (above).
  static std::optional<DiscoveredSummary> stored(const Xapian::Database& db);
  static std::optional<DiscoveredSummary> decode(std::string value);
  // The same over bytes that `owner` keeps alive (a mapped cache file: index/summary_file.h).
  static std::optional<DiscoveredSummary> decode(std::string_view value, std::shared_ptr<const void> owner);
  // The value it was decoded from (empty when made from the terms or combined).
  std::string_view stored_value() const { return value_; }
  // The stored one, else one made from the terms (without keys: the join derives them).
  static DiscoveredSummary of(const Xapian::Database& db);
  // Of a tally read from the terms (no keys).
  explicit DiscoveredSummary(DiscoveredTally tally);
  // Several shards' summaries combined: their tallies summed (as their combination's
  // terms would give), the keys of every spelling any of them stores.
  explicit DiscoveredSummary(const std::vector<std::shared_ptr<const DiscoveredSummary>>& parts);

  // Whether it came from the stored key (else from the terms).
  bool from_key() const { return from_key_; }
  // discovered_officials(tally()). From the stored key, made on first use (a search that
  // only labels a page's officials asks has() and name() instead).
  const std::map<std::string, DiscoveredInfo>& officials() const;
  // Whether `id` is one of officials(), and its name (the spelling most articles give):
  // from the stored key, by a binary search over the value, without making the map.
  bool has(std::string_view id) const;
  std::optional<std::string_view> name(std::string_view id) const;
  // A 64-bit print of everything officials() and keys_of() give (the stored key's
  // checksum, else a hash of the officials): equal prints, equal summaries.
  std::uint64_t fingerprint() const;
  // The tally (decoded from the value on each call: only several shards need it).
  DiscoveredTally tally() const;
  // A spelling's join keys as stored; false when it has none (made from the terms).
  bool keys_of(std::string_view name, NameJoinKeys& out) const;
  NameKeyLookup key_lookup() const {
    return [this](std::string_view name, NameJoinKeys& out) { return keys_of(name, out); };
  }
  // How many spellings have stored keys.
  std::size_t spellings() const;

 private:
  DiscoveredSummary() = default;

  bool from_key_ = false;
  std::map<std::string, DiscoveredInfo> officials_;  // !from_key_; else lazy_
  // from_key_: each official's ID and where the rest of its entry starts in the value,
  // by ID; officials() made of them once.
  std::vector<std::pair<std::string_view, std::size_t>> official_index_;
  struct Lazy {
    std::once_flag once;
    std::map<std::string, DiscoveredInfo> officials;
    std::once_flag keys_once;
    std::vector<std::pair<std::string_view, std::size_t>> key_index;
  };
  // from_key_: each spelling's keys (where they start in the value), by spelling; made
  // from spellings_bytes_ on first use. Empty otherwise.
  const std::vector<std::pair<std::string_view, std::size_t>>& key_index() const;
  std::unique_ptr<Lazy> lazy_;
  std::uint64_t checksum_ = 0;
  // from_key_: the value, and its tally and spellings sections. The value is held
  // behind `owner_` (a string on the heap, or a mapped file) so that the views into it
  // stay valid when the summary is moved (a moved std::string need not keep its buffer:
  // a short one is copied), and the summary cannot be copied by accident.
  std::shared_ptr<const void> owner_;
  std::string_view value_;
  std::string_view tally_bytes_;
  std::string_view spellings_bytes_;
  std::optional<DiscoveredTally> tally_;    // !from_key_
  std::vector<std::shared_ptr<const DiscoveredSummary>> parts_;  // combined: where keys are
};

// The value stored for `tally`, each spelling's keys taken from `keys` (which must hold
// every spelling of tally.names).
std::string encode_discovered_summary(const DiscoveredTally& tally, const NameKeyTable& keys);

// The print stored beside a summary's value (schema::kMetaDiscoveredPrint): its
// fingerprint() in hex, then the document count, last docid and total length of `db` as
// the value is of them ("PRINT-DOCS-LASTDOCID-LENGTH"; a WritableDatabase gives them with
// its pending changes); "" for a value that does not decode.
std::string discovered_summary_print(std::string_view value, const Xapian::Database& db);
std::string discovered_summary_print(const DiscoveredSummary& summary, const Xapian::Database& db);
// The summary's part of a stored print (its 16 hex digits) when the print is well-formed
// and its figures are db's as opened; "" otherwise. A writer that knows no print (an
// older iranidx) updates the value and leaves the print: the figures it changed with the
// documents tell the print from the value it was written with.
std::string trusted_summary_print(std::string_view print, const Xapian::Database& db);

// The value a writer stores for db as it is now, every key derived afresh.
std::string discovered_summary_of_terms(const Xapian::Database& db);

// `iranidx check`: whether db's stored summary is the one its terms give.
enum class SummaryState { Matches, Missing, Refused, Differs, PrintDiffers };
SummaryState check_discovered_summary(const Xapian::Database& db);
// "matches the terms", "missing (searches read the terms)", ...
std::string_view describe(SummaryState state);

// The writer's side: computes and stores the summary at each commit, keeping every
// spelling's keys across commits and databases (a spelling's keys are derived once per
// build, not once per commit).
class DiscoveredSummaryWriter {
 public:
  // Removes db's stored summary in its pending changes: call before changing db after
  // a commit (once is enough until the next commit).
  static void invalidate(Xapian::WritableDatabase& db);
  // Stores the summary of db as it will be after this commit, then commits.
  void commit(Xapian::WritableDatabase& db);
  // Stores it without committing (the caller commits at once).
  void store(Xapian::WritableDatabase& db);

  // For measurements: summaries made, and the CPU seconds they took.
  std::size_t made() const { return made_; }
  double seconds() const { return seconds_; }

 private:
  NameKeyTable keys_;
  std::size_t made_ = 0;
  double seconds_ = 0;
};

}  // namespace iran::index
