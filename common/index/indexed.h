// What an index holds, as an incremental build compares it with the corpus: every
// article's ID term with its docid and stored signature (index/writer.cc).
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace iran::index {

struct IndexedArticle {
  Xapian::docid docid = 0;
  std::string signature;  // kSignatureSlot: "<stamps>|<content hash>" (index/writer.cc)
};

// Every indexed article by its ID term (schema::id_term), with its signature; no document
// is read. Xapian has no term → docid lookup but a postlist per term, one B-tree seek each
// (the largest part of reading the index in a no-op rebuild): in an index of the current
// schema every document holds its path in kOrderSlot and the ID term made from it, so one
// pass over that value stream pairs ID terms with docids. The ID terms themselves are
// still listed, and any that the pass did not pair (a document without the value, carried
// over from an older schema; an ID two documents hold, as a layout's move leaves for a
// moment) gets its postlist's first docid, as every ID did before. When the value stream
// names a path that is no ID term (no document of this program's), the pairing is
// dropped and every ID looked up.
std::unordered_map<std::string, IndexedArticle> indexed_articles(const Xapian::Database& db);

}  // namespace iran::index
