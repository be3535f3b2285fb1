#include "index/writer.h"

#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "corpus/article.h"
#include "corpus/walker.h"
#include "entities/gazetteer.h"
#include "index/copies.h"
#include "index/document_builder.h"
#include "index/ingest.h"
#include "index/schema.h"
#include "index/store.h"
#include "index/synonyms.h"
#include "text/analyzer.h"
#include "util/strings.h"

namespace iran::index {
namespace {

// The stored signature is "<stamps>|<content hash>". Runs compare the stamps (size and
// nanosecond mtime of the file and its sidecar) so that an unchanged file is never read;
// when the stamps differ the hash decides whether the content did.
std::string stamp_signature(const corpus::CorpusFile& f) {
  std::string sig = std::to_string(f.stamp.size) + ":" + std::to_string(f.stamp.mtime_ns);
  if (f.has_sidecar)
    sig += "+" + std::to_string(f.sidecar_stamp.size) + ":" + std::to_string(f.sidecar_stamp.mtime_ns);
  return sig;
}
std::string stamps_of(const std::string& signature) { return signature.substr(0, signature.find('|')); }
std::string hash_of(const std::string& signature) {
  const auto bar = signature.find('|');
  return bar == std::string::npos ? std::string() : signature.substr(bar + 1);
}

std::string now_iso8601() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

struct IndexedArticle {
  Xapian::docid docid;
  std::string signature;
};

// Every indexed article by its ID term, with its stored signature: one pass over the
// Q terms and one over the signature value stream, no document reads.
std::unordered_map<std::string, IndexedArticle> indexed_articles(const Xapian::Database& db) {
  std::unordered_map<Xapian::docid, std::string> signatures;
  for (auto v = db.valuestream_begin(schema::kSignatureSlot); v != db.valuestream_end(schema::kSignatureSlot); ++v)
    signatures.emplace(v.get_docid(), *v);
  std::unordered_map<std::string, IndexedArticle> indexed;
  const std::string prefix(schema::kIdPrefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const Xapian::docid docid = *db.postlist_begin(*t);
    indexed.emplace(*t, IndexedArticle{docid, signatures[docid]});
  }
  return indexed;
}

// One run: the walk, the indexed state, and the writes (none when dry).
class Run {
 public:
  Run(const BuildOptions& options, const entities::Gazetteer& gazetteer, const text::Analyzer& analyzer,
      const BuildObserver& observer)
      : options_(options),
        gazetteer_(gazetteer),
        analyzer_(analyzer),
        builder_(analyzer, gazetteer),
        observer_(observer),
        fingerprint_(gazetteer_fingerprint(gazetteer)) {}

  BuildReport execute();

 private:
  void open();
  void process(const corpus::CorpusFile& file);
  void remove_missing();
  void finish();
  void fail(std::string path, std::string problem);
  void act(FileAction action, const std::string& relative_path);
  void written();

  const BuildOptions& options_;
  const entities::Gazetteer& gazetteer_;
  const text::Analyzer& analyzer_;
  DocumentBuilder builder_;
  const BuildObserver& observer_;
  const std::string fingerprint_;  // of the gazetteer this run extracts entities with

