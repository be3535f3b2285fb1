// One search over many shards: local index directories and Xapian remote servers
// (stock `xapian-tcpsrv` / `xapian-progsrv`), listed in Xapian's own stub format:
//
//   auto PATH             a local database, index directory or another stub (relative
//                         paths are relative to the stub's folder)
//   glass PATH / chert PATH
//   remote HOST:PORT      a shard served by xapian-tcpsrv
//   remote :PROG ARGS     a shard served by a program speaking the remote protocol on its
//                         stdin/stdout, e.g. `remote :ssh host xapian-progsrv /srv/idx`
//
// Xapian opens such a stub by itself, but then every shard shares Xapian's 10 s
// timeouts, a shard that fails is not named, only the first shard's metadata is seen
// and remote shards serve no synonyms. So the project reads the stub itself: each
// shard is opened on its own with the project's timeouts, checked (analyzer, schema,
// gazetteer) and named in every message, and the combined database is assembled with
// add_database() in stub order, exactly as Xapian would.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "index/facet_table.h"  // TableStamp

namespace iran::entities { class Gazetteer; }
namespace iran::text { class Analyzer; }

namespace iran::index {

class DiscoveredSummary;  // index/discovered_summary.h

struct ShardSpec {
  enum class Kind { Local, Tcp, Program };
  Kind kind = Kind::Local;
  std::filesystem::path path;  // Local: the database or index directory
  std::string host;            // Tcp
  unsigned port = 0;
  std::string program, args;   // Program
  std::string backend;         // Local: "auto", "glass" or "chert"
  // How messages name the shard: the path, or Xapian's own description of a remote
  // ("remote:tcp(127.0.0.1:7001)", "remote:prog(ssh host xapian-progsrv /srv/idx)").
  std::string name() const;
  bool remote() const { return kind != Kind::Local; }
};

// The shards behind `db`: a stub file, a directory holding a stub (XAPIANDB) or a plain
// database. Stubs naming stubs are followed down to their leaves, so every leaf is
// checked on its own; an index directory made by iranidx counts as one leaf (its
// generation stub names one database). Throws IndexError naming the stub and line.
std::vector<ShardSpec> shard_specs(const std::filesystem::path& db);

// The homes of the layouts a stub file's shards come from, served beside them: lines
// `# iranidx-layout: remote HOST:PORT` (comments to Xapian), which scripts/serve-shards
// writes. A search reads each home's list of shards (index/schema.h: kMetaLayoutShards)
// to find shards the layout has and the stub does not list (a year added since).
std::vector<ShardSpec> layout_home_specs(const std::filesystem::path& db);

struct ShardOptions {
  // Remote shards only. A machine on a network answers a connect within milliseconds;
  // 2 s leaves room for a loaded one, where Xapian's 10 s default would stall every
  // search for 10 s per machine that is down. The read timeout bounds one reply: an
  // exhaustive count over a few million articles takes seconds, not tens of seconds.
  double connect_timeout = 2.0;
  double read_timeout = 20.0;
  // Answer from the shards that respond instead of failing when one does not.
  bool partial = false;
  // Also read each shard's discovered officials when it is opened (ShardMeta::discovered),
  // for a search that labels facets: a search run from the command line opens the
  // shards while it loads the gazetteer (PendingShards), so the lists come in meanwhile.
  bool read_discovered = false;
  // Also read each shard's newest ingest stamp when it is opened (a request per remote
  // shard, one after the shard's other metadata). Only `--new` reports the stamp: a
  // search that does not leaves it for latest_ingest_stamp() to ask when called.
  bool read_ingest = true;
  // With read_discovered: the cache folder (app::table_cache_dir) a local shard's stored
  // summary of the revision opened is mapped from, when it holds it
  // (index/summary_file.h); none when empty.
  std::filesystem::path cache_dir;
};

// What a shard says about itself, read once when it is opened.
struct ShardMeta {
  std::string analyzer, schema, gazetteer;
  Xapian::doccount documents = 0;
  std::string layout_shard;  // its name in a layout iranidx made ("2021"), else empty
  std::string layout_state;  // the cross-shard commit state (index/shard_state.h)
  std::string latest_ingest;  // its newest ingest stamp (index/ingest.h), "" when empty
  // With ShardOptions::read_discovered, the discovered officials of the revision opened
  // (DiscoveredSummary::of: its stored summary, else its terms); empty otherwise and once
  // the shard was reopened.
  std::shared_ptr<const DiscoveredSummary> discovered;
  // Set when `discovered` was read from a local shard's stored key while a cache folder
  // was given: the revision it is of, for the file that spares the next process the
  // read (Searcher::keep_facet_table).
  std::optional<TableStamp> summary_to_keep;
  bool ingest_read = false;  // latest_ingest was read (ShardOptions::read_ingest)
};
struct ShardReport {
  std::size_t asked = 0, answered = 0;
  std::vector<std::string> missing;        // names of shards that did not answer
  std::vector<std::string> missing_why;    // parallel: what went wrong
};

// The opened, checked shards and their combination.
class ShardSet {
 public:
  // Throws IndexError naming the shard that is missing, unreachable, timed out or built
  // by another analyzer, schema or gazetteer (with options.partial, unreachable shards
  // are left out and reported instead; a version mismatch is never skipped).
  ShardSet(const std::filesystem::path& db, const ShardOptions& options);

