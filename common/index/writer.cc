#include "index/writer.h"

#include <xapian.h>

#include <algorithm>
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
#include "index/stored_fields.h"
#include "index/store.h"
#include "index/synonyms.h"
#include "text/analyzer.h"
#include "util/strings.h"

namespace iran::index {
namespace {

// The stored signature is "<stamps>|<content hash>". Runs compare the stamps (size,
// nanosecond mtime and ctime of the file and its sidecar) so that an unchanged file is
// never read; when the stamps differ the hash decides whether the content did.
std::string stamp_signature(const corpus::CorpusFile& f) {
  auto one = [](const corpus::FileStamp& s) {
    return std::to_string(s.size) + ":" + std::to_string(s.mtime_ns) + ":" + std::to_string(s.ctime_ns);
  };
  std::string sig = one(f.stamp);
  if (f.has_sidecar) sig += "+" + one(f.sidecar_stamp);
  return sig;
}
std::string stamps_of(const std::string& signature) { return signature.substr(0, signature.find('|')); }
std::string hash_of(const std::string& signature) {
  const auto bar = signature.find('|');
  return bar == std::string::npos ? std::string() : signature.substr(bar + 1);
}

// The text alone, or the text, a separator no decoded text holds (NUL) and the sidecar:
// moving a sidecar's lines into the article is a change, not a touch.
std::string content_hash(const std::string& text, const std::string& sidecar, bool has_sidecar) {
  std::uint64_t h = util::fnv1a64(text);
  if (has_sidecar) h = util::fnv1a64(sidecar, util::fnv1a64(std::string_view("\0sidecar\0", 9), h));
  return util::hex64(h);
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

// Xapian refuses a term over 245 bytes only when the document is written, and then
// halfway: check first, so that the document fails alone and names the term.
void check_terms(const Xapian::Document& doc) {
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.size() > schema::kMaxTermBytes)
      throw corpus::FileError("cannot index: a term of " + std::to_string(term.size()) + " bytes (Xapian's limit is " +
                              std::to_string(schema::kMaxTermBytes) + "), starting '" + term.substr(0, 40) + "'");
  }
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
        fingerprint_(gazetteer_fingerprint(gazetteer)),
        pending_tag_(std::string(text::kAnalyzerVersion) + "|" + std::string(schema::kSchemaVersion) + "|" +
                     fingerprint_) {}

  BuildReport execute();

 private:
  void walk();
  void open();
  bool built_elsewise(const Xapian::Database& db) const;
  bool resumable(const std::filesystem::path& generation) const;
  void process(const corpus::CorpusFile& file);
  void index_file(const corpus::CorpusFile& file, const std::string& id, const std::string& stamps,
                  const IndexedArticle* existing);
  void keep_previous(const std::string& id);
  void remove_missing();
  bool too_many(std::size_t deletions, std::size_t of) const;
  std::string path_of(const Xapian::Database& db, Xapian::docid docid, const std::string& id) const;
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
  const std::string pending_tag_;  // what an unpublished generation must match to be resumed

