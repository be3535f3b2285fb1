#include "index/shards.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <fstream>
#include <set>
#include <sstream>
#include <random>
#include <thread>

#include "entities/gazetteer.h"
#include "index/discovered_summary.h"
#include "index/ingest.h"
#include "index/schema.h"
#include "index/search_request.h"
#include "index/shard_state.h"
#include "index/summary_file.h"
#include "index/synonyms.h"
#include "text/analyzer.h"
#include "util/files.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace iran::index {
namespace {

constexpr const char* kStubName = "XAPIANDB";
constexpr int kMaxStubDepth = 8;
constexpr std::uintmax_t kMaxStubBytes = 1 << 20;  // thousands of shard lines; a stub is never larger  // stubs naming stubs: enough for any real layout, stops loops

bool is_plain_database(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec);
}

unsigned milliseconds(double seconds) {
  if (!(seconds > 0)) return 0;
  return static_cast<unsigned>(std::lround(std::min(seconds, 86400.0) * 1000));
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", s);
  return buf;
}

// What a Xapian error says, with the system's reason when it has one.
std::string reason(const Xapian::Error& e, const ShardOptions& options) {
  std::string why = e.get_msg();
  if (const char* system = e.get_error_string(); system && *system) why += std::string(" (") + system + ")";
  if (std::string(e.get_type()) == "NetworkTimeoutError")
    why += "; gave up after " + seconds_text(why.find("connect") != std::string::npos ? options.connect_timeout
                                                                                         : options.read_timeout);
  return why;
}

void collect(const fs::path& db, int depth, std::vector<ShardSpec>& out);

// A `remote` line's argument: HOST:PORT or :PROGRAM ARGS.
ShardSpec parse_remote(const std::string& rest, const std::string& where) {
  ShardSpec spec;
  if (rest[0] == ':') {
    spec.kind = ShardSpec::Kind::Program;
    const auto sp = rest.find(' ');
    spec.program = rest.substr(1, sp == std::string::npos ? std::string::npos : sp - 1);
    if (sp != std::string::npos) spec.args = rest.substr(sp + 1);
    if (spec.program.empty()) throw IndexError(where + ": 'remote :' needs a program");
    return spec;
  }
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos || colon + 1 == rest.size())
    throw IndexError(where + ": 'remote " + rest + "' needs HOST:PORT or :PROGRAM ARGS");
  spec.kind = ShardSpec::Kind::Tcp;
  spec.host = rest.substr(0, colon);
  if (spec.host.size() >= 2 && spec.host.front() == '[' && spec.host.back() == ']')
    spec.host = spec.host.substr(1, spec.host.size() - 2);
  const std::string port = rest.substr(colon + 1);
  unsigned long n = 0;
  for (const char c : port) {
    if (c < '0' || c > '9' || n > 65535) {
      n = 0;
      break;
    }
    n = n * 10 + static_cast<unsigned>(c - '0');
  }
  if (n == 0 || n > 65535) throw IndexError(where + ": '" + port + "' is not a port number");
  spec.port = static_cast<unsigned>(n);
  return spec;
}

// The stub's lines as Xapian reads them (backends/databasehelpers.h in Xapian 1.4).
void read_stub(const fs::path& stub, int depth, std::vector<ShardSpec>& out) {
  if (depth > kMaxStubDepth) throw IndexError(stub.string() + ": stubs nested too deep (a stub naming itself?)");
  std::string text;
  try {
    text = util::read_regular_file(stub.string(), kMaxStubBytes);
  } catch (const util::FileReadError& e) {
    throw IndexError(stub.string() + ": cannot read the stub: " + e.what());
  }
  std::istringstream in(text);
  const std::size_t first = out.size();
  const fs::path base = stub.parent_path();
  std::string line;
  unsigned line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.find(' ');
    const std::string type = line.substr(0, space);
    const std::string rest = space == std::string::npos ? std::string() : line.substr(space + 1);
    const std::string where = stub.string() + " line " + std::to_string(line_no);
    if (type == "auto" || type == "glass" || type == "chert") {
      if (rest.empty()) throw IndexError(where + ": '" + type + "' needs a path");
      fs::path p = rest;
      if (p.is_relative()) p = base / p;
      if (type != "auto") {
        ShardSpec spec;
        spec.path = p;
        spec.backend = type;
        out.push_back(spec);
        continue;
      }
      std::error_code ec;
      if (!fs::exists(p, ec)) throw IndexError(where + ": no database at " + p.string());
      collect(p, depth + 1, out);
    } else if (type == "remote" && !rest.empty()) {
      out.push_back(parse_remote(rest, where));
    } else {
      if (depth == 0 && out.size() == first && stub.filename() != kStubName)
        throw IndexError(stub.string() + ": not an index: a file that is not a stub listing shards either (line " +
                         std::to_string(line_no) +
                         ": not a shard line; use 'auto PATH', 'remote HOST:PORT' or 'remote :PROGRAM ARGS')");
      throw IndexError(where + ": not a shard line (use 'auto PATH', 'remote HOST:PORT' or 'remote :PROGRAM ARGS')");
    }
  }
}

