// The gazetteer an index was built with, entry by entry, so that an edit of the data
// (most often the user's local gazetteer file) reindexes only the articles it can touch
// instead of every article: each entry's hash and names are stored in the index
// metadata; a build diffs them against the data it loads and looks the changed
// entries up in the index.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <vector>

namespace iran::entities { class Gazetteer; }
namespace iran::text { class Analyzer; }

namespace iran::index {

// Stores the gazetteer's entry prints, shared hash and given names in db's metadata.
void store_gazetteer_state(Xapian::WritableDatabase& db, const entities::Gazetteer& gazetteer);

struct GazetteerChange {
  std::size_t entries = 0;               // entries added, removed or edited
  std::vector<Xapian::docid> documents;  // the articles they can touch, ascending
};

// The entries that differ between what db stores and `gazetteer`, and the documents of
// db that can have other entities, name keys or source under the new data: those with a
// changed entry's entity term or name key, those whose words hold one of its names (old
// or new: an added alias finds the articles that will newly match it), and those with
// a word that became or stopped being a given name for discovery. A superset: some of
// them may come out the same. nullopt when db cannot tell (no state stored, or the
// shared vocabulary changed): then every article must be redone.
std::optional<GazetteerChange> gazetteer_change(const Xapian::Database& db, const entities::Gazetteer& gazetteer,
                                                const text::Analyzer& analyzer);

}  // namespace iran::index