  BuildReport report_;
  std::unique_ptr<BuildLock> lock_;
  std::filesystem::path target_;
  Xapian::Database reader_;                       // what we compare against
  std::optional<Xapian::WritableDatabase> writer_;  // absent on dry runs
  bool reanalyze_ = false;
  std::unordered_map<std::string, IndexedArticle> indexed_;
  std::unordered_map<std::string, std::string> removed_by_hash_;  // content hash → id
  std::unordered_set<std::string> seen_;
  std::unordered_map<std::string, std::string> first_indexed_;  // id → ingestion stamp (index/ingest.h)
  std::size_t pending_ = 0;
};

void Run::fail(std::string path, std::string problem) {
  report_.failures.push_back({std::move(path), std::move(problem)});
  ++report_.failed;
  if (observer_.failed) observer_.failed(report_.failures.back());
}

void Run::act(FileAction action, const std::string& relative_path) {
  if (observer_.acted) observer_.acted(action, relative_path);
}

void Run::written() {
  if (++pending_ >= options_.batch_size) {
    writer_->commit();
    pending_ = 0;
  }
}

void Run::open() {
  if (options_.dry_run) {
    if (const auto current = current_generation(options_.db)) reader_ = Xapian::Database(current->string());
    return;
  }
  lock_ = std::make_unique<BuildLock>(options_.db, options_.wait_seconds);
  remove_stale_generations(options_.db);
  const auto current = current_generation(options_.db);
  if (options_.full && current == options_.db)
    throw BuildError(options_.db.string() + ": is a plain Xapian database; --full needs an index made by iranidx");
  // A full rebuild, or the very first build, writes a new generation. The first build
  // publishes it at once (an empty index is a valid one); a full rebuild only at the end,
  // so searches use the old index until the new one is complete.
  const bool fresh = options_.full || !current;
  target_ = fresh ? next_generation(options_.db) : *current;
  // Articles keep their first ingestion stamp across edits, moves and --full rebuilds.
  if (current) first_indexed_ = ingest_stamps(Xapian::Database(current->string()));
  try {
    writer_.emplace(target_.string(), fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw BusyError(target_.string() + ": locked by another process");
  } catch (const Xapian::DatabaseError& e) {
    throw BuildError(target_.string() + ": cannot open the index for writing: " + e.get_msg());
  }
  builder_.enable_spelling(*writer_);
  if (fresh) {
    // Stamp the analyzer version before the first commit, so that even a build killed
    // right after it leaves an index that searchers accept.
    writer_->set_metadata(std::string(schema::kMetaAnalyzer), std::string(text::kAnalyzerVersion));
    writer_->set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
    write_synonyms(*writer_, gazetteer_, analyzer_);
    writer_->set_metadata(std::string(schema::kMetaGazetteer), fingerprint_);
    writer_->commit();
  }
  if (!current) publish_generation(options_.db, target_);
  reader_ = *writer_;
}

void Run::process(const corpus::CorpusFile& file) {
  const std::string id = schema::id_term(file.relative_path);
  seen_.insert(id);
  const std::string stamps = stamp_signature(file);
  const auto existing = indexed_.find(id);
  const bool indexed = existing != indexed_.end();
  if (indexed && !reanalyze_ && !options_.verify_content && stamps_of(existing->second.signature) == stamps) {
    ++report_.unchanged;
    return;
  }
  try {
    const auto content = corpus::read_text_file(file.path, options_.max_file_bytes);
    const std::string sidecar = file.has_sidecar ? corpus::read_sidecar(file.path) : std::string();
    const std::string hash = util::hex64(util::fnv1a64(sidecar, util::fnv1a64(content.text)));
    const std::string signature = stamps + "|" + hash;

    if (indexed && !reanalyze_ && hash_of(existing->second.signature) == hash) {
      // Same content under new stamps (touch, copy): not an update. Store the new
      // stamps so the next run does not read the file again.
      ++report_.unchanged;
      if (stamps_of(existing->second.signature) != stamps) {
        ++report_.touched;
        act(FileAction::Touched, file.relative_path);
        if (writer_) {
          Xapian::Document doc = writer_->get_document(existing->second.docid);
          doc.add_value(schema::kSignatureSlot, signature);
          writer_->replace_document(existing->second.docid, doc);
          written();
        }
      }
      return;
    }
    const auto article = corpus::parse_article(content.text, sidecar, gazetteer_);
    const auto moved_from = indexed ? removed_by_hash_.end() : removed_by_hash_.find(hash);
    if (writer_) {
      Xapian::Document doc = builder_.build(file.relative_path, article, signature, content.conversion);
      auto stamp = first_indexed_.find(moved_from != removed_by_hash_.end() ? moved_from->second : id);
      doc.add_value(schema::kIndexedSlot, stamp != first_indexed_.end() ? stamp->second : ingest_stamp_now());
      assign_copy_key(*writer_, doc, file.relative_path, article.body, analyzer_);
      writer_->replace_document(id, doc);
    }
    if (!content.conversion.empty() && content.conversion != "crlf") {
      report_.conversions.push_back({file.path.string(), content.conversion});
      if (observer_.converted) observer_.converted(report_.conversions.back());
    }
    FileAction action = indexed ? FileAction::Updated : FileAction::Added;
    if (!indexed) {
      // A new path with the content of a removed one is a rename: the old document
      // goes now, and the move is counted once rather than as a delete and an add.
      if (const auto moved = moved_from; moved != removed_by_hash_.end()) {
        if (writer_) writer_->delete_document(moved->second);
        seen_.insert(moved->second);
        removed_by_hash_.erase(moved);
        action = FileAction::Moved;
      }
    }
    ++(action == FileAction::Added ? report_.added : action == FileAction::Updated ? report_.updated : report_.moved);
    act(action, file.relative_path);
    if (writer_) written();
  } catch (const corpus::FileVanished&) {
    // Gone since the walk: treat it as removed (deleted below if it was indexed).
    seen_.erase(id);
  } catch (const corpus::FileError& e) {
    // The old version, if any, stays searchable: a bad edit must not lose an article.
    fail(file.path.string(), e.what());
  } catch (const corpus::MetadataError& e) {
    fail(file.path.string(), e.what());
  }
}

void Run::remove_missing() {
  for (const auto& [id, article] : indexed_) {
    if (seen_.count(id)) continue;
    if (writer_) {
      writer_->delete_document(article.docid);
      written();
    }
    ++report_.deleted;
    act(FileAction::Deleted, id.substr(schema::kIdPrefix.size()));
  }
}

void Run::finish() {
  if (!writer_) return;
  auto& db = *writer_;
  if (db.get_metadata(std::string(schema::kMetaGazetteer)) != fingerprint_) {
    write_synonyms(db, gazetteer_, analyzer_);
    db.set_metadata(std::string(schema::kMetaGazetteer), fingerprint_);
    report_.synonyms_rewritten = true;
  }
  if (report_.changed() || report_.touched || report_.synonyms_rewritten ||
      db.get_metadata(std::string(schema::kMetaAnalyzer)).empty()) {
    db.set_metadata(std::string(schema::kMetaAnalyzer), std::string(text::kAnalyzerVersion));
    db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
    db.set_metadata(std::string(schema::kMetaLastBuild), now_iso8601() + " " + summary_line(report_));
    db.commit();
  }
  db.close();
  if (options_.full) publish_generation(options_.db, target_);
}

BuildReport Run::execute() {
  const auto started = std::chrono::steady_clock::now();
  corpus::WalkResult walk;
  try {
    walk = corpus::walk_corpus(options_.corpus);
  } catch (const std::runtime_error& e) {
    throw BuildError(e.what());
  }
  open();
  // Terms from another analyzer, or facets and synonyms from other gazetteer data, would
  // make old and new articles disagree: then every article is redone.
  reanalyze_ = reader_.get_doccount() > 0 &&
               (reader_.get_metadata(std::string(schema::kMetaAnalyzer)) != std::string(text::kAnalyzerVersion) ||
                reader_.get_metadata(std::string(schema::kMetaSchema)) != std::string(schema::kSchemaVersion) ||
                reader_.get_metadata(std::string(schema::kMetaGazetteer)) != fingerprint_);
  report_.reanalyzed = reanalyze_;
  indexed_ = indexed_articles(reader_);

  // Articles whose files are gone, by content: candidates for a rename.
  std::unordered_set<std::string> present;
  for (const auto& f : walk.files) present.insert(schema::id_term(f.relative_path));
  for (const auto& [id, article] : indexed_)
    if (!present.count(id)) removed_by_hash_.emplace(hash_of(article.signature), id);
  removed_by_hash_.erase(std::string());

  for (const auto& p : walk.problems) fail(p.path, p.problem);
  std::size_t done = 0;
  for (const auto& file : walk.files) {
    process(file);
    if (observer_.progress) observer_.progress(++done, walk.files.size());
  }
  remove_missing();
  report_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  finish();
  return report_;
}

}  // namespace

BuildReport build_index(const BuildOptions& options, const entities::Gazetteer& gazetteer,
                        const text::Analyzer& analyzer, const BuildObserver& observer) {
  return Run(options, gazetteer, analyzer, observer).execute();
}

std::string summary_line(const BuildReport& r) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", r.seconds);
  std::string line = "added " + std::to_string(r.added) + ", updated " + std::to_string(r.updated) +
                     ", deleted " + std::to_string(r.deleted) + ", unchanged " + std::to_string(r.unchanged) +
                     ", failed " + std::to_string(r.failed);
  if (r.moved) line += ", moved " + std::to_string(r.moved);
  line += std::string(" in ") + seconds + " s";
  if (!r.changed()) line += " (index unchanged)";
  return line;
}

}  // namespace iran::index