void collect(const fs::path& db, int depth, std::vector<ShardSpec>& out) {
  std::error_code ec;
  if (is_plain_database(db)) {
    ShardSpec spec;
    spec.path = db;
    spec.backend = "auto";
    out.push_back(spec);
    return;
  }
  if (fs::is_directory(db, ec)) {
    const fs::path stub = db / kStubName;
    if (!fs::exists(stub, ec)) throw IndexError("no index at " + db.string() + ": run `iranidx build` first");
    std::vector<ShardSpec> inner;
    read_stub(stub, depth, inner);
    // An index directory made by iranidx: its stub names the one current generation;
    // the directory is the shard (and Xapian follows the stub when opening it).
    if (inner.size() == 1 && !inner[0].remote() && inner[0].path.parent_path() == db) {
      ShardSpec spec;
      spec.path = db;
      spec.backend = "auto";
      out.push_back(spec);
      return;
    }
    out.insert(out.end(), inner.begin(), inner.end());
    return;
  }
  if (fs::is_regular_file(db, ec)) {
    read_stub(db, depth, out);
    return;
  }
  throw IndexError("no index at " + db.string() + ": run `iranidx build` first");
}

fs::path cache_root() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x == '/') return fs::path(x) / "iransearch";
  if (const char* h = std::getenv("HOME"); h && *h == '/') return fs::path(h) / ".cache" / "iransearch";
  return fs::temp_directory_path() / ("iransearch-" + std::to_string(::getuid()));
}

}  // namespace

std::string ShardSpec::name() const {
  switch (kind) {
    case Kind::Tcp: return "remote:tcp(" + host + ":" + std::to_string(port) + ")";
    case Kind::Program: return "remote:prog(" + program + (args.empty() ? "" : " " + args) + ")";
    case Kind::Local: break;
  }
  return path.string();
}

std::vector<ShardSpec> shard_specs(const fs::path& db) {
  std::vector<ShardSpec> out;
  collect(db, 0, out);
  return out;
}

std::vector<ShardSpec> layout_home_specs(const fs::path& db) {
  std::vector<ShardSpec> out;
  std::error_code ec;
  if (!fs::is_regular_file(db, ec)) return out;
  std::string text;
  try {
    text = util::read_regular_file(db.string(), kMaxStubBytes);
  } catch (const util::FileReadError&) {
    return out;  // shard_specs has said what is wrong with it
  }
  std::istringstream in(text);
  std::string line;
  unsigned line_no = 0;
  constexpr std::string_view kLine = "# iranidx-layout: remote ";
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with(kLine) && line.size() > kLine.size())
      out.push_back(parse_remote(line.substr(kLine.size()), db.string() + " line " + std::to_string(line_no)));
  }
  return out;
}

Xapian::Database open_shard(const ShardSpec& spec, const ShardOptions& options) {
  switch (spec.kind) {
    case ShardSpec::Kind::Tcp:
      return Xapian::Remote::open(spec.host, spec.port, milliseconds(options.read_timeout),
                                  milliseconds(options.connect_timeout));
    case ShardSpec::Kind::Program:
      return Xapian::Remote::open(spec.program, spec.args, milliseconds(options.read_timeout));
    case ShardSpec::Kind::Local: break;
  }
  const int flags = spec.backend == "glass" ? Xapian::DB_BACKEND_GLASS
                    : spec.backend == "chert" ? Xapian::DB_BACKEND_CHERT : 0;
  return Xapian::Database(spec.path.string(), flags);
}

