// Ingestion stamps: when an article was first indexed, for "what is new since I last
// looked" (`iransearch @NAME --new`). A stamp is UTC with microseconds,
// "2026-12-01T08:50:12.123456Z", so string order is time order. An article keeps its
// first stamp when it is edited, re-analyzed, moved or rebuilt with --full: only
// articles that were not in the index before are new.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace iran::index {

// Now, and later than any stamp this process returned before.
std::string ingest_stamp_now();

// Every article's stamp by its ID term (Q...), from the value stream: no document reads.
std::unordered_map<std::string, std::string> ingest_stamps(const Xapian::Database& db);

// The latest stamp in the database (empty when none): the mark a `--new` run keeps.
std::string latest_ingest_stamp(const Xapian::Database& db);

}  // namespace iran::index