  BuildReport report_;
  corpus::WalkResult walk_;
  std::unique_ptr<BuildLock> lock_;
  std::filesystem::path target_;
  Xapian::Database reader_;                       // what we compare against
  std::optional<Xapian::WritableDatabase> writer_;  // absent on dry runs
  bool full_ = false;       // writing an unpublished generation, swapped in at the end
  bool reanalyze_ = false;  // in place: every article redone (a plain database)
  std::unordered_map<std::string, IndexedArticle> indexed_;
  // A full rebuild: the published generation, what it holds (for the deletion bound and
  // to keep articles whose files cannot be read now).
  std::optional<Xapian::Database> previous_db_;
  std::unordered_map<std::string, IndexedArticle> previous_;
  std::unordered_map<std::string, std::string> removed_by_hash_;  // content hash → id
  std::unordered_set<std::string> seen_;
  std::unordered_set<std::string> unsettled_;  // folders found renamed or removed mid-run
  std::unordered_map<std::string, std::string> first_indexed_;  // id → ingestion stamp (index/ingest.h)
  std::size_t pending_ = 0;
  std::chrono::steady_clock::time_point last_commit_ = std::chrono::steady_clock::now();
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
  const auto now = std::chrono::steady_clock::now();
  if (++pending_ >= options_.batch_size ||
      std::chrono::duration<double>(now - last_commit_).count() >= options_.commit_seconds) {
    writer_->commit();
    pending_ = 0;
    last_commit_ = now;
  }
}

bool Run::built_elsewise(const Xapian::Database& db) const {
  return db.get_doccount() > 0 &&
         (db.get_metadata(std::string(schema::kMetaAnalyzer)) != std::string(text::kAnalyzerVersion) ||
          db.get_metadata(std::string(schema::kMetaSchema)) != std::string(schema::kSchemaVersion) ||
          db.get_metadata(std::string(schema::kMetaGazetteer)) != fingerprint_);
}

bool Run::resumable(const std::filesystem::path& generation) const {
  try {
    return Xapian::Database(generation.string()).get_metadata(std::string(schema::kMetaPending)) == pending_tag_;
  } catch (const Xapian::Error&) {
    return false;  // killed before its first commit: start again
  }
}

void Run::walk() {
  try {
    walk_ = corpus::walk_corpus(options_.corpus, corpus::WalkOptions{options_.follow_symlinks});
  } catch (const std::runtime_error& e) {
    throw BuildError(e.what());
  }
}

void Run::open() {
  if (options_.dry_run) {
    if (const auto current = current_generation(options_.db)) {
      reader_ = Xapian::Database(current->string());
      reanalyze_ = built_elsewise(reader_);
      report_.reanalyzed = reanalyze_;
    }
    return;
  }
  remove_stale_generations(options_.db);
  const auto current = current_generation(options_.db);
  if (options_.full && current == options_.db)
    throw BuildError(options_.db.string() + ": is a plain Xapian database; --full needs an index made by iranidx");
  bool upgrade = false;
  if (current) {
    previous_db_.emplace(current->string());
    upgrade = built_elsewise(*previous_db_);
    // Articles keep their first ingestion stamp across edits, moves and --full rebuilds.
    first_indexed_ = ingest_stamps(*previous_db_);
  }
  report_.reanalyzed = upgrade;
  // Another analyzer or other gazetteer data means every article is redone. In a new
  // generation, so that searches keep one consistent index until it is complete and a
  // killed run resumes; a plain database can only be redone in place.
  full_ = current && current != options_.db && (options_.full || upgrade);
  reanalyze_ = upgrade && !full_;
  bool fresh = !current;
  if (full_) {
    const auto pending = pending_generation(options_.db);
    if (pending && resumable(*pending)) {
      target_ = *pending;
      report_.resumed = true;
    } else {
      discard_pending_generations(options_.db, {});
      target_ = next_generation(options_.db);
      fresh = true;
    }
    previous_ = indexed_articles(*previous_db_);
  } else {
    previous_db_.reset();
    target_ = current ? *current : next_generation(options_.db);
  }
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
    if (full_) writer_->set_metadata(std::string(schema::kMetaPending), pending_tag_);
    writer_->commit();
  }
  // The very first build publishes its generation at once (an empty index is a valid
  // one); a full rebuild only at the end.
  if (!current) publish_generation(options_.db, target_);
  reader_ = *writer_;
}

void Run::keep_previous(const std::string& id) {
  // A full rebuild must not lose an article just because its file cannot be read now:
  // the published version is carried into the new generation.
  if (!full_ || indexed_.count(id)) return;
  const auto old = previous_.find(id);
  if (old == previous_.end()) return;
  writer_->replace_document(id, previous_db_->get_document(old->second.docid));
  indexed_.emplace(id, old->second);
  ++report_.kept;
  written();
}

