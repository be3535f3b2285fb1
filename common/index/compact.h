// A full build ends compacted: Xapian::Database::compact writes every table afresh,
// full blocks in order, which roughly halves what a build's incremental commits leave
// (see README: "Build speed"). The copy is made beside the generations and renamed
// into a new one only when complete, so a killed compaction leaves nothing that looks
// like an index.
#pragma once

#include <filesystem>

namespace iran::index {

// Writes a compacted copy of the database `from` (closed by its writer) as a new,
// unpublished generation of the index directory `db`, docids unchanged, and returns its
// path. Throws (Xapian::Error, std::filesystem::filesystem_error) and leaves nothing
// behind when it cannot.
std::filesystem::path compact_generation(const std::filesystem::path& db, const std::filesystem::path& from);

// Removes what a compaction killed midway left in `db`.
void remove_unfinished_compaction(const std::filesystem::path& db);

}  // namespace iran::index
