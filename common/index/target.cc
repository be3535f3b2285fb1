#include "index/target.h"

#include <algorithm>
#include <random>
#include <set>
#include <stdexcept>

#include "index/discovered_summary.h"
#include "index/layout_compact.h"
#include "index/schema.h"
#include "index/store.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace iran::index {
namespace {

constexpr const char* kHomeDir = "home";
// Xapian flushes a database by itself after 10,000 changes: commit before, so a batch's
// protocol steps are never cut by a flush.
constexpr std::size_t kCommitChanges = 8000;

std::string new_batch_name() {
  std::random_device random;
  return util::hex64((static_cast<std::uint64_t>(random()) << 32) ^ random());
}

Xapian::WritableDatabase open_writable(const fs::path& generation, int flags) {
  try {
    return Xapian::WritableDatabase(generation.string(), flags);
  } catch (const Xapian::DatabaseLockError&) {
    throw std::runtime_error(generation.string() + ": locked by another process");
  } catch (const Xapian::DatabaseError& e) {
    throw std::runtime_error(generation.string() + ": cannot open the index for writing: " + e.get_msg());
  }
}

bool resumable(const fs::path& generation, const std::string& tag) {
  try {
    return Xapian::Database(generation.string()).get_metadata(std::string(schema::kMetaPending)) == tag;
  } catch (const Xapian::Error&) {
    return false;
  }
}

}  // namespace

struct WriteTarget::Impl {
  struct Shard {
    std::string name;
    fs::path dir, generation;
    Xapian::WritableDatabase w;  // unless `closed`
    Xapian::Database r;          // what reads go to: w, or a compacted generation
    bool closed = false;         // a compacted generation, read only: shard_w() copies it first
    ShardState state;
    bool dirty = false;
    bool written = false;        // changed in this run
    std::size_t changes = 0;
    bool documents_changed = false;  // since its last commit: its summary is recomputed then
  };

  bool single = true;
  bool writable = false;
  // One database.
  std::optional<Xapian::WritableDatabase> one_w;
  Xapian::Database one_r;
  bool one_changed = false;  // documents changed since the last commit
  // Every commit that follows a change of documents stores the database's discovered
  // officials with them (index/discovered_summary.h); the spellings' keys are kept
  // across commits and shards.
  DiscoveredSummaryWriter summaries;
  // A layout.
  LayoutOpenOptions options;
  std::vector<Shard> shards;  // the first `initial` number reader()'s docids
  std::size_t initial = 0;
  std::vector<Xapian::Database> read_shards;  // dry run: the shards read only
  fs::path home_generation;
  std::optional<Xapian::WritableDatabase> home_w;
  Xapian::Database home_r;
  Xapian::Database reader, lookup;
  // The batch in flight (index/shard_state.h): its name, the shards taking part.
  std::string batch;
  std::set<std::size_t> participants;

  // --- single or layout ---
  const Xapian::Database& home() const {
    if (single) return one_r;
    return home_w ? static_cast<const Xapian::Database&>(*home_w) : home_r;
  }
  void require_writable() const {
    if (!writable) throw std::logic_error("a dry run writes nothing");
  }
  // The one database, before a change of its documents: its stored summary goes in the
  // same pending changes (so a commit Xapian makes by itself stores none that is stale).
  Xapian::WritableDatabase& one_documents() {
    if (!one_changed) {
      DiscoveredSummaryWriter::invalidate(*one_w);
      one_changed = true;
    }
    return *one_w;
  }
  void commit_one() {
    if (one_changed) summaries.store(*one_w);
    one_w->commit();
    one_changed = false;
  }

