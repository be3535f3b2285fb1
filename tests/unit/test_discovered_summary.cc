// The discovered officials' summary a writer stores with every commit
// (index/discovered_summary.h): equal to the one the terms give after every kind of
// change a build makes, refused when damaged or of another version, and searches that
// read it answer exactly as searches that read the terms.
#include <doctest/doctest.h>
#include <xapian.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "entities/gazetteer.h"
#include "index/compact.h"
#include "index/discovered.h"
#include "index/discovered_summary.h"
#include "index/layout.h"
#include "index/layout_compact.h"
#include "index/schema.h"
#include "index/searcher.h"
#include "index/store.h"
#include "index/target.h"
#include "index/writer.h"
#include "text/analyzer.h"
#include "util/strings.h"

namespace fs = std::filesystem;
using namespace iran;

namespace {

const entities::Gazetteer& gazetteer() {
  static const entities::Gazetteer g = entities::Gazetteer::load(entities::find_data_dir());
  return g;
}
const text::Analyzer& analyzer() {
  static const text::Analyzer a;
  return a;
}

const char* kEnAraji =
    "Iraq and Iran agree on border security\n\nBAGHDAD (Reuters) - Iraqi Interior Minister Qasim al-Araji met Iranian "
    "officials in Tehran on Sunday to discuss border security. Araji said the two countries would work together.\n\n"
    "Separately, Lebanese Health Minister Hassan Ghandour said hospitals were ready.\n";
const char* kArAraji =
    "العراق وإيران يبحثان أمن الحدود\n\nبغداد - التقى وزير الداخلية العراقي قاسم الأعرجي في طهران يوم الأحد مسؤولين "
    "إيرانيين لبحث أمن الحدود، وقال الأعرجي إن البلدين سيعملان معا.\n\nمن جهة أخرى، قال وزير الصحة اللبناني حسين غندور "
    "إن المستشفيات جاهزة.\n";
const char* kEnGhani = "Oil output talks\n\nIraqi Oil Minister Hayan Abdul Ghani said output would rise next month.\n";
const char* kArGhani = "محادثات الإنتاج النفطي\n\nقال وزير النفط الكويتي حيان عبد الغني إن الإنتاج سيرتفع الشهر المقبل.\n";
const char* kEnOther =
    "Talks in Amman\n\nJordanian Interior Minister Mazen al-Faraya said on Tuesday that the border would reopen.\n";

struct Fixture {
  fs::path dir;
  fs::path corpus = dir / "corpus", db = dir / "index";
  explicit Fixture(const std::string& name = "a")
      : dir(fs::temp_directory_path() / ("iran-summary-" + std::to_string(::getpid()) + "-" + name)) {
    fs::remove_all(dir);
    fs::create_directories(corpus);
  }
  ~Fixture() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text, const std::string& date = "") {
    std::ofstream(corpus / name) << text;
    if (!date.empty()) std::ofstream(corpus / (name + ".meta")) << "date: " << date << "\n";
  }
  index::BuildReport build(const std::string& shards = "", std::function<void(const std::string&)> hook = {},
                           bool full = false) {
    index::BuildOptions options;
    options.corpus = corpus;
    options.db = db;
    options.full = full;
    if (!shards.empty()) options.shards = index::ShardScheme::parse(shards);
    options.after_shard_commit = std::move(hook);
    return index::build_index(options, gazetteer(), analyzer());
  }
};

// Every database searchers open: the index's current generation, or each shard's.
std::vector<Xapian::Database> databases(const fs::path& db) {
  std::vector<Xapian::Database> out;
  if (index::is_layout(db)) {
    const auto layout = index::read_layout(db);
    for (const auto& s : layout->shards) out.emplace_back(s.generation.string());
  } else {
    out.emplace_back(index::current_generation(db)->string());
  }
  return out;
}