ShardMeta read_meta(const Xapian::Database& shard, bool ingest) {
  ShardMeta meta;
  meta.analyzer = shard.get_metadata(std::string(schema::kMetaAnalyzer));
  meta.schema = shard.get_metadata(std::string(schema::kMetaSchema));
  meta.gazetteer = shard.get_metadata(std::string(schema::kMetaGazetteer));
  meta.documents = shard.get_doccount();
  if (ingest) {
    meta.latest_ingest = index::latest_ingest_stamp(shard);
    meta.ingest_read = true;
  }
  meta.layout_shard = shard.get_metadata(std::string(schema::kMetaLayoutShard));
  if (!meta.layout_shard.empty()) meta.layout_state = shard.get_metadata(std::string(schema::kMetaLayoutState));
  return meta;
}

std::string check_shard(const std::string& name, const ShardMeta& meta, const std::string& first_gazetteer,
                        const std::string& first_name) {
  // An index with no version and no documents is a first build that has just begun.
  const bool empty = meta.documents == 0;
  // Made by a newer iranidx: its other versions say nothing this program can act on.
  if (schema::schema_age(meta.schema) == schema::SchemaAge::Newer)
    return schema::newer_schema_message(name, meta.schema, "program");
  if (meta.analyzer != text::kAnalyzerVersion && !(meta.analyzer.empty() && empty))
    return "the index at " + name + " was built by analyzer version '" + meta.analyzer +
           "', this iransearch needs '" + std::string(text::kAnalyzerVersion) + "': run `iranidx build` on it to update it";
  if (meta.schema != schema::kSchemaVersion && !(meta.schema.empty() && empty))
    return "the index at " + name + " has schema version '" + meta.schema + "', this iransearch needs '" +
           std::string(schema::kSchemaVersion) + "': run `iranidx build` on it to update it";
  if (!first_name.empty() && !empty && meta.gazetteer != first_gazetteer)
    return "the index at " + name + " was built with other gazetteer data (" +
           (meta.gazetteer.empty() ? "none" : meta.gazetteer) + ") than " + first_name + " (" + first_gazetteer +
           "): their facets and names would disagree; rebuild the shards with the same data";
  return {};
}

// A shard's discovered summary: for a local one, the cache folder's file of the revision
// opened when there is one, else the shard's (then noted in meta for keeping).
std::shared_ptr<const DiscoveredSummary> open_summary(const ShardSpec& spec, const Xapian::Database& db,
                                                      const fs::path& cache_dir, ShardMeta& meta) {
  meta.summary_to_keep.reset();
  if (cache_dir.empty()) return std::make_shared<const DiscoveredSummary>(DiscoveredSummary::of(db));
  if (spec.remote()) return remote_summary(db, cache_dir);
  TableStamp stamp = TableStamp::of(db, table_place(spec.path));
  if (auto mapped = load_summary_file(cache_dir, stamp)) return std::make_shared<const DiscoveredSummary>(std::move(*mapped));
  auto summary = std::make_shared<const DiscoveredSummary>(DiscoveredSummary::of(db));
  if (!summary->stored_value().empty()) meta.summary_to_keep = std::move(stamp);
  return summary;
}

constexpr int kOpenAttempts = 6;