  // --- layout ---
  std::size_t index_of(const std::string& name) const {
    for (std::size_t i = 0; i < shards.size(); ++i)
      if (shards[i].name == name) return i;
    return shards.size();
  }
  std::pair<std::size_t, Xapian::docid> split(Xapian::docid docid) const {
    return {(docid - 1) % initial, (docid - 1) / initial + 1};
  }
  std::size_t locate(const std::string& id) const {
    for (std::size_t i = 0; i < shards.size(); ++i)
      if (shards[i].r.term_exists(id)) return i;
    return shards.size();
  }
  void rebuild_views() {
    reader = Xapian::Database();
    lookup = Xapian::Database();
    for (std::size_t i = 0; i < shards.size(); ++i) {
      if (i < initial) reader.add_database(shards[i].r);
      lookup.add_database(shards[i].r);
    }
  }
  void write_state(std::size_t i) {
    shard_w(i).set_metadata(std::string(schema::kMetaLayoutState), shards[i].state.encode());
  }
  // Shard i for writing, before a change of its documents (as one_documents()).
  Xapian::WritableDatabase& documents_w(std::size_t i) {
    auto& w = shard_w(i);
    if (!shards[i].documents_changed) {
      DiscoveredSummaryWriter::invalidate(w);
      shards[i].documents_changed = true;
    }
    return w;
  }
  void touched(std::size_t i) {
    shards[i].dirty = true;
    shards[i].written = true;
    ++shards[i].changes;
  }
  // The batch in flight, named when its first cross-shard step comes.
  const std::string& batch_name() {
    if (batch.empty()) batch = new_batch_name();
    return batch;
  }
  // Adds `term` to the document with ID term `id` in shard i (a step of a move).
  void mark(std::size_t i, const std::string& id, const std::string& term) {
    auto& w = documents_w(i);
    const Xapian::docid local = *w.postlist_begin(id);
    Xapian::Document doc = w.get_document(local);
    doc.add_boolean_term(term);
    w.replace_document(local, doc);
  }
  // Both shards of a move take part in the batch: its name pending in their states,
  // written with the documents, so that a flush never shows them unhidden.
  void join_batch(std::size_t from, std::size_t to) {
    for (const auto i : {from, to}) {
      participants.insert(i);
      shards[i].state.pend.insert(batch);
      write_state(i);
      touched(i);
    }
  }
  void fence(std::size_t i, const std::set<std::size_t>& on) {
    for (const auto j : on)
      if (j != i) {
        auto& f = shards[i].state.fence[shards[j].name];
        f = std::max(f, shards[j].state.seq);
      }
  }
  void commit_shard(std::size_t i) {
    auto& s = shards[i];
    ++s.state.seq;
    write_state(i);
    if (s.documents_changed) summaries.store(s.w);
    s.w.commit();
    s.documents_changed = false;
    s.dirty = false;
    s.changes = 0;
    if (options.after_commit) options.after_commit(s.name);
  }

  // Shard i for writing: a compacted generation is first copied (reopen()).
  Xapian::WritableDatabase& shard_w(std::size_t i) {
    if (shards[i].closed) reopen(i);
    return shards[i].w;
  }
  void reopen(std::size_t i);
  // The home's list of shard names (index/schema.h: kMetaLayoutShards), committed with it.
  void set_shard_list() {
    std::string names;
    for (const auto& s : shards) names += (names.empty() ? "" : " ") + s.name;
    if (home_w->get_metadata(std::string(schema::kMetaLayoutShards)) != names)
      home_w->set_metadata(std::string(schema::kMetaLayoutShards), names);
  }
  // The layout stub naming every shard's generation (a layout that is not being rebuilt).
  void publish_current() {
    Layout layout{options.scheme, home_generation, {}};
    for (const auto& s : shards) layout.shards.push_back({s.name, s.generation});
    publish_layout(options.root, layout);
  }

  // The shard `name`, made now if the layout has none yet (a year seen first).
  std::size_t shard_named(const std::string& name);
  Shard open_shard(const std::string& name, bool create);
  void recover();
  void commit_all();
};

