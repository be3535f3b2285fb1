#include "index/writer.h"

#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <cstdlib>
#include <exception>
#include <system_error>
#include <thread>

#include "corpus/article.h"
#include "corpus/input.h"
#include "corpus/walker.h"
#include "entities/gazetteer.h"
#include "index/commit_policy.h"
#include "index/compact.h"
#include "index/copies.h"
#include "index/dates.h"
#include "index/document_builder.h"
#include "index/gazetteer_state.h"
#include "index/indexed.h"
#include "index/ingest.h"
#include "index/schema.h"
#include "index/stored_fields.h"
#include "index/store.h"
#include "index/synonyms.h"
#include "index/target.h"
#include "text/analyzer.h"
#include "util/ordered_pool.h"
#include "util/strings.h"

namespace iran::index {

namespace {
// A published generation's resumable tag, cleared (a published generation is not
// pending whatever it says: only one newer than the current is resumed).
void clear_pending_tag(const std::filesystem::path& generation) {
  Xapian::WritableDatabase db(generation.string(), Xapian::DB_OPEN);
  db.set_metadata(std::string(schema::kMetaPending), "");
  db.commit();
  db.close();
}
}  // namespace

std::size_t build_jobs(const BuildOptions& options) {
  if (options.jobs) return options.jobs;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores ? cores : 1;
}

namespace {

constexpr std::size_t kIncrementalBatch = 1000;
constexpr std::size_t kFullBuildBatch = 10000;

// The stored signature is "<stamps>|<content hash>". Runs compare the stamps (size,
// nanosecond mtime and ctime of the file and its sidecar) so that an unchanged file is
// never read; when the stamps differ the hash decides whether the content did.
std::string stamp_signature(const corpus::CorpusFile& f) {
  // Formatted in place (one string per file, not one per number).
  char buf[2 * 3 * 21 + 4];
  char* const end = buf + sizeof buf;
  char* p = buf;
  auto one = [&](const corpus::FileStamp& s) {
    p = std::to_chars(p, end, s.size).ptr;
    *p++ = ':';
    p = std::to_chars(p, end, s.mtime_ns).ptr;
    *p++ = ':';
    p = std::to_chars(p, end, s.ctime_ns).ptr;
  };
  one(f.stamp);
  if (f.has_sidecar) {
    *p++ = '+';
    one(f.sidecar_stamp);
  }
  return std::string(buf, p);
}
// A view of `signature` (which must outlive it).
std::string_view stamps_of(std::string_view signature) { return signature.substr(0, signature.find('|')); }
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

// A feed or dump as the last run left it: its signature ("<stamps>|<hash>") and the
// lines that failed then ("<line>\t<problem>" lines), from the index metadata.
struct IndexedFile {
  std::string signature;
  std::vector<corpus::SourceProblem> problems;
};

std::string encode_file(const std::string& signature, const std::vector<corpus::SourceProblem>& problems) {
  std::string out = signature;
  for (const auto& p : problems) {
    if (p.empty) continue;
    std::string text = p.problem;
    for (char& c : text)
      if (c == '\n' || c == '\t') c = ' ';
    out += "\n" + std::to_string(p.line) + "\t" + text;
  }
  return out;
}

IndexedFile decode_file(const std::string& value) {
  IndexedFile f;
  const auto lines = util::split(value, '\n');
  if (lines.empty()) return f;
  f.signature = lines[0];
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto tab = lines[i].find('\t');
    if (tab == std::string::npos) continue;
    f.problems.push_back({static_cast<std::size_t>(std::strtoull(lines[i].c_str(), nullptr, 10)), lines[i].substr(tab + 1)});
  }
  return f;
}

// What a record's article depends on: its text and what the file says about it.
std::string record_hash(const corpus::SourceRecord& r, const std::string& sidecar) {
  const auto& p = r.page;
  std::string key = r.text;
  for (const auto* field : {&p.title, &p.date, &p.crawled, &p.source, &p.url, &p.lang}) key += "\x1f" + field->value_or("");
  key += "\x1f" + p.source_host + "\x1f" + p.origin;
  return util::hex64(util::fnv1a64(sidecar, util::fnv1a64(key)));
}

// Item documents are signed "item|<hash>": no stamps of their own (the file's are in
// the metadata), never a rename candidate.
constexpr std::string_view kItemStamps = "item";

// A record as a worker read and analysed it: what the writer needs to apply it.
struct PreparedRecord {
  std::string path;  // items: FILE#ITEM
  std::string item;  // items: ITEM
  std::string id;
  std::string hash;
  const IndexedArticle* indexed = nullptr;
  bool same_content = false;           // as indexed (and no reanalysis): nothing built
  std::optional<BuiltDocument> built;  // absent on dry runs and for the same content
  std::exception_ptr error;            // an item that failed (and failed the file)
  std::size_t cut_from = 0;            // the text was cut (corpus::Article::cut_from)
};

// A file as a worker read and analysed it, in the order the sequential code did it.
struct PreparedFile {
  std::string sidecar;
  corpus::SourceFile source;
  std::vector<PreparedRecord> items;   // feeds and dumps, in file order
  std::optional<PreparedRecord> single;
  std::exception_ptr error;  // thrown reading or analysing (after `items`)
};

// The IDs this run saw (listed, or kept on purpose): what the index holds and the run did
// not see is deleted at the end. IDs the index holds are flagged by docid, so a file the
// walk lists costs no string kept or hashed again; others (new files, feed items, and in a
// full rebuild the published index's) are kept by name.
class SeenIds {
 public:
  void reset(const std::unordered_map<std::string, IndexedArticle>& indexed) {
    indexed_ = &indexed;
    Xapian::docid last = 0;
    for (const auto& entry : indexed) last = std::max(last, entry.second.docid);
    flags_.assign(static_cast<std::size_t>(last) + 1, false);
    others_.clear();
  }
  // Whether `id` was not seen before.
  bool insert(const std::string& id) {
    if (const auto* a = find(id)) return mark(*a);
    return others_.insert(id).second;
  }
  bool mark(const IndexedArticle& a) {
    const bool fresh = !flags_[a.docid];
    flags_[a.docid] = true;
    return fresh;
  }
  void erase(const std::string& id) {
    if (const auto* a = find(id)) flags_[a->docid] = false;
    else others_.erase(id);
  }
  bool count(const std::string& id) const {
    if (const auto* a = find(id)) return flags_[a->docid];
    return others_.count(id) > 0;
  }
  bool has(const IndexedArticle& a) const { return flags_[a.docid]; }