  // All answering shards in stub order: what Enquire searches.
  const Xapian::Database& database() const { return combined_; }
  // For the QueryParser: the shards plus, when any shard is remote, a local catalog of
  // the gazetteer's synonyms (remote shards serve none), so names expand the same way
  // over any layout. Never give this one to Enquire (it would shift docids).
  const Xapian::Database& parser_database() const { return parser_; }

  bool any_remote() const { return any_remote_; }
  bool all_remote() const { return all_remote_; }
  const ShardReport& report() const { return report_; }
  const std::vector<ShardSpec>& answering() const { return answering_; }
  // The answering shards one by one, in stub order: database() is their combination.
  const std::vector<Xapian::Database>& shard_databases() const { return opened_; }
  const std::vector<ShardMeta>& shard_metas() const { return metas_; }  // parallel to it

  // The newest ingest stamp of any shard (what latest_ingest_stamp(database()) says),
  // read with each shard's metadata when it was opened (no round trip per search), or,
  // opened without ShardOptions::read_ingest, asked of every shard at once on the first
  // call and kept.
  std::string latest_ingest_stamp();

  // Runs fn(i, shard_databases()[i]) for every shard: all at once, a thread each, when
  // two or more are remote (then a request to every shard costs one round trip's time,
  // where Xapian's combined database asks them one after another), else in turn. The
  // first exception thrown (in shard order) is rethrown as it was, once all are done.
  void for_each_shard(const std::function<void(std::size_t, const Xapian::Database&)>& fn) const;

  // The documents of database()'s `docids`, in that order, each read from its shard,
  // the shards at once (for_each_shard). Xapian 1.4's MSet::fetch() and get_document()
  // ask remote shards for one document at a time.
  std::vector<Xapian::Document> documents(const std::vector<Xapian::docid>& docids) const;

  // Called when a search failed with a network error: finds which shards no longer
  // answer; with `partial` drops them and returns true (search again), otherwise
  // throws IndexError naming them.
  bool drop_failed_shards(const std::string& error);

  // Makes the synonym catalog for remote layouts (see parser_database()).
  void use_synonym_catalog(const entities::Gazetteer& gazetteer, const text::Analyzer& analyzer);
  // The same with the catalog already open (synonym_catalog(), found meanwhile by
  // PendingShards::take); ignored when no shard is remote.
  void use_synonym_catalog(const Xapian::Database& catalog);