WriteTarget::Impl::Shard WriteTarget::Impl::open_shard(const std::string& name, bool create) {
  Shard s;
  s.name = name;
  s.dir = options.root / name;
  std::error_code ec;
  fs::create_directories(s.dir, ec);
  if (ec) throw std::runtime_error(s.dir.string() + ": cannot create the shard directory: " + ec.message());
  bool fresh = false;
  if (options.full) {
    const auto pending = pending_generation(s.dir);
    if (pending && resumable(*pending, options.pending_tag)) {
      s.generation = *pending;
    } else {
      discard_pending_generations(s.dir, {});
      s.generation = next_generation(s.dir);
      fresh = true;
    }
  } else if (const auto current = current_generation(s.dir)) {
    s.generation = *current;
    // A shard `iranidx compact` made is only read, until the run writes into it.
    Xapian::Database probe(s.generation.string());
    if (is_compacted(probe)) {
      s.r = probe;
      s.closed = true;
      s.state = ShardState::decode(probe.get_metadata(std::string(schema::kMetaLayoutState)));
      return s;
    }
  } else {
    if (!create) throw std::runtime_error(s.dir.string() + ": the layout names this shard, but it has no generation");
    discard_pending_generations(s.dir, {});
    s.generation = next_generation(s.dir);
    fresh = true;
  }
  s.w = open_writable(s.generation, fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
  if (fresh) {
    if (options.stamp_fresh) options.stamp_fresh(s.w);
    s.w.set_metadata(std::string(schema::kMetaLayoutShard), name);
    s.w.commit();
    if (!options.full) publish_generation(s.dir, s.generation);
  }
  s.r = s.w;
  s.state = ShardState::decode(s.w.get_metadata(std::string(schema::kMetaLayoutState)));
  return s;
}

void WriteTarget::Impl::reopen(std::size_t i) {
  // Never written in place (index/layout_compact.h): an uncompacted copy, same docids,
  // published before anything changes in it, so searchers see the same articles.
  auto& s = shards[i];
  std::error_code ec;
  fs::remove_all(s.dir / "compacting.tmp", ec);
  discard_pending_generations(s.dir, {});  // a copy a killed run left
  const fs::path generation = next_generation(s.dir);
  Xapian::WritableDatabase w = open_writable(generation, Xapian::DB_CREATE_OR_OVERWRITE);
  copy_uncompacted(s.r, w);
  s.w = w;
  s.r = w;
  s.generation = generation;
  s.closed = false;
  publish_current();
  publish_generation(s.dir, generation);
  rebuild_views();
}

std::size_t WriteTarget::Impl::shard_named(const std::string& name) {
  if (const auto i = index_of(name); i < shards.size()) return i;
  shards.push_back(open_shard(name, true));
  rebuild_views();
  set_shard_list();
  // Searchers see the new shard from now on (it is empty until its first commit).
  if (!options.full) publish_current();
  return shards.size() - 1;
}

void WriteTarget::Impl::recover() {
  // A batch some shard still has in flight was cut by a kill (index/shard_state.h).
  std::set<std::string> pend, done;
  for (const auto& s : shards) {
    pend.insert(s.state.pend.begin(), s.state.pend.end());
    done.insert(s.state.done.begin(), s.state.done.end());
  }
  for (const auto& r : pend) {
    const bool forward = done.count(r) > 0;
    std::set<std::size_t> touched_shards, coordinators;
    for (std::size_t i = 0; i < shards.size(); ++i) {
      auto& s = shards[i];
      if (s.state.done.count(r)) coordinators.insert(i);
      if (!s.state.pend.count(r)) continue;
      auto& w = documents_w(i);
      if (forward) {
        w.delete_document(move_old_term(r));
      } else {
        w.delete_document(move_term(r));
        // The old copies stay, without their mark.
        const std::string mark = move_old_term(r);
        std::vector<Xapian::docid> marked(w.postlist_begin(mark), w.postlist_end(mark));
        for (const auto d : marked) {
          Xapian::Document doc = w.get_document(d);
          doc.remove_term(mark);
          w.replace_document(d, doc);
        }
      }
      s.state.pend.erase(r);
      touched_shards.insert(i);
    }
    for (const auto i : touched_shards) {
      fence(i, coordinators);
      commit_shard(i);
    }
    for (const auto c : coordinators) {
      shards[c].state.done.erase(r);
      fence(c, touched_shards);
      commit_shard(c);
    }
  }
  // "done" left without any "pend": step 4 was cut.
  for (std::size_t i = 0; i < shards.size(); ++i)
    if (!shards[i].state.done.empty()) {
      shards[i].state.done.clear();
      std::set<std::size_t> all;
      for (std::size_t j = 0; j < shards.size(); ++j) all.insert(j);
      fence(i, all);
      commit_shard(i);
    }
}

void WriteTarget::Impl::commit_all() {
  if (!batch.empty()) {
    // Step 1: everything the batch wrote, each shard taking part with "pend R".
    std::set<std::size_t> step1 = participants;
    for (std::size_t i = 0; i < shards.size(); ++i)
      if (shards[i].dirty) step1.insert(i);
    for (const auto i : step1) commit_shard(i);
    // Step 2: the moment the batch's moves happen, for every searcher.
    const std::size_t coordinator = *participants.begin();
    shards[coordinator].state.done.insert(batch);
    fence(coordinator, participants);
    commit_shard(coordinator);
    // Step 3: the old copies go.
    for (const auto i : participants) {
      auto& s = shards[i];
      documents_w(i).delete_document(move_old_term(batch));
      s.state.pend.erase(batch);
      fence(i, {coordinator});
      commit_shard(i);
    }
    // Step 4.
    shards[coordinator].state.done.erase(batch);
    fence(coordinator, participants);
    commit_shard(coordinator);
    batch.clear();
    participants.clear();
  } else {
    for (std::size_t i = 0; i < shards.size(); ++i)
      if (shards[i].dirty) commit_shard(i);
  }
  // The home last: a feed's record is committed only after its items are.
  home_w->commit();
}

WriteTarget::WriteTarget(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WriteTarget::WriteTarget(WriteTarget&&) noexcept = default;
WriteTarget& WriteTarget::operator=(WriteTarget&&) noexcept = default;
WriteTarget::~WriteTarget() = default;

WriteTarget::WriteTarget(Xapian::WritableDatabase db) : impl_(std::make_unique<Impl>()) {
  impl_->writable = true;
  impl_->one_w = db;
  impl_->one_r = db;
}

WriteTarget::WriteTarget(Xapian::Database db) : impl_(std::make_unique<Impl>()) { impl_->one_r = db; }

WriteTarget WriteTarget::open_layout(const LayoutOpenOptions& options, bool* resumed) {
  auto impl = std::make_unique<Impl>();
  Impl& t = *impl;
  t.single = false;
  t.options = options;
  const auto layout = read_layout(options.root);
  if (options.dry_run) {
    if (layout) {
      for (const auto& s : layout->shards) {
        t.read_shards.emplace_back(s.generation.string());
        t.reader.add_database(t.read_shards.back());
      }
      t.home_r = Xapian::Database(layout->home.string());
    }
    t.lookup = t.reader;
    return WriteTarget(std::move(impl));
  }
  t.writable = true;
  const fs::path home_dir = options.root / kHomeDir;
  std::error_code ec;
  fs::create_directories(home_dir, ec);
  if (ec) throw std::runtime_error(home_dir.string() + ": cannot create: " + ec.message());
  // A run killed between the layout stub's rename and a shard stub's: the layout is right.
  if (layout) align_shard_stubs(*layout);
  remove_stale_generations(home_dir);
  // The shards there are: the published ones, and in a full rebuild also those a killed
  // one had begun (a year that appeared then); a hash layout has all of them always.
  std::vector<std::string> names;
  if (layout)
    for (const auto& s : layout->shards) names.push_back(s.name);
  for (const auto& n : options.scheme.fixed_shards())
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  if (options.full)
    for (const auto& entry : fs::directory_iterator(options.root, ec)) {
      const std::string n = entry.path().filename().string();
      if (entry.is_directory(ec) && options.scheme.valid_name(n) && pending_generation(entry.path()) &&
          std::find(names.begin(), names.end(), n) == names.end())
        names.push_back(n);
    }
  for (const auto& n : names) remove_stale_generations(options.root / n);

  // The home.
  bool home_fresh = false;
  if (options.full) {
    const auto pending = pending_generation(home_dir);
    if (pending && resumable(*pending, options.pending_tag)) {
      t.home_generation = *pending;
      if (resumed) *resumed = true;
    } else {
      discard_pending_generations(home_dir, {});
      t.home_generation = next_generation(home_dir);
      home_fresh = true;
    }
  } else if (layout) {
    t.home_generation = layout->home;
  } else {
    t.home_generation = next_generation(home_dir);
    home_fresh = true;
  }
  t.home_w = open_writable(t.home_generation, home_fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
  if (home_fresh) {
    if (options.stamp_fresh) options.stamp_fresh(*t.home_w);
    t.home_w->commit();
    // The home's own stub, for a server of the home (scripts/serve-shards --layout).
    if (!options.full) publish_generation(home_dir, t.home_generation);
  }
  for (const auto& n : names) t.shards.push_back(t.open_shard(n, !layout || !options.scheme.fixed_shards().empty()));
  std::vector<LayoutShard> sorted;
  for (const auto& s : t.shards) sorted.push_back({s.name, s.generation});
  sort_shards(sorted);
  std::vector<Impl::Shard> ordered;
  for (const auto& s : sorted)
    for (auto& shard : t.shards)
      if (shard.name == s.name) ordered.push_back(std::move(shard));
  t.shards = std::move(ordered);
  t.initial = t.shards.size();
  t.rebuild_views();
  t.set_shard_list();
  if (!options.full) {
    t.recover();
    // The first build publishes the (empty) layout at once, as a single index does.
    if (!layout || layout->shards.size() != t.shards.size()) {
      Layout now{options.scheme, t.home_generation, {}};
      for (const auto& s : t.shards) now.shards.push_back({s.name, s.generation});
      publish_layout(options.root, now);
    }
  }
  return WriteTarget(std::move(impl));
}

bool WriteTarget::sharded() const { return !impl_->single; }
bool WriteTarget::writable() const { return impl_->writable; }

const Xapian::Database& WriteTarget::reader() const { return impl_->single ? impl_->one_r : impl_->reader; }
const Xapian::Database& WriteTarget::lookup() const { return impl_->single ? impl_->one_r : impl_->lookup; }

Xapian::WritableDatabase& WriteTarget::shard_for(const std::string& id, const std::string& first_day) {
  return database(database_for(id, first_day));
}

std::size_t WriteTarget::database_for(const std::string& id, const std::string& first_day) {
  impl_->require_writable();
  if (impl_->single) return 0;
  return impl_->shard_named(impl_->options.scheme.shard_for(id, first_day));
}

Xapian::WritableDatabase& WriteTarget::database(std::size_t index) {
  impl_->require_writable();
  if (impl_->single) return *impl_->one_w;
  (void)impl_->shards.at(index);
  return impl_->shard_w(index);
}

Xapian::Document WriteTarget::get_document(Xapian::docid docid) const {
  if (impl_->single) return impl_->one_r.get_document(docid);
  return impl_->reader.get_document(docid);
}

void WriteTarget::replace_document(Xapian::docid docid, const Xapian::Document& doc) {
  Impl& t = *impl_;
  t.require_writable();
  if (t.single) return t.one_documents().replace_document(docid, doc);
  const auto [i, local] = t.split(docid);
  t.documents_w(i).replace_document(local, doc);
  t.touched(i);
}

void WriteTarget::add_document(const std::string& id, const Xapian::Document& doc) {
  Impl& t = *impl_;
  t.require_writable();
  if (t.single) {
    t.one_documents().add_document(doc);
    return;
  }
  const std::size_t to = t.shard_named(t.options.scheme.shard_for(id, doc.get_value(schema::kDateSlot)));
  t.documents_w(to).add_document(doc);
  t.touched(to);
}

void WriteTarget::replace_document(const std::string& id, const Xapian::Document& doc) {
  Impl& t = *impl_;
  t.require_writable();
  if (t.single) {
    t.one_documents().replace_document(id, doc);
    return;
  }
  const std::size_t to = t.shard_named(t.options.scheme.shard_for(id, doc.get_value(schema::kDateSlot)));
  const std::size_t from = t.locate(id);
  if (from == t.shards.size() || from == to) {
    t.documents_w(to).replace_document(id, doc);
    t.touched(to);
    return;
  }
  if (t.options.full) {
    // An unpublished generation: nobody sees the steps.
    t.documents_w(from).delete_document(id);
    t.touched(from);
    t.documents_w(to).replace_document(id, doc);
    t.touched(to);
    return;
  }
  // A move: the new copy hidden, the old one marked, until the batch commits.
  const std::string& batch = t.batch_name();
  Xapian::Document moved = doc;
  moved.add_boolean_term(move_term(batch));
  t.documents_w(to).replace_document(id, moved);
  t.mark(from, id, move_old_term(batch));
  t.join_batch(from, to);
}

void WriteTarget::replace_lookup_document(Xapian::docid docid, const Xapian::Document& doc) {
  Impl& t = *impl_;
  t.require_writable();
  if (t.single) return t.one_documents().replace_document(docid, doc);
  const std::size_t n = t.shards.size();
  const std::size_t i = (docid - 1) % n;
  t.documents_w(i).replace_document((docid - 1) / n + 1, doc);
  t.touched(i);
}

void WriteTarget::delete_document(Xapian::docid docid) {
  Impl& t = *impl_;
  t.require_writable();
  if (t.single) return t.one_documents().delete_document(docid);
  const auto [i, local] = t.split(docid);
  t.documents_w(i).delete_document(local);
  t.touched(i);
}

void WriteTarget::delete_document(const std::string& id, const std::string& renamed_to) {
  Impl& t = *impl_;
  t.require_writable();
  if (t.single) return t.one_documents().delete_document(id);
  const std::size_t from = t.locate(id);
  if (from == t.shards.size()) return;
  const std::size_t to = renamed_to.empty() ? t.shards.size() : t.locate(renamed_to);
  if (to == t.shards.size() || to == from || t.options.full) {
    t.documents_w(from).delete_document(id);
    t.touched(from);
    return;
  }
  // A rename into another shard: the new path appears as the old one goes.
  const std::string& batch = t.batch_name();
  t.mark(to, renamed_to, move_term(batch));
  t.mark(from, id, move_old_term(batch));
  t.join_batch(from, to);
}

std::string WriteTarget::get_metadata(const std::string& key) const { return impl_->home().get_metadata(key); }

std::vector<std::string> WriteTarget::metadata_keys(const std::string& prefix) const {
  const Xapian::Database& db = impl_->home();
  std::vector<std::string> keys;
  if (!impl_->single && !impl_->home_w && impl_->read_shards.empty()) return keys;  // no layout yet
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) keys.push_back(*k);
  return keys;
}

void WriteTarget::set_metadata(const std::string& key, const std::string& value) {
  impl_->require_writable();
  if (impl_->single) return impl_->one_w->set_metadata(key, value);
  impl_->home_w->set_metadata(key, value);
}

void WriteTarget::set_metadata_everywhere(const std::string& key, const std::string& value) {
  Impl& t = *impl_;
  t.require_writable();
  if (t.single) return t.one_w->set_metadata(key, value);
  // Only where it differs: a shard this run leaves alone (a compacted year) stays unwritten.
  for (std::size_t i = 0; i < t.shards.size(); ++i)
    if (t.shards[i].r.get_metadata(key) != value) {
      t.shard_w(i).set_metadata(key, value);
      t.touched(i);
    }
  t.home_w->set_metadata(key, value);
}

void WriteTarget::set_run_record(const std::string& key, const std::string& value) {
  Impl& t = *impl_;
  t.require_writable();
  if (t.single) return t.one_w->set_metadata(key, value);
  for (std::size_t i = 0; i < t.shards.size(); ++i)
    if (t.shards[i].written) t.shard_w(i).set_metadata(key, value);
  t.home_w->set_metadata(key, value);
}

void WriteTarget::for_each_database(const std::function<void(Xapian::WritableDatabase&)>& fn) {
  Impl& t = *impl_;
  t.require_writable();
  if (t.single) return fn(*t.one_w);
  for (std::size_t i = 0; i < t.shards.size(); ++i) {
    fn(t.shard_w(i));
    t.touched(i);
  }
  fn(*t.home_w);
}

bool WriteTarget::summaries_missing() {
  Impl& t = *impl_;
  t.require_writable();
  if (t.single) {
    if (t.one_w->get_doccount() == 0 || DiscoveredSummary::stored(*t.one_w)) return false;
    t.one_documents();
    return true;
  }
  bool any = false;
  for (std::size_t i = 0; i < t.shards.size(); ++i) {
    auto& s = t.shards[i];
    if (s.closed || s.r.get_doccount() == 0 || DiscoveredSummary::stored(s.r)) continue;
    t.documents_w(i);
    t.touched(i);
    any = true;
  }
  return any;
}

bool WriteTarget::commit_due() const {
  if (impl_->single) return false;
  for (const auto& s : impl_->shards)
    if (s.changes >= kCommitChanges) return true;
  return false;
}

void WriteTarget::commit() {
  Impl& t = *impl_;
  t.require_writable();
  if (t.single) return t.commit_one();
  t.commit_all();
}

void WriteTarget::close(bool publish) {
  Impl& t = *impl_;
  if (!t.writable) return;
  if (t.single) {
    t.commit_one();
    return t.one_w->close();
  }
  t.commit_all();
  for (auto& s : t.shards)
    if (!s.closed) s.w.close();
  t.home_w->close();
  if (!publish || !t.options.full) return;
  // Every new generation at once for local searchers (one rename), then each shard's
  // own stub for the servers that serve a shard directory, and the home's.
  Layout layout{t.options.scheme, t.home_generation, {}};
  for (const auto& s : t.shards) layout.shards.push_back({s.name, s.generation});
  publish_layout(t.options.root, layout);
  for (const auto& s : t.shards) publish_generation(s.dir, s.generation);
  publish_generation(t.options.root / kHomeDir, t.home_generation);
}

std::vector<LayoutShard> WriteTarget::shards() const {
  std::vector<LayoutShard> out;
  for (const auto& s : impl_->shards) out.push_back({s.name, s.generation});
  return out;
}

LayoutView open_layout_view(const fs::path& root) {
  LayoutView view;
  const auto layout = read_layout(root);
  if (!layout) throw std::runtime_error(root.string() + ": not a shard layout");
  view.layout = *layout;
  for (const auto& s : layout->shards) view.shards.emplace_back(s.generation.string());
  view.home = Xapian::Database(layout->home.string());
  return view;
}

}  // namespace iran::index