void ShardSet::open_all(const std::vector<ShardSpec>& specs, std::vector<Xapian::Database>& dbs,
                        std::vector<ShardMeta>& metas, std::vector<std::string>& errors) const {
  const std::size_t n = specs.size();
  dbs.assign(n, Xapian::Database());
  metas.assign(n, ShardMeta());
  errors.assign(n, std::string());
  std::vector<char> opening_error(n, 0);
  auto one = [&](std::size_t i) {
    try {
      // A build committing twice while a local index is being opened overwrites blocks
      // of the revision being read: Xapian says DatabaseModifiedError or, reading a
      // table's root, DatabaseCorruptError ("Expected block N to be level 1"). Both are
      // the race, not damage: open the newer revision, a bounded number of times.
      for (int attempt = 1;; ++attempt) {
        try {
          dbs[i] = open_shard(specs[i], options_);
          metas[i] = read_meta(dbs[i], options_.read_ingest);
          if (options_.read_discovered) metas[i].discovered = open_summary(specs[i], dbs[i], options_.cache_dir, metas[i]);
          break;
        } catch (const Xapian::DatabaseModifiedError&) {
          if (attempt >= kOpenAttempts || specs[i].remote()) throw;
        } catch (const Xapian::DatabaseCorruptError&) {
          if (attempt >= kOpenAttempts || specs[i].remote()) throw;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
      }
    } catch (const Xapian::DatabaseOpeningError& e) {
      errors[i] = "cannot open the index at " + specs[i].name() + ": " + e.get_msg();
      opening_error[i] = 1;
    } catch (const Xapian::Error& e) {
      errors[i] = reason(e, options_);
    } catch (const std::exception& e) {
      errors[i] = e.what();
    }
  };
  if (n == 1) {
    one(0);
  } else {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < n; ++i) threads.emplace_back(one, i);
    for (auto& t : threads) t.join();
  }
  // A shard that is not there at all (a wrong path) is a mistake in the stub, never a
  // machine that is down: no --partial for it.
  for (std::size_t i = 0; i < n; ++i)
    if (opening_error[i]) throw IndexError(errors[i]);
}

ShardSet::ShardSet(const fs::path& db, const ShardOptions& options) : db_(db), options_(options) {
  // A fence naming a shard the stub does not list (a build added a shard, a new year),
  // or one a shard cannot reach (its generation was replaced), after the stub was read:
  // read it again; a stub that still lacks it (a remote stub written before) is searched
  // as it is.
  for (int attempt = 0; !open(db) && attempt < 2; ++attempt) {
    answering_.clear();
    opened_.clear();
    metas_.clear();
    report_ = ShardReport();
    any_remote_ = false;
    all_remote_ = true;
  }
}

PendingShards::PendingShards(const fs::path& db, const ShardOptions& options)
    : opening_(std::async(std::launch::async, [db, options] { return ShardSet(db, options); })) {
  // Reading the stub again here costs a few microseconds; a stub that does not parse is
  // reported by the opening, as before.
  try {
    const auto specs = shard_specs(db);
    names_remote_ = std::any_of(specs.begin(), specs.end(), [](const ShardSpec& s) { return s.remote(); });
  } catch (const std::exception&) {
    names_remote_ = false;
  }
}

ShardSet PendingShards::take() { return opening_.get(); }

ShardSet PendingShards::take(const entities::Gazetteer& gazetteer, const text::Analyzer& analyzer) {
  std::optional<Xapian::Database> catalog;
  if (names_remote_) try {
      catalog.emplace(synonym_catalog(gazetteer, analyzer).string());
    } catch (const std::exception&) {
      // Reported after the opening, as take() and use_synonym_catalog() would: a shard
      // that does not answer is said first.
      catalog.reset();
    }
  ShardSet shards = opening_.get();
  if (catalog) shards.use_synonym_catalog(*catalog);
  else shards.use_synonym_catalog(gazetteer, analyzer);
  return shards;
}

