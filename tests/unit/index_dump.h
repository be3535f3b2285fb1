// A canonical text dump of a Xapian database, for tests that two builds made the same
// index: every document by docid (stored data, every value, every term with its wdf
// and positions), the user metadata, the spelling data and the synonyms. What differs
// between two builds of the same files by nature is left out: the ingestion stamp
// (the time a document was first indexed) and the last-build line (a time and a
// duration). Used by tests/unit/test_writer.cc and tests/tools/dump_index.cc.
#pragma once

#include <xapian.h>

#include <sstream>
#include <string>

#include "index/schema.h"

namespace iran::testing {

inline std::string dump_index(const Xapian::Database& db) {
  std::ostringstream out;
  out << "doccount " << db.get_doccount() << " lastdocid " << db.get_lastdocid() << '\n';
  for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
    const Xapian::docid id = *p;
    const Xapian::Document doc = db.get_document(id);
    out << "doc " << id << " data " << doc.get_data().size() << ':' << doc.get_data() << '\n';
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
      if (v.get_valueno() == schema::kIndexedSlot) continue;
      out << "  value " << v.get_valueno() << ' ' << *v << '\n';
    }
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      out << "  term " << *t << " wdf " << t.get_wdf() << " pos";
      for (auto q = t.positionlist_begin(); q != t.positionlist_end(); ++q) out << ' ' << *q;
      out << '\n';
    }
  }
  for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
    if (*k == schema::kMetaLastBuild) continue;
    out << "meta " << *k << ' ' << db.get_metadata(*k) << '\n';
  }
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) out << "spelling " << *w << ' ' << w.get_termfreq() << '\n';
  for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) {
    out << "synonym " << *k << ':';
    for (auto s = db.synonyms_begin(*k); s != db.synonyms_end(*k); ++s) out << ' ' << *s;
    out << '\n';
  }
  return out.str();
}

}  // namespace iran::testing
