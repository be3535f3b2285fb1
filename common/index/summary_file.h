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
#include <optional>

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

}  // namespace iran::index