void Run::process(const corpus::CorpusFile& file) {
  const std::string id = schema::id_term(file.relative_path);
  seen_.insert(id);
  if (!file.sidecar_problem.empty()) {
    fail(file.path.string(), file.sidecar_problem);
    keep_previous(id);
    return;
  }
  const std::string stamps = stamp_signature(file);
  const auto existing = indexed_.find(id);
  const IndexedArticle* indexed = existing != indexed_.end() ? &existing->second : nullptr;
  if (indexed && !reanalyze_ && !options_.verify_content && stamps_of(indexed->signature) == stamps) {
    ++report_.unchanged;
    return;
  }
  try {
    try {
      index_file(file, id, stamps, indexed);
    } catch (const corpus::FileVanished&) {
      // There again: its folder was renamed away and back while we read. Once more.
      std::error_code ec;
      if (!std::filesystem::exists(std::filesystem::symlink_status(file.path, ec))) throw;
      index_file(file, id, stamps, indexed);
    }
  } catch (const corpus::FileVanished&) {
    // Gone since the walk: removed (deleted below if it was indexed), unless its whole
    // folder went (renamed or moved away mid-run) or it keeps coming and going: then it
    // is kept until a walk finds it.
    std::error_code ec;
    const bool folder_there = std::filesystem::is_directory(file.path.parent_path(), ec);
    if (folder_there && !std::filesystem::exists(std::filesystem::symlink_status(file.path, ec))) {
      seen_.erase(id);
      return;
    }
    // The folder was renamed under the name the walk saw: what the index holds under
    // the folder's parent may be that very folder under its old name. Keep it all.
    const auto dirname = [](const std::string& rel) {
      const auto slash = rel.rfind('/');
      return slash == std::string::npos ? std::string() : rel.substr(0, slash);
    };
    const std::string folder = dirname(file.relative_path);
    if (unsettled_.insert(folder).second) {
      walk_.incomplete.push_back(dirname(folder));
      if (!folder.empty())
        fail((options_.corpus / folder).string(), "folder renamed or removed during the build; what is indexed under its parent is kept");
    }
    if (full_) keep_previous(id);
  } catch (const corpus::FileError& e) {
    // The old version, if any, stays searchable: a bad edit must not lose an article.
    fail(file.path.string(), e.what());
    keep_previous(id);
  } catch (const corpus::MetadataError& e) {
    fail(file.path.string(), e.what());
    keep_previous(id);
  } catch (const Xapian::InvalidArgumentError& e) {
    fail(file.path.string(), "cannot index: " + e.get_msg());
    keep_previous(id);
  }
}