bool ShardSet::open(const fs::path& db) {
  const auto specs = shard_specs(db);
  if (specs.empty()) throw IndexError(db.string() + ": the stub names no shard");
  report_.asked = specs.size();
  // The layouts' homes, read beside the shards: their lists of shards.
  const auto homes = layout_home_specs(db);
  std::vector<std::string> home_lists(homes.size()), home_errors(homes.size());
  std::jthread home_reader;
  if (!homes.empty())
    home_reader = std::jthread([&] {
      for (std::size_t i = 0; i < homes.size(); ++i) try {
          home_lists[i] = open_shard(homes[i], options_).get_metadata(std::string(schema::kMetaLayoutShards));
        } catch (const Xapian::Error& e) {
          home_errors[i] = reason(e, options_);
        }
    });
  std::vector<Xapian::Database> dbs;
  std::vector<ShardMeta> metas;
  std::vector<std::string> errors;
  open_all(specs, dbs, metas, errors);
  if (home_reader.joinable()) home_reader.join();
  std::string first_gazetteer, first_name;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto& spec = specs[i];
    any_remote_ = any_remote_ || spec.remote();
    all_remote_ = all_remote_ && spec.remote();
    if (!errors[i].empty()) {
      // Unreachable, refused, timed out, or the connection broke.
      if (!options_.partial || specs.size() == 1)
        throw IndexError("shard " + spec.name() + " did not answer: " + errors[i] +
                         (specs.size() > 1 ? " (--partial answers from the other shards)" : ""));
      report_.missing.push_back(spec.name());
      report_.missing_why.push_back(errors[i]);
      continue;
    }
    if (const auto problem = check_shard(spec.name(), metas[i], first_gazetteer, first_name); !problem.empty())
      throw IndexError(problem);
    if (first_name.empty() && metas[i].documents > 0) {
      first_gazetteer = metas[i].gazetteer;
      first_name = spec.name();
    }
    answering_.push_back(spec);
    opened_.push_back(dbs[i]);
    metas_.push_back(metas[i]);
  }
  if (answering_.empty()) throw IndexError("no shard of " + db.string() + " answered");
  report_.answered = answering_.size();
  check_coverage(homes, home_lists, home_errors);
  const bool settled = settle();
  assemble();
  return settled;
}

void ShardSet::check_coverage(const std::vector<ShardSpec>& homes, const std::vector<std::string>& lists,
                              const std::vector<std::string>& errors) {
  std::set<std::string> listed;
  for (const auto& meta : metas_)
    if (!meta.layout_shard.empty()) listed.insert(meta.layout_shard);
  for (std::size_t i = 0; i < homes.size(); ++i) {
    if (!errors[i].empty()) {
      if (options_.partial) continue;
      throw IndexError("the layout's home " + homes[i].name() + " did not answer: " + errors[i] +
                       " (it says which shards the layout has; --partial answers without asking it)");
    }
    std::vector<std::string> unlisted;
    std::istringstream names(lists[i]);
    for (std::string name; names >> name;)
      if (!listed.count(name)) unlisted.push_back(name);
    // A shard that did not answer cannot be told from one the stub lacks.
    if (unlisted.empty() || !report_.missing.empty()) continue;
    std::string joined;
    for (const auto& n : unlisted) joined += (joined.empty() ? "" : ", ") + n;
    const std::string fix = "run `scripts/serve-shards update` where the layout is served";
    const std::string why = "not in the stub: added to the layout since the stub was written; " + fix;
    if (!options_.partial)
      throw IndexError("the stub leaves out shard" + std::string(unlisted.size() > 1 ? "s " : " ") + joined +
                       " of the layout served at " + homes[i].name() + ", added since the stub was written (" + fix +
                       "; --partial answers from the shards it lists)");
    for (const auto& n : unlisted) {
      report_.missing.push_back("layout:" + n);
      report_.missing_why.push_back(why);
      ++report_.asked;
    }
  }
}

bool ShardSet::settle() {
  std::vector<std::string> unknown;
  std::map<std::string, ShardState> states;
  // Each round reopens what a fence says was opened too early; revisions only grow and
  // a build's steps are few, so a handful of rounds is plenty (more: a build keeps
  // committing; the state reached is still one the writer passed through, but for the
  // fences of its newest commits).
  // A shard that a fence wants newer but that has no newer revision: its generation was
  // replaced (a compacted year copied before a build wrote it, index/layout_compact.h)
  // after the stub was read. Read the stub again.
  bool replaced = false;
  for (int round = 0; round < 8 && !replaced; ++round) {
    states.clear();
    unknown.clear();
    for (const auto& meta : metas_)
      if (!meta.layout_shard.empty()) states[meta.layout_shard] = ShardState::decode(meta.layout_state);
    const auto stale = stale_shards(states, &unknown);
    if (stale.empty()) break;
    for (std::size_t i = 0; i < opened_.size(); ++i)
      if (std::find(stale.begin(), stale.end(), metas_[i].layout_shard) != stale.end()) {
        for (int attempt = 0;; ++attempt) {
          try {
            if (!opened_[i].reopen()) replaced = true;
            ++changes_;
            metas_[i] = read_meta(opened_[i], options_.read_ingest);
            break;
          } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 8) throw;
          }
        }
      }
  }
  std::vector<ShardState> all;
  for (const auto& [name, state] : states) all.push_back(state);
  const auto terms = hidden_terms(all);
  hidden_ = terms.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  return unknown.empty() && !replaced;
}