 private:
  const IndexedArticle* find(const std::string& id) const {
    if (!indexed_) return nullptr;
    const auto it = indexed_->find(id);
    return it == indexed_->end() ? nullptr : &it->second;
  }
  const std::unordered_map<std::string, IndexedArticle>* indexed_ = nullptr;
  std::vector<bool> flags_;
  std::unordered_set<std::string> others_;
};

// Why a file needs no reading this run, or that it does.
enum class Decision { SidecarProblem, SameFileStamps, SameStamps, Read };

// What the walk's pass decides of a file before any is read, once for the workers and
// the writer alike: its ID term, its key among the feeds and dumps, its stamps.
struct FilePlan {
  std::string id;
  const IndexedArticle* indexed = nullptr;  // what the index holds under `id`
  std::string file_key;  // empty when the index holds no feed or dump
  std::string stamps;
  Decision decision = Decision::Read;
};

// One run: the walk, the indexed state, and the writes (none when dry).
class Run {
 public:
  Run(const BuildOptions& options, const entities::Gazetteer& gazetteer, const text::Analyzer& analyzer,
      const BuildObserver& observer)
      : options_(options),
        gazetteer_(gazetteer),
        analyzer_(analyzer),
        observer_(observer),
        fingerprint_(gazetteer_fingerprint(gazetteer)),
        pending_tag_(std::string(text::kAnalyzerVersion) + "|" + std::string(schema::kSchemaVersion) + "|" +
                     fingerprint_) {}

  BuildReport execute();

 private:
  void walk();
  // What the current single index holds, read before open() (see execute()); `ok` false
  // when there is none to read or reading failed (open() then says why, or starts one).
  struct EarlyRead {
    bool ok = false;
    std::string uuid;
    Xapian::rev revision = 0;
    std::unordered_map<std::string, IndexedArticle> articles;
  };
  EarlyRead read_early() const noexcept;
  void open();
  void open_layout(const ShardScheme& scheme);
  void stamp_fresh(Xapian::WritableDatabase& db) const;
  std::string metadata(const std::string& key) const;
  std::vector<std::string> metadata_keys(const std::string& prefix) const;
  bool built_elsewise(const Xapian::Database& db) const;
  bool only_gazetteer_changed(const Xapian::Database& db);
  void refuse_newer_schema(const Xapian::Database& db, const std::filesystem::path& where) const;
  bool resumable(const std::filesystem::path& generation) const;
  void keep_previous(const std::string& id);
  bool too_many(std::size_t deletions, std::size_t of) const;
  std::string path_of(const Xapian::Database& db, Xapian::docid docid, const std::string& id) const;
  // Where a listed file is (the walk keeps no path per file).
  std::string file_path(const corpus::CorpusFile& file) const { return walk_.path_of(file); }
  void vanished(const corpus::CorpusFile& file, const std::string& id, const std::string& file_key);
  std::string stamps_for(const corpus::CorpusFile& file) const;
  Decision decide(const corpus::CorpusFile& file, const std::string& id, const IndexedArticle* indexed,
                  const std::string& stamps, const std::string& file_key) const;
  void process_all();
  void find_removed();
  FilePlan plan(const corpus::CorpusFile& file) const;
  // Worker side (any thread; reads only what does not change during the walk).
  PreparedFile prepare(const corpus::CorpusFile& file, const FilePlan& plan, DocumentBuilder& builder) const;
  void read_and_analyse(const corpus::CorpusFile& file, const FilePlan& plan, const IndexedArticle* indexed,
                        DocumentBuilder& builder, PreparedFile& out) const;
  // Writer side.
  void process(const corpus::CorpusFile& file, const FilePlan& plan, PreparedFile* prepared);
  void index_single(const corpus::CorpusFile& file, const std::string& id, const std::string& stamps,
                    const IndexedArticle* indexed, PreparedRecord& record, const corpus::SourceFile& source);
  void index_item(const corpus::CorpusFile& file, PreparedRecord& record);
  void write(const std::string& id, const std::string& path, BuiltDocument& built, const std::string& stamp_id);
  void finish_container(const corpus::CorpusFile& file, const std::string& stamps, const corpus::SourceFile& source,
                        const std::string& sidecar);
  void keep_items(const std::string& relative_path);
  void report_problems(const corpus::CorpusFile& file, const std::vector<corpus::SourceProblem>& problems);
  void report_conversion(const corpus::CorpusFile& file, const corpus::SourceFile& source);
  void load_files();
  void remove_missing();
  void finish();
  void publish_compacted();
  void fail(std::string path, std::string problem);
  void act(FileAction action, const std::string& relative_path);
  void warn_if_cut(const std::string& path, std::size_t cut_from);
  void written();
  void flush_spelling();
  std::size_t batch() const;
  void set_flush_threshold() const;

  const BuildOptions& options_;
  const entities::Gazetteer& gazetteer_;
  const text::Analyzer& analyzer_;
  const BuildObserver& observer_;
  const std::string fingerprint_;  // of the gazetteer this run extracts entities with
  const std::string pending_tag_;  // what an unpublished generation must match to be resumed