// The stored summary is there and is the one the terms give, byte for byte.
void check_stored(const fs::path& db) {
  for (const auto& d : databases(db)) {
    CAPTURE(d.get_description());
    const std::string stored = d.get_metadata(std::string(schema::kMetaDiscovered));
    REQUIRE_FALSE(stored.empty());
    CHECK(stored == index::discovered_summary_of_terms(d));
    CHECK(index::check_discovered_summary(d) == index::SummaryState::Matches);
    // Its print beside it, by the same commit, with the figures of the database it is of.
    const std::string print = d.get_metadata(std::string(schema::kMetaDiscoveredPrint));
    CHECK(print == index::discovered_summary_print(stored, d));
    const auto summary = index::DiscoveredSummary::stored(d);
    REQUIRE(summary);
    CHECK(summary->from_key());
    CHECK(index::trusted_summary_print(print, d) == util::hex64(summary->fingerprint()));
  }
}

std::string show(const std::map<std::string, index::DiscoveredInfo>& m) {
  std::string out;
  for (const auto& [id, i] : m) out += id + "|" + i.name + "|" + i.role + "|" + i.country + "|" + std::to_string(i.articles) + "\n";
  return out;
}

// What a search answers that the discovered officials decide: totals, facets, labels,
// merged IDs, the hits' officials.
std::string answers(const fs::path& db, const std::vector<std::string>& officials = {}) {
  index::Searcher searcher(db, gazetteer(), analyzer());
  index::SearchRequest r;
  r.want_facets = true;
  r.limit = 50;
  r.officials = officials;
  const auto result = searcher.search(r);
  std::ostringstream out;
  out << result.total << "\n";
  for (const auto& n : result.notes) out << "note " << n << "\n";
  for (const auto& f : result.facets)
    for (const auto& v : f.values) {
      out << f.name << " " << v.value << " " << v.label << " " << v.count << " " << v.discovered;
      for (const auto& m : v.merged_ids) out << " " << m;
      out << "\n";
    }
  for (const auto& h : result.hits) {
    out << h.fields.path;
    for (std::size_t i = 0; i < h.fields.officials.size(); ++i)
      out << " " << h.fields.officials[i] << "=" << (i < h.official_names.size() ? h.official_names[i] : "");
    out << "\n";
  }
  return out.str();
}

// The same answers with every database's summary replaced by `value` ("" removes it).
void set_summaries(const fs::path& db, const std::string& value) {
  std::vector<fs::path> paths;
  if (index::is_layout(db)) {
    const auto layout = index::read_layout(db);
    for (const auto& s : layout->shards) paths.push_back(s.generation);
  } else {
    paths.push_back(*index::current_generation(db));
  }
  for (const auto& p : paths) {
    Xapian::WritableDatabase w(p.string(), Xapian::DB_OPEN);
    w.set_metadata(std::string(schema::kMetaDiscovered), value);
    w.set_metadata(std::string(schema::kMetaDiscoveredPrint), index::discovered_summary_print(value, w));
    w.commit();
  }
}

void write_corpus(Fixture& f) {
  f.write("en-araji.txt", kEnAraji, "2021-03-04");
  f.write("ar-araji.txt", kArAraji, "2022-05-06");
  f.write("en-ghani.txt", kEnGhani, "2021-07-08");
  f.write("ar-ghani.txt", kArGhani);
}

}  // namespace

