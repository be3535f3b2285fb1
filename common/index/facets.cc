#include "index/facets.h"

#include "index/schema.h"

namespace iran::index {

FacetSpy::FacetSpy(Xapian::valueno slot, const Xapian::Database& db) : slot_(slot), db_(db) {}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  const Xapian::docid did = doc.get_docid();
  if (db_ && did > last_) {
    if (!stream_open_) {
      stream_ = db_->valuestream_begin(slot_);
      stream_open_ = true;
    }
    last_ = did;
    if (stream_ == db_->valuestream_end(slot_)) return;  // no document from here on has a value
    if (stream_.get_docid() < did) stream_.skip_to(did);
    if (stream_ != db_->valuestream_end(slot_) && stream_.get_docid() == did) count(*stream_);
    return;
  }
  count(doc.get_value(slot_));
}

void FacetSpy::count(std::string_view joined) {
  std::size_t start = 0;
  while (start < joined.size()) {
    auto end = joined.find(schema::kFacetSeparator, start);
    if (end == std::string_view::npos) end = joined.size();
    if (end > start) {
      const std::string_view value = joined.substr(start, end - start);
      auto it = counts_.find(value);
      if (it == counts_.end()) counts_.emplace(std::string(value), 1);
      else ++it->second;
    }
    start = end + 1;
  }
}

}  // namespace iran::index