Xapian::Query ShardSet::visible(const Xapian::Query& query) const {
  return hidden_.empty() ? query : Xapian::Query(Xapian::Query::OP_AND_NOT, query, hidden_);
}

void ShardSet::assemble() {
  combined_ = Xapian::Database();
  for (const auto& shard : opened_) combined_.add_database(shard);
  parser_ = Xapian::Database();
  parser_.add_database(combined_);
  if (has_catalog_) parser_.add_database(catalog_);
}

void ShardSet::use_synonym_catalog(const entities::Gazetteer& gazetteer, const text::Analyzer& analyzer) {
  if (!any_remote_ || has_catalog_) return;
  catalog_ = Xapian::Database(synonym_catalog(gazetteer, analyzer).string());
  has_catalog_ = true;
  assemble();
}

void ShardSet::use_synonym_catalog(const Xapian::Database& catalog) {
  if (!any_remote_ || has_catalog_) return;
  catalog_ = catalog;
  has_catalog_ = true;
  assemble();
}

std::string ShardSet::latest_ingest_stamp() {
  if (std::any_of(metas_.begin(), metas_.end(), [](const ShardMeta& m) { return !m.ingest_read; }))
    for_each_shard([&](std::size_t i, const Xapian::Database& shard) {
      if (metas_[i].ingest_read) return;
      metas_[i].latest_ingest = index::latest_ingest_stamp(shard);
      metas_[i].ingest_read = true;
    });
  std::string latest;
  for (const auto& meta : metas_) latest = std::max(latest, meta.latest_ingest);
  return latest;
}

void ShardSet::for_each_shard(const std::function<void(std::size_t, const Xapian::Database&)>& fn) const {
  const std::size_t n = opened_.size();
  const auto remote = std::count_if(answering_.begin(), answering_.end(), [](const ShardSpec& s) { return s.remote(); });
  if (remote < 2) {
    for (std::size_t i = 0; i < n; ++i) fn(i, opened_[i]);
    return;
  }
  // Each thread uses its own shard's connection only; the combined database, which
  // shares them, is not used meanwhile.
  std::vector<std::exception_ptr> failed(n);
  {
    std::vector<std::jthread> threads;
    threads.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      threads.emplace_back([&, i] {
        try {
          fn(i, opened_[i]);
        } catch (...) {
          failed[i] = std::current_exception();
        }
      });
  }
  for (const auto& e : failed)
    if (e) std::rethrow_exception(e);
}

std::vector<Xapian::Document> ShardSet::documents(const std::vector<Xapian::docid>& docids) const {
  // Xapian numbers the documents of a combination round robin over its databases: docid
  // d is document (d - 1) / N + 1 of database (d - 1) % N, N the number of databases
  // (a shard opened from a stub of several counts as several).
  std::vector<std::size_t> first(opened_.size() + 1, 0);
  for (std::size_t i = 0; i < opened_.size(); ++i) first[i + 1] = first[i] + opened_[i].size();
  const std::size_t total = first.back();
  std::vector<Xapian::Document> out(docids.size());
  std::vector<std::vector<std::size_t>> wanted(opened_.size());  // positions in docids
  for (std::size_t k = 0; k < docids.size(); ++k) {
    if (docids[k] == 0 || total == 0) throw Xapian::InvalidArgumentError("Document ID 0 is invalid");
    const std::size_t flat = (docids[k] - 1) % total;
    const auto shard = static_cast<std::size_t>(std::upper_bound(first.begin(), first.end(), flat) - first.begin() - 1);
    wanted[shard].push_back(k);
  }
  for_each_shard([&](std::size_t i, const Xapian::Database& shard) {
    const std::size_t size = opened_[i].size();
    for (const std::size_t k : wanted[i]) {
      const Xapian::docid d = docids[k] - 1;
      const auto sub = static_cast<Xapian::docid>(d / total);
      const auto which = static_cast<Xapian::docid>(d % total - first[i]);
      out[k] = shard.get_document(sub * static_cast<Xapian::docid>(size) + which + 1);
    }
  });
  return out;
}