  BuildReport report_;
  corpus::WalkResult walk_;
  std::unique_ptr<BuildLock> lock_;
  std::filesystem::path target_;
  Xapian::Database reader_;                       // what we compare against
  std::optional<WriteTarget> writer_;             // absent on dry runs
  std::optional<WriteTarget> view_;               // dry runs of a layout: its records
  bool layout_ = false;                           // a sharded layout (index/layout.h)
  bool full_ = false;       // writing an unpublished generation, swapped in at the end
  bool reanalyze_ = false;  // in place: every article redone (a plain database)
  // What the target held when the walk began: read by the workers, so never changed
  // while they run (articles a full rebuild carries over go to carried_).
  std::unordered_map<std::string, IndexedArticle> indexed_;
  std::unordered_set<std::string> carried_;
  std::unordered_set<std::string> added_;  // IDs this run added (not in indexed_)
  bool fresh_ = false;        // a new generation: the first build or a full one started anew
  bool first_build_ = false;  // no index before this run
  bool full_build_ = false;   // everything is being indexed: fewer commits, compacted at the end
  double commit_interval_ = 2;  // seconds between commits by time; grows in a full build
  // Documents an edit of the gazetteer data can touch (docids of the index written in
  // place), and their ID terms once indexed_ is known: redone whatever their stamps say.
  std::vector<Xapian::docid> redo_docids_;
  std::unordered_set<std::string> redo_;
  bool redo(const std::string& id) const { return redo_.count(id) > 0; }
  // A full rebuild: the published generation, what it holds (for the deletion bound and
  // to keep articles whose files cannot be read now).
  std::optional<Xapian::Database> previous_db_;
  std::unordered_map<std::string, IndexedArticle> previous_;
  std::unordered_set<std::string> unsettled_;  // folders found renamed or removed mid-run
  std::chrono::steady_clock::time_point last_commit_ = std::chrono::steady_clock::now();
  double last_commit_seconds_ = 0;  // how long the last commit took
  std::unordered_map<std::string, std::string> removed_by_hash_;  // content hash → id
  SeenIds seen_;
  std::unordered_map<std::string, std::string> first_indexed_;  // id → ingestion stamp (index/ingest.h)
  // Where first_indexed_ comes from (the published index as this run found it), read
  // only when the run writes: a no-op rebuild never reads the stamps.
  Xapian::Database stamps_source_;
  bool stamps_loaded_ = false;
  void load_stamps();
  std::size_t pending_ = 0;
  // The spelling words of the documents written since the last commit, summed: one
  // add_spelling per distinct word and batch rather than per word and document (Xapian
  // looks each one up in its tables), given to Xapian just before each commit.
  // Per database of the target (WriteTarget::database): a layout's shards each have theirs.
  std::vector<std::unordered_map<std::string, unsigned>> spelling_;
  // Feeds and dumps: path → what the last run stored, and the ID terms of their items.
  std::unordered_map<std::string, IndexedFile> files_;
  std::unordered_map<std::string, std::vector<std::string>> items_;
  std::unordered_set<std::string> present_files_;  // feeds and dumps this walk listed
};

void Run::fail(std::string path, std::string problem) {
  report_.failures.push_back({std::move(path), std::move(problem)});
  ++report_.failed;
  if (observer_.failed) observer_.failed(report_.failures.back());
}

void Run::act(FileAction action, const std::string& relative_path) {
  if (observer_.acted) observer_.acted(action, relative_path);
}

// Commits by count and by time, so that a killed run keeps its work. A build that
// indexes everything commits less often (each commit merges the buffered postings into
// the tables and syncs them; fewer, larger ones cost less in all): 10,000 documents
// unless --batch says otherwise, and by time after 2 s, then 4, 8, ... up to
// full_commit_seconds, so that even a run killed early leaves something to resume.
std::size_t Run::batch() const {
  return options_.batch_size ? options_.batch_size : full_build_ ? kFullBuildBatch : kIncrementalBatch;
}

// Before this run's first write or first commit (after which the snapshot could be
// overwritten).
void Run::load_stamps() {
  if (stamps_loaded_) return;
  first_indexed_ = ingest_stamps(stamps_source_);
  stamps_loaded_ = true;
}

void Run::flush_spelling() {
  for (std::size_t i = 0; i < spelling_.size(); ++i) {
    if (spelling_[i].empty()) continue;
    Xapian::WritableDatabase& db = writer_->database(i);
    // In key order: each word's lookup in the spelling table ("W" + word) then lands
    // next to the previous one, in blocks the table's cursor holds, where a hash map's
    // order read a block per word (a 11,844-article build: 37.7 -> 35.9 CPU seconds,
    // a quarter of what the spelling data costs; the same data).
    std::vector<const std::pair<const std::string, unsigned>*> words;
    words.reserve(spelling_[i].size());
    for (const auto& entry : spelling_[i]) words.push_back(&entry);
    std::sort(words.begin(), words.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
    for (const auto* w : words) db.add_spelling(w->first, w->second);
    spelling_[i].clear();
  }
}

void Run::warn_if_cut(const std::string& path, std::size_t cut_from) {
  if (!cut_from) return;
  char sizes[96];
  std::snprintf(sizes, sizeof sizes, "the first %.1f MiB of its %.1f MiB of text", corpus::kMaxArticleTextBytes / 1048576.0,
                cut_from / 1048576.0);
  report_.warnings.push_back({path, std::string("too long for one article: only ") + sizes +
                                        " indexed and searchable"});
  if (observer_.warned) observer_.warned(report_.warnings.back());
}

// The time between commits runs from the end of the last one, whose duration spaces the
// next in a full build (index/commit_policy.h).
void Run::written() {
  const auto now = std::chrono::steady_clock::now();
  ++pending_;
  const CommitClock clock{pending_, batch(), std::chrono::duration<double>(now - last_commit_).count(),
                          commit_interval_, last_commit_seconds_, full_build_ && !options_.batch_size};
  if (writer_->commit_due() || commit_due(clock)) {
    load_stamps();
    flush_spelling();
    writer_->commit();
    pending_ = 0;
    last_commit_ = std::chrono::steady_clock::now();
    last_commit_seconds_ = std::chrono::duration<double>(last_commit_ - now).count();
    if (full_build_) commit_interval_ = std::min(commit_interval_ * 2, std::max(options_.commit_seconds, options_.full_commit_seconds));
  }
}

bool Run::built_elsewise(const Xapian::Database& db) const {
  return db.get_doccount() > 0 &&
         (db.get_metadata(std::string(schema::kMetaAnalyzer)) != std::string(text::kAnalyzerVersion) ||
          db.get_metadata(std::string(schema::kMetaSchema)) != std::string(schema::kSchemaVersion) ||
          db.get_metadata(std::string(schema::kMetaGazetteer)) != fingerprint_);
}

// Same analyzer and schema, other gazetteer data, and the index knows the data entry by
// entry: only the articles the changed entries can touch are redone (in place).
bool Run::only_gazetteer_changed(const Xapian::Database& db) {
  if (options_.full || db.get_metadata(std::string(schema::kMetaAnalyzer)) != std::string(text::kAnalyzerVersion) ||
      db.get_metadata(std::string(schema::kMetaSchema)) != std::string(schema::kSchemaVersion) ||
      db.get_metadata(std::string(schema::kMetaGazetteer)) == fingerprint_)
    return false;
  auto change = gazetteer_change(db, gazetteer_, analyzer_);
  if (!change) return false;
  report_.gazetteer_changed = true;
  report_.gazetteer_entries = change->entries;
  report_.gazetteer_articles = change->documents.size();
  redo_docids_ = std::move(change->documents);
  return true;
}

void Run::refuse_newer_schema(const Xapian::Database& db, const std::filesystem::path& where) const {
  // Older schemas are upgraded (built_elsewise: every article redone); a newer one is
  // not this program's to rewrite in place. `build --full` makes a new generation and
  // swaps it in, so it may replace one.
  if (options_.full && !options_.dry_run) return;
  const std::string stored = db.get_metadata(std::string(schema::kMetaSchema));
  if (schema::schema_age(stored) == schema::SchemaAge::Newer)
    throw BuildError(schema::newer_schema_message(where.string(), stored, "iranidx"));
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

Run::EarlyRead Run::read_early() const noexcept {
  EarlyRead out;
  try {
    if (is_layout(options_.db) || options_.shards) return out;
    const auto current = current_generation(options_.db);
    if (!current) return out;
    const Xapian::Database db(current->string());
    out.uuid = db.get_uuid();
    out.revision = db.get_revision();
    out.articles = indexed_articles(db);
    out.ok = !out.uuid.empty();
  } catch (...) {
    out = {};
  }
  return out;
}

void Run::stamp_fresh(Xapian::WritableDatabase& db) const {
  // Stamp the analyzer version before the first commit, so that even a build killed
  // right after it leaves an index that searchers accept.
  db.set_metadata(std::string(schema::kMetaAnalyzer), std::string(text::kAnalyzerVersion));
  db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
  write_synonyms(db, gazetteer_, analyzer_);
  db.set_metadata(std::string(schema::kMetaGazetteer), fingerprint_);
  store_gazetteer_state(db, gazetteer_);
  if (full_) db.set_metadata(std::string(schema::kMetaPending), pending_tag_);
}

std::string Run::metadata(const std::string& key) const {
  if (writer_) return writer_->get_metadata(key);
  if (view_) return view_->get_metadata(key);
  return reader_.get_metadata(key);
}

std::vector<std::string> Run::metadata_keys(const std::string& prefix) const {
  if (writer_) return writer_->metadata_keys(prefix);
  if (view_) return view_->metadata_keys(prefix);
  std::vector<std::string> keys;
  for (auto k = reader_.metadata_keys_begin(prefix); k != reader_.metadata_keys_end(prefix); ++k) keys.push_back(*k);
  return keys;
}

// Xapian commits by itself after XAPIAN_FLUSH_THRESHOLD changes (10,000), which would
// commit documents whose spelling words are still summed up here: our commits come
// first (one run's setting, unless the user chose one). A commit holds at most
// kMaxHeldBatches batches, and each document can make two changes (its own and the
// copy value it gives an earlier article).
void Run::set_flush_threshold() const {
  static const bool user_threshold = std::getenv("XAPIAN_FLUSH_THRESHOLD") != nullptr;
  if (!user_threshold)
    ::setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(2 * kMaxHeldBatches * batch() + 100).c_str(), 1);
}

void Run::open_layout(const ShardScheme& scheme) {
  layout_ = true;
  LayoutOpenOptions open;
  open.root = options_.db;
  open.scheme = scheme;
  open.dry_run = options_.dry_run;
  open.pending_tag = pending_tag_;
  open.stamp_fresh = [this](Xapian::WritableDatabase& db) { stamp_fresh(db); };
  open.after_commit = options_.after_shard_commit;
  const auto published = read_layout(options_.db);
  if (published && !published->shards.empty()) {
    Xapian::Database current;
    for (const auto& s : published->shards) current.add_database(Xapian::Database(s.generation.string()));
    if (options_.dry_run) {
      reanalyze_ = built_elsewise(current);
      report_.reanalyzed = reanalyze_;
    } else {
      previous_db_.emplace(current);
      report_.reanalyzed = built_elsewise(current);
      stamps_source_ = current;
    }
  }
  if (options_.dry_run) {
    view_.emplace(WriteTarget::open_layout(open));
    reader_ = view_->reader();
    return;
  }
  // Another analyzer or other gazetteer data: every shard redone in new generations.
  full_ = previous_db_.has_value() && (options_.full || report_.reanalyzed);
  full_build_ = !previous_db_.has_value() || full_;
  set_flush_threshold();
  open.full = full_;
  try {
    writer_.emplace(WriteTarget::open_layout(open, &report_.resumed));
  } catch (const Xapian::DatabaseLockError& e) {
    throw BusyError(e.get_msg() + ": locked by another process");
  } catch (const std::runtime_error& e) {
    throw BuildError(e.what());
  }
  if (full_) previous_ = indexed_articles(*previous_db_);
  else previous_db_.reset();
  reader_ = writer_->reader();
}

void Run::open() {
  // A sharded layout: the one at --db, or a new one (--shards on an empty --db).
  const bool layout = is_layout(options_.db);
  if (layout || options_.shards) {
    std::optional<Layout> published;
    try {
      published = read_layout(options_.db);
    } catch (const std::runtime_error& e) {
      throw BuildError(e.what());
    }
    if (!layout && current_generation(options_.db))
      throw BuildError(options_.db.string() + ": is a single index; --shards " + options_.shards->text() +
                       " builds a new layout: give an empty --db (and the same corpus)");
    if (layout && options_.shards && !(*options_.shards == published->scheme))
      throw BuildError(options_.db.string() + ": its shards are split by '" + published->scheme.text() +
                       "', not '" + options_.shards->text() + "'; build into another --db to split them otherwise");
    open_layout(layout ? published->scheme : *options_.shards);
    return;
  }
  if (options_.dry_run) {
    if (const auto current = current_generation(options_.db)) {
      reader_ = Xapian::Database(current->string());
      refuse_newer_schema(reader_, options_.db);
      reanalyze_ = built_elsewise(reader_) && !only_gazetteer_changed(reader_);
      report_.reanalyzed = reanalyze_;
    }
    return;
  }
  remove_stale_generations(options_.db);
  remove_unfinished_compaction(options_.db);
  const auto current = current_generation(options_.db);
  if (options_.full && current == options_.db)
    throw BuildError(options_.db.string() + ": is a plain Xapian database; --full needs an index made by iranidx");
  bool upgrade = false;
  if (current) {
    previous_db_.emplace(current->string());
    refuse_newer_schema(*previous_db_, options_.db);
    upgrade = built_elsewise(*previous_db_) && !only_gazetteer_changed(*previous_db_);
    // Articles keep their first ingestion stamp across edits, moves and --full rebuilds.
    stamps_source_ = *previous_db_;
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
  full_build_ = !current || full_ || reanalyze_;
  set_flush_threshold();
  try {
    Xapian::WritableDatabase db(target_.string(), fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
    // A shard of a layout is written through its layout, never on its own.
    if (const auto name = db.get_metadata(std::string(schema::kMetaLayoutShard)); !name.empty())
      throw BuildError(options_.db.string() + ": is shard '" + name + "' of a layout; build the layout (--db " +
                       options_.db.parent_path().string() + ")");
    writer_.emplace(db);
    if (fresh) {
      stamp_fresh(db);
      db.commit();
    }
  } catch (const Xapian::DatabaseLockError&) {
    throw BusyError(target_.string() + ": locked by another process");
  } catch (const Xapian::DatabaseError& e) {
    throw BuildError(target_.string() + ": cannot open the index for writing: " + e.get_msg());
  }
  fresh_ = fresh;
  first_build_ = !current;
  // The very first build publishes its generation at once (an empty index is a valid
  // one); a full rebuild only at the end.
  if (!current) publish_generation(options_.db, target_);
  reader_ = writer_->reader();
}

void Run::keep_previous(const std::string& id) {
  // A full rebuild must not lose an article just because its file cannot be read now:
  // the published version is carried into the new generation.
  if (!full_ || indexed_.count(id) || carried_.count(id)) return;
  const auto old = previous_.find(id);
  if (old == previous_.end()) return;
  writer_->replace_document(id, previous_db_->get_document(old->second.docid));
  carried_.insert(id);
  ++report_.kept;
  written();
}

void Run::load_files() {
  const std::string prefix(schema::kMetaFilePrefix);
  std::unordered_map<Xapian::docid, std::string> id_of;  // only if a feed or dump is indexed
  const std::string file_prefix(schema::kFilePrefix);
  if (reader_.allterms_begin(file_prefix) != reader_.allterms_end(file_prefix))
    for (const auto& [id, article] : indexed_) id_of.emplace(article.docid, id);
  for (auto t = reader_.allterms_begin(file_prefix); t != reader_.allterms_end(file_prefix); ++t) {
    auto& ids = items_[(*t).substr(file_prefix.size())];
    for (auto d = reader_.postlist_begin(*t); d != reader_.postlist_end(*t); ++d)
      if (const auto it = id_of.find(*d); it != id_of.end()) ids.push_back(it->second);
  }
  for (const auto& k : metadata_keys(prefix)) files_.emplace(k.substr(prefix.size()), decode_file(metadata(k)));
}

void Run::keep_items(const std::string& relative_path) {
  if (const auto it = items_.find(schema::file_term(relative_path).substr(schema::kFilePrefix.size())); it != items_.end())
    for (const auto& id : it->second) seen_.insert(id);
  if (!full_) return;
  // A full rebuild carries the published items of a file it cannot read now.
  const std::string term = schema::file_term(relative_path);
  std::unordered_map<Xapian::docid, std::string> id_of;
  for (auto d = previous_db_->postlist_begin(term); d != previous_db_->postlist_end(term); ++d) id_of.emplace(*d, "");
  if (id_of.empty()) return;
  for (const auto& [id, article] : previous_)
    if (id_of.count(article.docid)) {
      seen_.insert(id);
      keep_previous(id);
    }
}

void Run::vanished(const corpus::CorpusFile& file, const std::string& id, const std::string& file_key) {
  // Gone since the walk: removed (deleted below if it was indexed), unless its whole
  // folder went (renamed or moved away mid-run): then it is kept until a walk finds it.
  std::error_code ec;
  const std::filesystem::path path = file_path(file);
  const bool folder_there = std::filesystem::is_directory(path.parent_path(), ec);
  if (folder_there && !std::filesystem::exists(std::filesystem::symlink_status(path, ec))) {
    seen_.erase(id);
    present_files_.erase(file_key);
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
      fail((options_.corpus / folder).string(),
           "folder renamed or removed during the build; what is indexed under its parent is kept");
  }
  keep_items(file.relative_path);
  if (full_) keep_previous(id);
}

void Run::report_problems(const corpus::CorpusFile& file, const std::vector<corpus::SourceProblem>& problems) {
  for (const auto& p : problems) {
    if (p.empty) {
      ++report_.skipped["empty record"];
      continue;
    }
    fail(file_path(file) + (p.line ? ":" + std::to_string(p.line) : std::string()), p.problem);
  }
}

std::string Run::stamps_for(const corpus::CorpusFile& file) const {
  std::string stamps = stamp_signature(file);
  const std::string_view name = std::string_view(file.relative_path).substr(file.relative_path.rfind('/') + 1);
  if (const auto kind = corpus::input_kind_for(name)) {
    const std::string fingerprint = options_.inputs.fingerprint(*kind);
    if (!fingerprint.empty()) stamps += "~" + fingerprint;
  }
  return stamps;
}

// What the stamps alone decide, before any file is opened (once a file, in its plan).
Decision Run::decide(const corpus::CorpusFile& file, const std::string& id, const IndexedArticle* indexed,
                     const std::string& stamps, const std::string& file_key) const {
  if (!file.sidecar_problem.empty()) return Decision::SidecarProblem;
  if (const auto known = files_.find(file_key); known != files_.end()) {
    // A feed or dump: unchanged stamps mean none of its items changed (unless an edit of
    // the gazetteer touches one of them).
    const auto items = items_.find(schema::file_term(file.relative_path).substr(schema::kFilePrefix.size()));
    const bool items_to_redo = items != items_.end() &&
                               std::any_of(items->second.begin(), items->second.end(), [&](const auto& i) { return redo(i); });
    if (!reanalyze_ && !options_.verify_content && !items_to_redo && stamps_of(known->second.signature) == stamps)
      return Decision::SameFileStamps;
  }
  if (indexed && !reanalyze_ && !redo(id) && !options_.verify_content && stamps_of(indexed->signature) == stamps)
    return Decision::SameStamps;
  return Decision::Read;
}

// The files to read go to the workers, which read and analyse them in parallel; this
// thread takes the results back in walk order and writes them, so docids, copy keys and
// every other decision come out as a single thread makes them.
FilePlan Run::plan(const corpus::CorpusFile& file) const {
  FilePlan p;
  p.id = schema::id_term(file.relative_path);
  // A feed's or dump's key, needed only when the index holds one: what the last run
  // stored of it is looked up (a new one's is made when it is read).
  if (!files_.empty()) p.file_key = schema::file_meta_key(file.relative_path).substr(schema::kMetaFilePrefix.size());
  p.stamps = stamps_for(file);
  if (const auto existing = indexed_.find(p.id); existing != indexed_.end()) p.indexed = &existing->second;
  p.decision = decide(file, p.id, p.indexed, p.stamps, p.file_key);
  return p;
}

// Articles whose files are gone, by content: candidates for a rename (of a file read
// this run; so only a run that reads a file needs them).
void Run::find_removed() {
  if (full_) return;
  std::unordered_set<std::string> present;
  present.reserve(walk_.files.size());
  for (const auto& f : walk_.files) present.insert(schema::id_term(f.relative_path));
  for (const auto& [id, article] : indexed_)
    if (!present.count(id) && stamps_of(article.signature) != kItemStamps)
      removed_by_hash_.emplace(hash_of(article.signature), id);
  removed_by_hash_.erase(std::string());
}

void Run::process_all() {
  std::vector<FilePlan> plans;
  plans.reserve(walk_.files.size());
  std::vector<std::size_t> to_read;
  for (std::size_t i = 0; i < walk_.files.size(); ++i) {
    plans.push_back(plan(walk_.files[i]));
    if (plans.back().decision == Decision::Read) to_read.push_back(i);
  }
  if (!to_read.empty()) find_removed();
  const std::size_t jobs = std::max<std::size_t>(1, std::min(build_jobs(options_), to_read.size()));
  std::vector<std::unique_ptr<DocumentBuilder>> builders;  // made here: Xapian's handles count without atomics
  for (std::size_t w = 0; w < jobs; ++w) builders.push_back(std::make_unique<DocumentBuilder>(analyzer_, gazetteer_));
  util::OrderedPool<PreparedFile> pool(to_read.size(), jobs, 8 * jobs, [&](std::size_t job, std::size_t worker) {
    return prepare(walk_.files[to_read[job]], plans[to_read[job]], *builders[worker]);
  });
  std::size_t next = 0;
  for (std::size_t i = 0; i < walk_.files.size(); ++i) {
    if (next < to_read.size() && to_read[next] == i) {
      PreparedFile prepared = pool.take(next++);
      process(walk_.files[i], plans[i], &prepared);
    } else {
      process(walk_.files[i], plans[i], nullptr);
    }
    if (observer_.progress) observer_.progress(i + 1, walk_.files.size());
  }
}

PreparedFile Run::prepare(const corpus::CorpusFile& file, const FilePlan& plan, DocumentBuilder& builder) const {
  const IndexedArticle* indexed = plan.indexed;
  for (int attempt = 0;; ++attempt) {
    PreparedFile out;
    try {
      read_and_analyse(file, plan, indexed, builder, out);
    } catch (const corpus::FileVanished&) {
      // There again: its folder was renamed away and back while we read. Once more.
      std::error_code ec;
      if (attempt == 0 && std::filesystem::exists(std::filesystem::symlink_status(file_path(file), ec))) continue;
      out.error = std::current_exception();
    } catch (...) {
      out.error = std::current_exception();
    }
    return out;
  }
}

void Run::read_and_analyse(const corpus::CorpusFile& file, const FilePlan& plan, const IndexedArticle* indexed,
                           DocumentBuilder& builder, PreparedFile& out) const {
  const bool build = !options_.dry_run;
  const std::string path = file_path(file);
  out.sidecar = file.has_sidecar ? corpus::read_sidecar(path) : std::string();
  std::optional<corpus::SourceRecord> single;
  corpus::InputOptions inputs = options_.inputs;
  inputs.max_file_bytes = options_.max_file_bytes;
  out.source = corpus::read_source(path, inputs, [&](corpus::SourceRecord&& r) {
    if (r.item.empty()) {
      single = std::move(r);
      return;
    }
    PreparedRecord& item = out.items.emplace_back();
    item.item = r.item;
    item.path = corpus::item_path(file.relative_path, r.item);
    item.id = schema::id_term(item.path);
    item.hash = record_hash(r, out.sidecar);
    const auto existing = indexed_.find(item.id);
    item.indexed = existing != indexed_.end() ? &existing->second : nullptr;
    item.same_content =
        item.indexed && !reanalyze_ && !redo(item.id) && hash_of(item.indexed->signature) == item.hash;
    if (item.same_content) return;
    try {
      const auto article = corpus::make_article(r, out.sidecar, gazetteer_);
      item.cut_from = article.cut_from;
      if (!build) return;
      item.built = builder.build(item.path, article, std::string(kItemStamps) + "|" + item.hash, "");
      item.built->doc.add_boolean_term(schema::file_term(file.relative_path));
      check_terms(item.built->doc);
    } catch (...) {
      item.error = std::current_exception();
      throw;  // the file fails, as it always did
    }
  });
  if (out.source.container || !single) return;
  PreparedRecord& record = out.single.emplace();
  // Plain text keeps the hash indexes before input kinds stored (of the decoded text).
  record.hash = content_hash(out.source.format == "text" ? single->text : out.source.hash, out.sidecar, file.has_sidecar);
  record.indexed = indexed;
  record.same_content =
      indexed && !reanalyze_ && !redo(plan.id) && hash_of(indexed->signature) == record.hash;
  if (record.same_content) return;
  const auto article = corpus::make_article(*single, out.sidecar, gazetteer_);
  record.cut_from = article.cut_from;
  if (!build) return;
  record.built = builder.build(file.relative_path, article, plan.stamps + "|" + record.hash, out.source.conversion);
  check_terms(record.built->doc);
}

void Run::process(const corpus::CorpusFile& file, const FilePlan& plan, PreparedFile* prepared) {
  const std::string& id = plan.id;
  const std::string& stamps = plan.stamps;
  const std::string& file_key = plan.file_key;
  const Decision decision = plan.decision;
  if (plan.indexed) seen_.mark(*plan.indexed);
  else seen_.insert(id);
  if (decision == Decision::SidecarProblem) {
    fail(file_path(file), file.sidecar_problem);
    keep_items(file.relative_path);
    keep_previous(id);
    return;
  }
  if (const auto known = files_.find(file_key); known != files_.end()) {
    present_files_.insert(file_key);
    if (decision == Decision::SameFileStamps) {
      const auto items = items_.find(schema::file_term(file.relative_path).substr(schema::kFilePrefix.size()));
      keep_items(file.relative_path);
      report_.unchanged += items == items_.end() ? 0 : items->second.size();
      report_problems(file, known->second.problems);
      return;
    }
  }
  if (decision == Decision::SameStamps) {
    ++report_.unchanged;
    return;
  }
  const IndexedArticle* indexed = plan.indexed;
  try {
    for (auto& item : prepared->items) index_item(file, item);
    if (prepared->error) std::rethrow_exception(prepared->error);
    const auto& source = prepared->source;
    if (source.container) {
      finish_container(file, stamps, source, prepared->sidecar);
      // It was one article before (an .xml page that became a feed): that one goes.
      if (indexed) seen_.erase(id);
    } else if (prepared->single) {
      index_single(file, id, stamps, indexed, *prepared->single, source);
    }
  } catch (const corpus::FileVanished&) {
    vanished(file, id, file_key);
  } catch (const corpus::NotAnArticle& e) {
    // Of a kind we read, but no article in it (a page of links): said, counted, and
    // whatever it held before goes.
    const std::string what = e.what();
    ++report_.skipped[what.starts_with("no article text") ? "no article text" : "not a feed"];
    report_.not_articles.push_back({file_path(file), what});
    if (observer_.not_article) observer_.not_article(report_.not_articles.back());
    seen_.erase(id);
    present_files_.erase(file_key);
  } catch (const corpus::FileError& e) {
    // The old version, if any, stays searchable: a bad edit must not lose an article,
    // nor a feed that turned bad its items.
    fail(file_path(file), e.what());
    keep_items(file.relative_path);
    keep_previous(id);
  } catch (const corpus::MetadataError& e) {
    fail(file_path(file), e.what());
    keep_items(file.relative_path);
    keep_previous(id);
  } catch (const Xapian::InvalidArgumentError& e) {
    fail(file_path(file), "cannot index: " + e.get_msg());
    keep_items(file.relative_path);
    keep_previous(id);
  }
}

// The writer's part of a built document: its ingestion stamp (kept from `stamp_id`'s
// first indexing), its copy key (which needs the documents written before it) and the
// spelling words, then the write itself.
void Run::write(const std::string& id, const std::string& path, BuiltDocument& built, const std::string& stamp_id) {
  Xapian::Document& doc = built.doc;
  load_stamps();
  const auto stamp = first_indexed_.find(stamp_id);
  doc.add_value(schema::kIndexedSlot, stamp != first_indexed_.end() ? stamp->second : ingest_stamp_now());
  assign_copy_key(
      writer_->lookup(), [&](Xapian::docid d, const Xapian::Document& x) { writer_->replace_lookup_document(d, x); }, doc,
      path, built.copy, analyzer_);
  // The words go to the spelling data of the database the article goes to.
  const std::size_t shard = writer_->database_for(id, doc.get_value(schema::kDateSlot));
  if (spelling_.size() <= shard) spelling_.resize(shard + 1);
  for (const auto& [word, count] : built.spelling) spelling_[shard][word] += count;
  // A path new to the index is added: no lookup of a document that is not there. One
  // already written or carried over in this run (a feed that lists an item twice) is
  // replaced.
  if (indexed_.count(id) || carried_.count(id) || !added_.insert(id).second) writer_->replace_document(id, doc);
  else writer_->add_document(id, doc);
}

void Run::index_single(const corpus::CorpusFile& file, const std::string& id, const std::string& stamps,
                       const IndexedArticle* indexed, PreparedRecord& record, const corpus::SourceFile& source) {
  const std::string& hash = record.hash;
  const std::string signature = stamps + "|" + hash;

  if (record.same_content) {
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
  warn_if_cut(file_path(file), record.cut_from);
  const auto moved_from = indexed ? removed_by_hash_.end() : removed_by_hash_.find(hash);
  if (writer_) write(id, file.relative_path, *record.built, moved_from != removed_by_hash_.end() ? moved_from->second : id);
  report_conversion(file, source);
  FileAction action = indexed ? FileAction::Updated : FileAction::Added;
  if (!indexed) {
    // A new path with the content of a removed one is a rename: the old document
    // goes now, and the move is counted once rather than as a delete and an add.
    if (const auto moved = moved_from; moved != removed_by_hash_.end()) {
      if (writer_) writer_->delete_document(moved->second, id);
      seen_.insert(moved->second);
      removed_by_hash_.erase(moved);
      action = FileAction::Moved;
    }
  }
  ++(action == FileAction::Added ? report_.added : action == FileAction::Updated ? report_.updated : report_.moved);
  act(action, file.relative_path);
  if (writer_) written();
}

void Run::index_item(const corpus::CorpusFile& file, PreparedRecord& item) {
  seen_.insert(item.id);
  if (item.error) std::rethrow_exception(item.error);
  if (item.same_content) {
    ++report_.unchanged;
    return;
  }
  warn_if_cut(corpus::item_path(file_path(file), item.item), item.cut_from);
  if (writer_) {
    write(item.id, item.path, *item.built, item.id);
    written();
  }
  ++(item.indexed ? report_.updated : report_.added);
  act(item.indexed ? FileAction::Updated : FileAction::Added, item.path);
}

// A file that was not UTF-8 (or had CRLF line ends, which are not worth a line): said
// with the charset it was read in, for one article or a feed's items alike.
void Run::report_conversion(const corpus::CorpusFile& file, const corpus::SourceFile& source) {
  if (source.conversion.empty() || source.conversion == "crlf") return;
  report_.conversions.push_back({file_path(file), source.conversion});
  if (observer_.converted) observer_.converted(report_.conversions.back());
}

void Run::finish_container(const corpus::CorpusFile& file, const std::string& stamps,
                           const corpus::SourceFile& source, const std::string& sidecar) {
  // Items that are no longer in the file: a feed rolls over, so they stay; a dump is a
  // snapshot, so they go, unless some of its lines could not be read this time.
  bool failed_lines = false;
  for (const auto& p : source.problems) failed_lines |= !p.empty;
  if (source.format != "jsonl" || failed_lines) {
    if (const auto it = items_.find(schema::file_term(file.relative_path).substr(schema::kFilePrefix.size()));
        it != items_.end())
      for (const auto& item : it->second)
        if (seen_.insert(item)) ++report_.unchanged;
  }
  report_problems(file, source.problems);
  report_conversion(file, source);
  const std::string key = schema::file_meta_key(file.relative_path);
  present_files_.insert(key.substr(schema::kMetaFilePrefix.size()));
  if (writer_) {
    const std::string hash = util::hex64(util::fnv1a64(sidecar, util::fnv1a64(source.hash)));
    writer_->set_metadata(key, encode_file(stamps + "|" + hash, source.problems));
    written();
  }
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
  for (const auto& [key, file] : files_) {
    if (present_files_.count(key)) continue;
    if (writer_ && !full_) writer_->set_metadata(std::string(schema::kMetaFilePrefix) + key, "");
  }
  // What the target holds that the walk did not see, except under folders the walk
  // could not list to the end: those stay until a walk sees them whole.
  std::vector<std::pair<std::string, Xapian::docid>> gone;
  for (const auto& [id, article] : indexed_) {
    if (seen_.has(article)) continue;
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
    db.for_each_database([&](Xapian::WritableDatabase& one) {
      write_synonyms(one, gazetteer_, analyzer_);
      one.set_metadata(std::string(schema::kMetaGazetteer), fingerprint_);
      store_gazetteer_state(one, gazetteer_);
    });
    report_.synonyms_rewritten = true;
  } else if (db.get_metadata(std::string(schema::kMetaGazetteerEntries)).empty()) {
    // An index made before entries were stored: from now on an edit redoes only what it touches.
    db.for_each_database([&](Xapian::WritableDatabase& one) { store_gazetteer_state(one, gazetteer_); });
    report_.synonyms_rewritten = true;
  }
  const bool publish = full_ && !report_.refused_deletions;
  const bool compact = options_.compact && !layout_ && (publish || first_build_);
  // An index built before its discovered officials were stored with it gets them now.
  const bool summaries = db.summaries_missing();
  if (full_ || report_.changed() || report_.touched || report_.synonyms_rewritten || summaries ||
      db.get_metadata(std::string(schema::kMetaAnalyzer)).empty()) {
    db.set_metadata_everywhere(std::string(schema::kMetaAnalyzer), std::string(text::kAnalyzerVersion));
    db.set_metadata_everywhere(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
    db.set_run_record(std::string(schema::kMetaLastBuild), now_iso8601() + " " + summary_line(report_));
    // A refused full rebuild stays unpublished and resumable (with --allow-mass-delete).
    // A single index keeps its tag until it is published (then it is cleared: a kill
    // between clearing and publishing left a complete rebuild that the next run could
    // not resume and began again); a layout's shards lose theirs with this commit.
    if (publish && !compact && layout_) db.set_metadata_everywhere(std::string(schema::kMetaPending), "");
    flush_spelling();
    db.commit();
  }
  db.close(publish);
  if (compact) {
    publish_compacted();
    return;
  }
  if (publish && !layout_) {
    publish_generation(options_.db, target_);
    clear_pending_tag(target_);
  }
}


// The new generation as a compacted copy, published in one atomic swap like any other.
// A full rebuild's copy keeps the resumable tag until its original is gone, so a run
// killed at any step leaves the published index as it was and a rebuild to resume or
// to discard. When compaction fails (a full disk), the original is published as it is.
void Run::publish_compacted() {
  std::filesystem::path copy;
  try {
    copy = compact_generation(options_.db, target_);
  } catch (const std::exception& e) {
    report_.compact_problem = e.what();
  } catch (const Xapian::Error& e) {
    report_.compact_problem = e.get_description();
  }
  if (copy.empty()) {
    if (full_) {
      publish_generation(options_.db, target_);
      clear_pending_tag(target_);
    }
    return;
  }
  std::error_code ec;
  // Never published: nobody reads it. A kill while it is being removed leaves the copy,
  // the newest generation and still tagged, for the next run to resume.
  if (full_) std::filesystem::remove_all(target_, ec);
  publish_generation(options_.db, copy);
  // The tag goes once the copy is published: cleared before, a kill before the swap left
  // a complete rebuild no run would resume (it began again).
  if (full_) clear_pending_tag(copy);
  // The first build published its generation at once; the copy replaces it (a search
  // that opened it a moment ago has its files open).
  if (first_build_) std::filesystem::remove_all(target_, ec);
  report_.compacted = true;
}

BuildReport Run::execute() {
  const auto started = std::chrono::steady_clock::now();
  // The lock first, then the walk: a run that waited for another one must see the
  // corpus as it is after that one, not as it was before (files added meanwhile).
  if (!options_.dry_run && !options_.lock_held) {
    try {
      lock_ = std::make_unique<BuildLock>(options_.db, options_.wait_seconds);
    } catch (const BusyError&) {
      throw;
    } catch (const std::runtime_error& e) {
      throw BuildError(e.what());
    }
  }
  // The walk (most of a no-op rebuild: a stat per file) and reading what the index holds
  // do not depend on each other: the current index is read, read-only, while the corpus
  // is walked, and that list is used if open() ends up on the same database at the same
  // revision (under the build lock nothing else writes it). open() itself, which may
  // create, resume or discard generations, still runs only once the walk has succeeded:
  // a walk that fails changes nothing.
  EarlyRead early;
  {
    std::jthread reader;  // joined at the end of this block, also when the walk throws
    if (!options_.full) {  // --full writes a new generation: its list is not the current one's
      try {
        reader = std::jthread([&] { early = read_early(); });
      } catch (const std::system_error&) {
        // No thread to spare: the index is read after open(), as before.
      }
    }
    walk();
  }
  open();
  if (early.ok && !fresh_ && early.uuid == reader_.get_uuid() && early.revision == reader_.get_revision())
    indexed_ = std::move(early.articles);
  else
    indexed_ = indexed_articles(reader_);
  early = {};  // not held through the run when it was not used (an upgrade's new generation)
  seen_.reset(indexed_);
  if (!redo_docids_.empty()) {
    const std::unordered_set<Xapian::docid> docids(redo_docids_.begin(), redo_docids_.end());
    for (const auto& [id, article] : indexed_)
      if (docids.count(article.docid)) redo_.insert(id);
  }

  load_files();
  for (const auto& name : walk_.ignored)
    ++report_.skipped[corpus::skip_label(std::filesystem::path(name).filename().string())];

  for (const auto& p : walk_.problems) fail(p.path, p.problem);
  for (const auto& s : walk_.skipped) {
    report_.not_followed.push_back({s.path, s.problem});
    if (observer_.not_followed) observer_.not_followed(report_.not_followed.back());
  }
  process_all();
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
  if (const std::size_t n = r.skipped_total()) {
    line += ", skipped " + std::to_string(n) + " (";
    bool first = true;
    for (const auto& [kind, count] : r.skipped) {
      line += (first ? "" : ", ") + kind + " " + std::to_string(count);
      first = false;
    }
    line += ")";
  }
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