void Run::index_file(const corpus::CorpusFile& file, const std::string& id, const std::string& stamps,
                     const IndexedArticle* indexed) {
  const auto content = corpus::read_text_file(file.path, options_.max_file_bytes);
  const std::string sidecar = file.has_sidecar ? corpus::read_sidecar(file.path) : std::string();
  const std::string hash = content_hash(content.text, sidecar, file.has_sidecar);
  const std::string signature = stamps + "|" + hash;

  if (indexed && !reanalyze_ && hash_of(indexed->signature) == hash) {
    // Same content under new stamps (touch, copy): not an update. Store the new
    // stamps so the next run does not read the file again.
    ++report_.unchanged;
    if (stamps_of(indexed->signature) != stamps) {
      ++report_.touched;
      act(FileAction::Touched, file.relative_path);
      if (writer_) {
        Xapian::Document doc = writer_->get_document(indexed->docid);
        doc.add_value(schema::kSignatureSlot, signature);
        writer_->replace_document(indexed->docid, doc);
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
    check_terms(doc);
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
}

std::string Run::path_of(const Xapian::Database& db, Xapian::docid docid, const std::string& id) const {
  // Long paths are hashed into the ID term; the stored fields hold the whole path.
  if (id.size() < 150) return id.substr(schema::kIdPrefix.size());
  return decode(db.get_document(docid).get_data()).path;
}

bool Run::too_many(std::size_t deletions, std::size_t of) const {
  return !options_.dry_run && !options_.allow_mass_delete && deletions > 0 && static_cast<double>(deletions) > options_.max_delete * of;
}

void Run::remove_missing() {
  // A corpus moved away, unmounted or replaced since the walk: every file "vanished",
  // and none of that is a deletion.
  if (!walk_.root_unchanged(options_.corpus))
    throw BuildError(options_.corpus.string() +
                     ": the corpus directory was moved, removed or replaced during the build; nothing was deleted");
  // What the target holds that the walk did not see, except under folders the walk
  // could not list to the end: those stay until a walk sees them whole.
  std::vector<std::pair<std::string, Xapian::docid>> gone;
  for (const auto& [id, article] : indexed_) {
    if (seen_.count(id)) continue;
    if (!walk_.incomplete.empty() && !walk_.complete_for(path_of(reader_, article.docid, id))) {
      if (!full_) ++report_.kept;
      continue;
    }
    gone.emplace_back(id, article.docid);
  }
  std::sort(gone.begin(), gone.end());
  if (full_) {
    // Files removed since a killed rebuild indexed them: the new generation is not
    // published yet, so this is no deletion anyone sees.
    for (const auto& [id, docid] : gone) {
      writer_->delete_document(docid);
      written();
    }
    // What the swap will delete from the published index.
    std::vector<std::string> doomed;
    for (const auto& [id, article] : previous_) {
      if (seen_.count(id)) continue;
      if (!walk_.incomplete.empty() && !walk_.complete_for(path_of(*previous_db_, article.docid, id))) {
        keep_previous(id);
        continue;
      }
      doomed.push_back(id);
    }
    report_.indexed_before = previous_.size();
    if (too_many(doomed.size(), previous_.size())) {
      report_.refused_deletions = doomed.size();
      return;
    }
    std::sort(doomed.begin(), doomed.end());
    report_.deleted = doomed.size();
    for (const auto& id : doomed) act(FileAction::Deleted, id.substr(schema::kIdPrefix.size()));
    return;
  }
  report_.indexed_before = indexed_.size();
  if (too_many(gone.size(), indexed_.size())) {
    report_.refused_deletions = gone.size();
    return;
  }
  for (const auto& [id, docid] : gone) {
    if (writer_) {
      writer_->delete_document(docid);
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
  const bool publish = full_ && !report_.refused_deletions;
  if (full_ || report_.changed() || report_.touched || report_.synonyms_rewritten ||
      db.get_metadata(std::string(schema::kMetaAnalyzer)).empty()) {
    db.set_metadata(std::string(schema::kMetaAnalyzer), std::string(text::kAnalyzerVersion));
    db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
    db.set_metadata(std::string(schema::kMetaLastBuild), now_iso8601() + " " + summary_line(report_));
    // A refused full rebuild stays unpublished and resumable (with --allow-mass-delete).
    if (publish) db.set_metadata(std::string(schema::kMetaPending), "");
    db.commit();
  }
  db.close();
  if (publish) publish_generation(options_.db, target_);
}

BuildReport Run::execute() {
  const auto started = std::chrono::steady_clock::now();
  // The lock first, then the walk: a run that waited for another one must see the
  // corpus as it is after that one, not as it was before (files added meanwhile).
  if (!options_.dry_run) {
    try {
      lock_ = std::make_unique<BuildLock>(options_.db, options_.wait_seconds);
    } catch (const BusyError&) {
      throw;
    } catch (const std::runtime_error& e) {
      throw BuildError(e.what());
    }
  }
  walk();
  open();
  indexed_ = indexed_articles(reader_);

  // Articles whose files are gone, by content: candidates for a rename.
  if (!full_) {
    std::unordered_set<std::string> present;
    for (const auto& f : walk_.files) present.insert(schema::id_term(f.relative_path));
    for (const auto& [id, article] : indexed_)
      if (!present.count(id)) removed_by_hash_.emplace(hash_of(article.signature), id);
    removed_by_hash_.erase(std::string());
  }

  for (const auto& p : walk_.problems) fail(p.path, p.problem);
  for (const auto& s : walk_.skipped) {
    report_.skipped.push_back({s.path, s.problem});
    if (observer_.skipped) observer_.skipped(report_.skipped.back());
  }
  std::size_t done = 0;
  for (const auto& file : walk_.files) {
    process(file);
    if (observer_.progress) observer_.progress(++done, walk_.files.size());
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
  if (r.kept) line += ", kept " + std::to_string(r.kept);
  line += std::string(" in ") + seconds + " s";
  if (r.refused_deletions) line += " (deletions refused)";
  else if (!r.changed()) line += " (index unchanged)";
  return line;
}

std::string refusal_line(const BuildReport& r, const BuildOptions& options) {
  char share[32];
  std::snprintf(share, sizeof share, "%.0f%%", r.indexed_before ? 100.0 * r.refused_deletions / r.indexed_before : 100.0);
  char limit[32];
  std::snprintf(limit, sizeof limit, "%g%%", 100 * options.max_delete);
  return "this run would delete " + std::to_string(r.refused_deletions) + " of the " +
         std::to_string(r.indexed_before) + " indexed articles (" + share + ", more than --max-delete " + limit +
         "); nothing was deleted. Is the corpus " + options.corpus.string() +
         " empty, unmounted or moved? If those articles are really gone, run again with --allow-mass-delete";
}

}  // namespace iran::index
