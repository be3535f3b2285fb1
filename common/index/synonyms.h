// Cross-lingual and variant search through Xapian synonyms: every spelling of a country
// or official in the gazetteer (Raeisi, Raisi, رئيسي; Qatar, Qatari, قطر) is a synonym
// key whose synonym is the entity's own term (XPebrahim-raisi, XCqa). A query word that
// names an entity then also matches every article that mentions it, in any script and
// spelling; quoted phrases are not expanded (Xapian does not expand inside phrases).
#pragma once

#include <xapian.h>

#include <string>

namespace iran::entities { class Gazetteer; }
namespace iran::text { class Analyzer; }

namespace iran::index {

// Changes whenever the gazetteer's entities or spellings do; stored in the index so a
// build knows its facets and synonyms are stale.
std::string gazetteer_fingerprint(const entities::Gazetteer& gazetteer);

// Replaces all synonyms in the database with the gazetteer's (not committed here).
void write_synonyms(Xapian::WritableDatabase& db, const entities::Gazetteer& gazetteer,
                    const text::Analyzer& analyzer);

}  // namespace iran::index
