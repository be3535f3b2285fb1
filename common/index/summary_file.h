// A local database's stored discovered summary (index/discovered_summary.h), kept in the
// cache folder per revision so that a search process maps it instead of reading it from
// the index. The value is large (750 KB for 44,000 articles): reading it through Xapian
// built it by appending block after block, and the copies were a third of a one-search
// process's page faults, plus its checksum over a heap copy.
//
// One file per database and revision, summary-UUID-PLACE-REV.bin (PLACE: a hash of the
// folder's device and inode, as the facet tables', index/facet_table.h): a magic, the
// whole TableStamp, then the value exactly as stored. Written by the first process that
// read the value from the index, after its answer is out (Searcher::keep_facet_table),
// atomically (util::write_cache_file); mapped by the next ones. A file whose stamp
// differs is not used, and its value is checked as the stored one is (the summary's own
// checksum): a damaged file is ignored and the index read instead.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/discovered_summary.h"
#include "index/facet_table.h"

namespace iran::index {

// The summary of the revision `stamp` names, mapped from `dir`; nullopt when there is
// no such file, or it is of another stamp, damaged or of another summary format.
std::optional<DiscoveredSummary> load_summary_file(const std::filesystem::path& dir, const TableStamp& stamp);

// Writes `summary`'s stored value for `stamp` (nothing for a summary made from the
// terms, or a stamp without a plain UUID, e.g. a remote shard's); then removes the same
// database's files of older revisions, and other databases' past the newest 16. False
// when nothing was written (only a cache: nothing depends on it).
bool save_summary_file(const std::filesystem::path& dir, const TableStamp& stamp, const DiscoveredSummary& summary);

// The file's name in a cache folder.
std::string summary_file_name(const TableStamp& stamp);

// A remote shard's summary by the print stored beside it (schema::kMetaDiscoveredPrint,
// its trusted part: trusted_summary_print): a remote shard has no revision to key a file
// by, but its print names its summary. The file (printed-summary-PRINT.bin) holds a magic
// and the value; loading checks the value's checksum and that its fingerprint is `print`.
// nullopt when there is none. Unlike the files above, these are written at once, when a
// search first meets the print (before its answer: the shard's value is in hand then).
std::optional<DiscoveredSummary> load_printed_summary(const std::filesystem::path& dir, std::string_view print);
// Keeps `summary` (a stored one whose fingerprint is `print`) for load_printed_summary,
// and removes such files past the newest 16. False when nothing was written (no folder,
// one this process cannot write, another summary).
bool save_printed_summary(const std::filesystem::path& dir, std::string_view print, const DiscoveredSummary& summary);
// A remote shard's summary: mapped from `dir` by the shard's trusted print, else read
// from the shard (its stored value, else its terms) and kept there for the next process.
std::shared_ptr<const DiscoveredSummary> remote_summary(const Xapian::Database& shard, const std::filesystem::path& dir);

// Several shards' summaries combined (DiscoveredSummary's constructor from parts). When
// every part is a stored one, the combination is itself encoded as a stored value (the
// tallies summed, each spelling's keys as its first part stores them) and kept in `dir`
// under the parts' checksums (combined-summary-KEY.bin), so that the next process over
// the same shards maps it instead of summing every shard's tally (a fifth of a search
// process over 4 shards of 44,779 articles), written at once by the first process that
// combines them. Its officials, names, keys and tally are the combination's; it is a
// stored summary, so its fingerprint() (its own checksum), spellings() (each spelling
// once) and stored_value() differ. A part made from the terms (no stored keys), an empty
// `dir`, or no file there in a folder this process cannot write: combined in memory as
// before.
std::shared_ptr<const DiscoveredSummary> combined_summary(
    const std::vector<std::shared_ptr<const DiscoveredSummary>>& parts, const std::filesystem::path& dir);

// The file name combined_summary() keeps `parts`' combination under.
std::string combined_summary_file_name(const std::vector<std::shared_ptr<const DiscoveredSummary>>& parts);

}  // namespace iran::index
