// Where a build writes: one database, or the shards of a layout (index/layout.h) with
// the cross-shard commit protocol (index/shard_state.h). The build (index/writer.cc)
// speaks to both alike.
//
// Docids are those of reader(), the shards combined as Xapian combines them (shard i of
// n, local docid l ↔ (l-1)·n + i + 1), numbered over the shards there were when the
// target was opened; shards a run adds (a new year) are written by ID term only.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "index/layout.h"
#include "index/shard_state.h"

namespace iran::index {

struct LayoutOpenOptions {
  std::filesystem::path root;  // the layout's directory (--db)
  ShardScheme scheme;
  bool dry_run = false;        // read only: reader() and metadata, nothing written
  bool full = false;           // every shard into a new generation, published at the end
  std::string pending_tag;     // full: what an unpublished generation must carry to be resumed
  // Stamps a database a run has just created (shard or home): versions, synonyms.
  std::function<void(Xapian::WritableDatabase&)> stamp_fresh;
  // Tests: called after each shard's commit with its name.
  std::function<void(const std::string&)> after_commit;
};

class WriteTarget {
 public:
  // One database, written in place (the single index).
  explicit WriteTarget(Xapian::WritableDatabase db);
  // One database, read only (a dry run).
  explicit WriteTarget(Xapian::Database db);
  // A layout's shards: opened (created, resumed) as `options` says; throws BuildError-like
  // std::runtime_error naming the shard that cannot be opened. `resumed` is set when a
  // killed full rebuild is resumed.
  static WriteTarget open_layout(const LayoutOpenOptions& options, bool* resumed = nullptr);

  WriteTarget(WriteTarget&&) noexcept;
  WriteTarget& operator=(WriteTarget&&) noexcept;
  ~WriteTarget();

  bool sharded() const;
  bool writable() const;

  // What the run compares with and reads documents from (see above).
  const Xapian::Database& reader() const;
  // Every shard, including those added during the run: where copy keys are looked up,
  // so that copies in different shards get one key.
  const Xapian::Database& lookup() const;

  // The database a document with this ID term and date (first day, yyyymmdd, or empty)
  // goes to: for its spelling data. May add a shard (a year seen for the first time).
  Xapian::WritableDatabase& shard_for(const std::string& id, const std::string& first_day);
  // The same as an index that stays valid for the run (0 when single; shards are only
  // ever added), and the database of an index.
  std::size_t database_for(const std::string& id, const std::string& first_day);
  Xapian::WritableDatabase& database(std::size_t index);

  Xapian::Document get_document(Xapian::docid docid) const;
  // In place: the document stays in its shard.
  void replace_document(Xapian::docid docid, const Xapian::Document& doc);
  // Adds or replaces the article with this ID term, in the shard its date or path says;
  // when it was in another shard, it moves (as one update, index/shard_state.h).
  void replace_document(const std::string& id, const Xapian::Document& doc);
  // The article with this ID term, known to be in no database of the target (new to the
  // index and not written yet this run): added without looking for an older version.
  void add_document(const std::string& id, const Xapian::Document& doc);
  void delete_document(Xapian::docid docid);
  // In place, by a docid of lookup() (which numbers every shard, added ones too).
  void replace_lookup_document(Xapian::docid docid, const Xapian::Document& doc);
  // Deletes the article with this ID term; `renamed_to` names the article just written
  // with its content (a rename): if that went to another shard, the two change together.
  void delete_document(const std::string& id, const std::string& renamed_to = {});

  // The layout's own records (the home database; the one database when single).
  std::string get_metadata(const std::string& key) const;
  std::vector<std::string> metadata_keys(const std::string& prefix) const;
  void set_metadata(const std::string& key, const std::string& value);
  // On every database (the shards and the home) whose value differs.
  void set_metadata_everywhere(const std::string& key, const std::string& value);
  // On the home and every shard this run has written (what the run did: a shard it left
  // alone, such as a compacted year, keeps the record of the run that last wrote it).
  void set_run_record(const std::string& key, const std::string& value);
  void for_each_database(const std::function<void(Xapian::WritableDatabase&)>& fn);

  // Databases holding documents but no valid summary of their discovered officials
  // (index/discovered_summary.h: an index built before there was one, a Xapian commit
  // of its own) get one at the next commit; true when there was such a database. A
  // compacted shard, only read, is left as it is (searches read its terms).
  bool summaries_missing();

  // Whether enough changes wait that the run should commit before Xapian flushes by
  // itself (which would cut a batch in two).
  bool commit_due() const;
  void commit();
  // Commits what is left, finishes the protocol, closes; then, for a full rebuild,
  // publishes every new generation at once (`publish`).
  void close(bool publish);

  // Per shard, for reports: name and generation (empty for a single database).
  std::vector<LayoutShard> shards() const;

 private:
  struct Impl;
  explicit WriteTarget(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A read-only view of a layout (for status, check, stats): each shard's database by name.
struct LayoutView {
  Layout layout;
  std::vector<Xapian::Database> shards;  // parallel to layout.shards
  Xapian::Database home;
};
LayoutView open_layout_view(const std::filesystem::path& root);

}  // namespace iran::index