bool ShardSet::reopen() {
  bool changed = false;
  for (std::size_t i = 0; i < opened_.size(); ++i) {
    if (!opened_[i].reopen()) continue;
    changed = true;
    ++changes_;
    metas_[i] = read_meta(opened_[i], options_.read_ingest);
  }
  settle();
  assemble();
  return changed;
}

bool ShardSet::drop_failed_shards(const std::string& error) {
  // Connections that were mid-reply when one shard failed are out of step: open every
  // shard afresh and see which ones still answer.
  std::vector<Xapian::Database> dbs;
  std::vector<ShardMeta> metas;
  std::vector<std::string> errors;
  open_all(answering_, dbs, metas, errors);
  std::vector<ShardSpec> still;
  std::vector<Xapian::Database> reopened;
  std::vector<ShardMeta> still_metas;
  std::vector<std::string> failed, why;
  ++changes_;
  for (std::size_t i = 0; i < answering_.size(); ++i) {
    if (errors[i].empty()) {
      still.push_back(answering_[i]);
      reopened.push_back(dbs[i]);
      still_metas.push_back(metas[i]);
    } else {
      failed.push_back(answering_[i].name());
      why.push_back(errors[i]);
    }
  }
  if (failed.empty()) {
    // Every shard answers again: a passing hiccup. Search once more on fresh connections.
    // Once: the same failure again is the search's own (a reply slower than --timeout).
    if (++retries_ > 1) throw IndexError("a shard of " + db_.string() + " failed during the search: " + error);
    opened_ = reopened;
    metas_ = metas;
    settle();
    assemble();
    return true;
  }
  if (!options_.partial || still.empty()) {
    std::string message = "shard " + failed[0] + " did not answer: " + why[0];
    for (std::size_t i = 1; i < failed.size(); ++i) message += "; shard " + failed[i] + ": " + why[i];
    if (!options_.partial && !still.empty()) message += " (--partial answers from the other shards)";
    throw IndexError(message);
  }
  answering_ = still;
  opened_ = reopened;
  metas_ = still_metas;
  settle();
  for (std::size_t i = 0; i < failed.size(); ++i) {
    report_.missing.push_back(failed[i]);
    report_.missing_why.push_back(why[i]);
  }
  report_.answered = answering_.size();
  assemble();
  return true;
}

fs::path synonym_catalog(const entities::Gazetteer& gazetteer, const text::Analyzer& analyzer) {
  const fs::path root = cache_root();
  const fs::path path = root / ("synonyms-c2-a" + std::string(text::kAnalyzerVersion) + "-" + gazetteer_fingerprint(gazetteer));
  if (is_plain_database(path)) return path;
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) throw IndexError(root.string() + ": cannot create the cache folder for the synonym catalog: " + ec.message());
  // Made beside its final name and renamed into place: a concurrent search sees no
  // half-written catalog, and the loser of a race throws its copy away.
  std::random_device random;
  const fs::path temp = root / (".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  try {
    Xapian::WritableDatabase out(temp.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    write_synonyms(out, gazetteer, analyzer);
    out.set_metadata(std::string(schema::kMetaGazetteer), gazetteer_fingerprint(gazetteer));
    out.commit();
    out.close();
  } catch (const Xapian::Error& e) {
    fs::remove_all(temp, ec);
    throw IndexError(temp.string() + ": cannot write the synonym catalog: " + e.get_msg());
  }
  fs::rename(temp, path, ec);
  if (ec) fs::remove_all(temp, ec);
  if (!is_plain_database(path)) throw IndexError(path.string() + ": cannot write the synonym catalog");
  return path;
}

}  // namespace iran::index