  // Moves every shard to its newest revision; true when any had one.
  bool reopen();
  // How many times the shards searched changed since opening (one reopened at a newer
  // revision, reconnected or dropped): what was read of them is current while this
  // stays the same (a remote shard's server keeps the revision it opened until asked).
  std::size_t changes() const { return changes_; }

  // `query` without the copies of articles a build is moving between shards of a
  // layout at this moment (index/shard_state.h): each article counts once.
  Xapian::Query visible(const Xapian::Query& query) const;
  // Whether some article is in flight between shards now (visible() hides something).
  bool moving() const { return !hidden_.empty(); }

 private:
  void assemble();
  // Brings the opened shards of a layout to one state the writer passed through
  // (reopening those its fences say were opened too early) and finds what to hide.
  // False when a fence names a shard this set does not hold (the stub is older).
  bool settle();
  bool open(const std::filesystem::path& db);  // false: settle() found a shard it lacks
  // Shards a layout's home lists and the stub does not (an error, or with `partial`
  // reported missing); a home that does not answer is an error unless `partial`.
  void check_coverage(const std::vector<ShardSpec>& homes, const std::vector<std::string>& lists,
                      const std::vector<std::string>& errors);
  // Opens (and reads the metadata of) every spec at once, one thread each: a layout of
  // N machines costs one connection time, not N. Failures are left in `errors`.
  void open_all(const std::vector<ShardSpec>& specs, std::vector<Xapian::Database>& dbs,
                std::vector<ShardMeta>& metas, std::vector<std::string>& errors) const;

  std::filesystem::path db_;
  ShardOptions options_;
  std::vector<ShardSpec> answering_;
  std::vector<Xapian::Database> opened_;
  std::vector<ShardMeta> metas_;  // parallel to opened_
  Xapian::Query hidden_;          // OR of the terms to hide, empty when none
  Xapian::Database combined_, parser_, catalog_;
  bool any_remote_ = false, all_remote_ = true;
  bool has_catalog_ = false;
  int retries_ = 0;
  std::size_t changes_ = 0;
  ShardReport report_;
};

// A ShardSet opened on a thread of its own, started at once: connecting to remote shards
// (each connection makes the server fork a process that opens its database) goes on
// while the program does its own start-up (the gazetteer, the analyzer), instead of
// after it. take() waits for it and throws what the ShardSet constructor threw.
class PendingShards {
 public:
  PendingShards(const std::filesystem::path& db, const ShardOptions& options);
  ShardSet take();
  // take() for a search: when the stub names a remote shard, the synonym catalog is found
  // (its key, the gazetteer's fingerprint, costs about 0.5 ms, and the catalog is opened)
  // while the shards are still opening, instead of once they are open. The same
  // ShardSet, with the same catalog, as take() then use_synonym_catalog() give.
  ShardSet take(const entities::Gazetteer& gazetteer, const text::Analyzer& analyzer);

 private:
  std::future<ShardSet> opening_;
  bool names_remote_ = false;  // the stub lists a remote shard (read at once, cheaply)
};

// Opens one shard with the given timeouts; throws Xapian errors as Xapian does.
Xapian::Database open_shard(const ShardSpec& spec, const ShardOptions& options);

// `ingest`: also the newest ingest stamp (a request of its own to a remote shard).
ShardMeta read_meta(const Xapian::Database& shard, bool ingest = true);

// Checks one shard's metadata against this program (analyzer, schema) and against the
// first shard with documents (gazetteer); returns what is wrong, naming the shard, or ""
// when it fits.
std::string check_shard(const std::string& name, const ShardMeta& meta, const std::string& first_gazetteer,
                        const std::string& first_name);

// The synonym catalog for a gazetteer and analyzer: a small local database under the
// user's cache directory ($XDG_CACHE_HOME/iransearch, else ~/.cache/iransearch, else
// the temporary folder), made once per gazetteer fingerprint and analyzer version.
std::filesystem::path synonym_catalog(const entities::Gazetteer& gazetteer, const text::Analyzer& analyzer);

}  // namespace iran::index
