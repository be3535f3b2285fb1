#include "index/indexed.h"

#include <string_view>
#include <unordered_set>

#include "index/schema.h"

namespace iran::index {

namespace {

constexpr std::size_t kOrderDateBytes = 8;  // schema::order_key: yyyymmdd, then the path

// The ID term → docid pairs the order slot gives; false when it cannot be trusted for
// this database (another schema: its documents may lack the value or hold another).
bool pair_by_order(const Xapian::Database& db, std::unordered_map<std::string, IndexedArticle>& indexed,
                   std::unordered_set<std::string>& ambiguous) {
  if (schema::schema_age(db.get_metadata(std::string(schema::kMetaSchema))) != schema::SchemaAge::Current) return false;
  for (auto v = db.valuestream_begin(schema::kOrderSlot); v != db.valuestream_end(schema::kOrderSlot); ++v) {
    const std::string key = *v;
    if (key.size() <= kOrderDateBytes) return false;  // no path: not an order key of ours
    const auto [it, fresh] = indexed.try_emplace(schema::id_term(std::string_view(key).substr(kOrderDateBytes)),
                                                 IndexedArticle{v.get_docid(), {}});
    if (!fresh) ambiguous.insert(it->first);
  }
  return true;
}

}  // namespace

std::unordered_map<std::string, IndexedArticle> indexed_articles(const Xapian::Database& db) {
  const std::string prefix(schema::kIdPrefix);
  std::unordered_map<std::string, IndexedArticle> indexed;
  indexed.reserve(db.get_doccount());
  std::unordered_set<std::string> ambiguous;
  const bool paired = pair_by_order(db, indexed, ambiguous);
  if (!paired) {
    indexed.clear();
    ambiguous.clear();
  }
  const std::size_t from_order = indexed.size();
  std::size_t matched = 0;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string term = *t;
    if (paired) {
      const auto it = indexed.find(term);
      if (it != indexed.end()) {
        ++matched;
        if (!ambiguous.empty() && ambiguous.count(term)) it->second.docid = *db.postlist_begin(term);
        continue;
      }
    }
    indexed.emplace(term, IndexedArticle{*db.postlist_begin(term), {}});
  }
  if (paired && matched != from_order) {
    // A path in the order slot that is no ID term: not this program's pairing. Each ID by
    // its postlist.
    indexed.clear();
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
      indexed.emplace(*t, IndexedArticle{*db.postlist_begin(*t), {}});
  }
  // The signatures, by docid (one pass over their value stream).
  std::unordered_map<Xapian::docid, std::string> signatures;
  signatures.reserve(indexed.size());
  for (auto v = db.valuestream_begin(schema::kSignatureSlot); v != db.valuestream_end(schema::kSignatureSlot); ++v)
    signatures.emplace(v.get_docid(), *v);
  for (auto& [id, article] : indexed)
    if (const auto s = signatures.find(article.docid); s != signatures.end()) article.signature = std::move(s->second);
  return indexed;
}

}  // namespace iran::index