TEST_CASE("Xapian's all-terms list of a WritableDatabase sees documents not yet committed, with their counts") {
  // What the writer relies on to summarize a database as its next commit will leave it.
  Fixture f;
  Xapian::WritableDatabase w((f.dir / "w").string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
  entities::DiscoveredOfficial d;
  d.id = "qasim-al-araji";
  d.name = "Qasim al-Araji";
  d.role = "Interior Minister";
  d.country = "IQ";
  for (int i = 0; i < 3; ++i) {
    Xapian::Document doc;
    doc.add_boolean_term(index::discovered_term(d));
    doc.add_boolean_term(std::string(schema::kOfficialPrefix) + d.id);
    w.add_document(doc);
  }
  w.commit();
  Xapian::Document more;
  more.add_boolean_term(index::discovered_term(d));
  more.add_boolean_term(std::string(schema::kOfficialPrefix) + d.id);
  w.add_document(more);
  w.delete_document(1);
  w.delete_document(2);
  const auto t = index::discovered_tally(w);  // 2 articles: 4 added, 2 deleted, uncommitted
  CHECK(t.names.at("qasim-al-araji").at("Qasim al-Araji") == 2);
  CHECK(t.articles.at("qasim-al-araji") == 2);
  w.delete_document(3);
  w.delete_document(4);
  CHECK(index::discovered_tally(w).names.empty());
}

TEST_CASE("the summary a build stores equals the terms' after a build, an add, a replace, a deletion and a rename") {
  Fixture f;
  write_corpus(f);
  f.build();
  check_stored(f.db);
  const auto s = index::DiscoveredSummary::stored(databases(f.db).front());
  REQUIRE(s);
  CHECK(show(s->officials()) == show(index::discovered_officials(databases(f.db).front())));
  CHECK(s->officials().count("qasim-al-araji"));
  // Every spelling's keys, as the join derives them.
  for (const auto& [id, names] : s->tally().names)
    for (const auto& [name, n] : names) {
      index::NameJoinKeys stored;
      REQUIRE(s->keys_of(name, stored));
      CHECK(stored == index::name_join_keys(name));
    }

  f.write("en-other.txt", kEnOther);  // an add
  CHECK(f.build().added == 1);
  check_stored(f.db);
  CAPTURE(show(index::DiscoveredSummary::stored(databases(f.db).front())->officials()));
  CHECK(index::DiscoveredSummary::stored(databases(f.db).front())->officials().count("mazen-al-faraya"));

  // A replace that changes a discovered name: the old one is gone from the summary.
  f.write("en-other.txt", "Talks in Amman\n\nJordanian Health Minister Firas al-Hawari said the hospitals were ready.\n");
  CHECK(f.build().updated == 1);
  check_stored(f.db);
  const auto after = index::DiscoveredSummary::stored(databases(f.db).front())->officials();
  CAPTURE(show(after));
  CHECK_FALSE(after.count("mazen-al-faraya"));
  CHECK(after.count("firas-al-hawari"));

  fs::remove(f.corpus / "en-ghani.txt");  // a deletion
  CHECK(f.build().deleted == 1);
  check_stored(f.db);
  CHECK_FALSE(index::DiscoveredSummary::stored(databases(f.db).front())->officials().count("hayan-abdul-ghani"));

  fs::rename(f.corpus / "ar-ghani.txt", f.corpus / "ar-ghani-2.txt");  // a rename
  CHECK(f.build().moved == 1);
  check_stored(f.db);

  // A no-op build commits nothing (the summary is there).
  const auto revision = databases(f.db).front().get_revision();
  CHECK_FALSE(f.build().changed());
  CHECK(databases(f.db).front().get_revision() == revision);
}

TEST_CASE("a full rebuild ends compacted with its summary; an index without one gets it at the next build") {
  Fixture f;
  write_corpus(f);
  f.build();
  f.build("", {}, true);  // --full: a new generation, compacted
  check_stored(f.db);
  // An index made before summaries were stored: searched from its terms, the same
  // answers; the next build, even with nothing to do, stores the summary.
  const std::string with = answers(f.db);
  set_summaries(f.db, "");
  CHECK(index::check_discovered_summary(databases(f.db).front()) == index::SummaryState::Missing);
  CHECK(answers(f.db) == with);
  CHECK_FALSE(f.build().changed());
  check_stored(f.db);
  CHECK(answers(f.db) == with);
}

TEST_CASE("a damaged summary, one of another format or analyzer, is refused and the terms are read") {
  Fixture f;
  write_corpus(f);
  f.build();
  const auto d = databases(f.db).front();
  const std::string good = d.get_metadata(std::string(schema::kMetaDiscovered));
  REQUIRE(index::DiscoveredSummary::decode(good));
  const std::string with = answers(f.db);
  const std::string with_official = answers(f.db, {"قاسم الأعرجي"});
  CHECK(with.find("Qasim al-Araji (قاسم الأعرجي)") != std::string::npos);

  std::vector<std::string> bad;
  std::string flipped = good;
  flipped[flipped.size() / 2] ^= 0x01;
  bad.push_back(flipped);                                // a byte changed
  bad.push_back(good.substr(0, good.size() - 3));        // cut short
  bad.push_back(good + "x");                             // something after it
  bad.push_back("garbage");
  std::string version = good;
  version[std::string_view("iran.discovered/").size()] = 2;               // format 2: unknown
  bad.push_back(version);
  std::string other = index::encode_discovered_summary(index::discovered_tally(d), {});
  const auto at = other.find(std::string(text::kAnalyzerVersion));
  REQUIRE(at != std::string::npos);
  other[at] = 'z';                                        // another analyzer's keys
  bad.push_back(other);
  for (const auto& value : bad) {
    CHECK_FALSE(index::DiscoveredSummary::decode(value));
    set_summaries(f.db, value);
    CHECK(index::check_discovered_summary(databases(f.db).front()) == index::SummaryState::Refused);
    CHECK(answers(f.db) == with);
    CHECK(answers(f.db, {"قاسم الأعرجي"}) == with_official);
  }
  // A well-formed summary that disagrees with the terms is what `iranidx check` names.
  {
    auto t = index::discovered_tally(d);
    t.articles["qasim-al-araji"] += 5;
    index::NameKeyTable keys;
    for (const auto& [id, names] : t.names)
      for (const auto& [name, n] : names) keys.emplace(name, index::name_join_keys(name));
    set_summaries(f.db, index::encode_discovered_summary(t, keys));
    CHECK(index::check_discovered_summary(databases(f.db).front()) == index::SummaryState::Differs);
  }
  // The print beside the value: the good value with another's print is named (a search
  // over a remote shard would map that other summary), as is a print left beside no
  // value; without one (an index built before the print) it matches.
  set_summaries(f.db, good);
  const fs::path generation = *index::current_generation(f.db);
  auto set_print = [&](const std::string& print) {
    Xapian::WritableDatabase w(generation.string(), Xapian::DB_OPEN);
    w.set_metadata(std::string(schema::kMetaDiscoveredPrint), print);
    w.commit();
  };
  auto state = [&] { return index::check_discovered_summary(databases(f.db).front()); };
  const std::string right = index::discovered_summary_print(good, databases(f.db).front());
  REQUIRE(right.size() > 17);
  CHECK(state() == index::SummaryState::Matches);
  std::string wrong = right;
  wrong[0] = wrong[0] == '0' ? '1' : '0';
  set_print(wrong);
  CHECK(state() == index::SummaryState::PrintDiffers);
  CHECK(index::describe(index::SummaryState::PrintDiffers).find("iran.discovered.print") != std::string::npos);
  set_print("");
  CHECK(state() == index::SummaryState::Matches);
  set_print(right);
  CHECK(state() == index::SummaryState::Matches);
  // The value gone and its print left: named, not taken for an index built before.
  {
    Xapian::WritableDatabase w(generation.string(), Xapian::DB_OPEN);
    w.set_metadata(std::string(schema::kMetaDiscovered), "");
    w.commit();
  }
  CHECK(state() == index::SummaryState::PrintDiffers);
}

TEST_CASE("year shards: every commit of a move between shards, a compaction and a copy of a compacted shard keep the summary") {
  Fixture f;
  write_corpus(f);
  f.build("year");
  check_stored(f.db);
  const std::string one_index_before = [&] {
    Fixture g("one-index");
    write_corpus(g);
    g.build();
    return answers(g.db);
  }();
  CHECK(answers(f.db) == one_index_before);

  // Each shard's committed state, as a searcher may open it between the steps of a move.
  std::size_t commits = 0;
  auto each_commit = [&](const std::string& name) {
    const auto layout = index::read_layout(f.db);
    for (const auto& s : layout->shards)
      if (s.name == name) {
        // The generation being written may be newer than the published one: the shard's stub.
        const Xapian::Database shard((f.db / name).string());
        CAPTURE(name);
        CHECK(shard.get_metadata(std::string(schema::kMetaDiscovered)) == index::discovered_summary_of_terms(shard));
        ++commits;
      }
  };
  f.write("en-araji.txt", kEnAraji, "2022-01-02");  // moves from 2021 to 2022
  CHECK(f.build("year", each_commit).updated == 1);
  CHECK(commits >= 2);
  check_stored(f.db);

  // `iranidx compact`: the compacted shard keeps its summary; the next build writing into
  // it (a copy, index/layout_compact.h) too.
  index::CompactOptions options;
  options.all = true;
  index::compact_shards(f.db, options);
  for (const auto& d : databases(f.db)) CHECK(index::is_compacted(d));
  check_stored(f.db);
  f.write("en-araji.txt", kEnAraji, "2021-03-04");  // back into the compacted 2021
  CHECK(f.build("year").updated == 1);
  check_stored(f.db);
  CHECK(answers(f.db) == one_index_before);

  // Several shards' summaries, summed and joined, answer as their terms do.
  const std::string with = answers(f.db);
  set_summaries(f.db, "");
  CHECK(answers(f.db) == with);
}

TEST_CASE("a build stopped by an error leaves no stale summary; the next one completes it") {
  Fixture f;
  write_corpus(f);
  f.build();
  for (int i = 0; i < 6; ++i) f.write("more-" + std::to_string(i) + ".txt", kEnOther);
  f.write("en-araji.txt", "Iraq\n\nIraqi Interior Minister Qasim al-Araji said little on Sunday.\n");
  // The build throws after its first changes: the WritableDatabase commits what was
  // pending when destroyed (Xapian 1.4), without a summary of it.
  index::BuildOptions options;
  options.corpus = f.corpus;
  options.db = f.db;
  options.batch_size = 1000;
  index::BuildObserver observer;
  int acted = 0;
  observer.acted = [&](index::FileAction, const std::string&) {
    if (++acted == 3) throw std::runtime_error("stopped");
  };
  CHECK_THROWS(index::build_index(options, gazetteer(), analyzer(), observer));
  for (const auto& d : databases(f.db)) {
    const auto state = index::check_discovered_summary(d);
    CHECK((state == index::SummaryState::Matches || state == index::SummaryState::Missing));
  }
  f.build();
  check_stored(f.db);
}

TEST_CASE("the writer keeps a stale summary out of any commit Xapian makes by itself") {
  Fixture f;
  const fs::path p = f.dir / "db";
  {
    Xapian::WritableDatabase w(p.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    index::WriteTarget target(w);
    Xapian::Document doc;
    entities::DiscoveredOfficial d{"qasim-al-araji", "Qasim al-Araji", "Interior Minister", "IQ", {}};
    doc.add_boolean_term(index::discovered_term(d));
    target.add_document("Qa", doc);
    target.commit();
    CHECK(index::check_discovered_summary(Xapian::Database(p.string())) == index::SummaryState::Matches);
    target.add_document("Qb", doc);
    // Destroyed without a commit: Xapian commits the pending document, and the removal
    // of the summary with it.
  }
  const Xapian::Database after(p.string());
  CHECK(after.get_doccount() == 2);
  CHECK(index::check_discovered_summary(after) == index::SummaryState::Missing);
}
