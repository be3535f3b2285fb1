// `iranidx compact`: a shard's compacted generation swapped into the layout, a kill at
// any step harmless, and a compacted generation never written in place by a later build.
#include <doctest/doctest.h>
#include <xapian.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "entities/gazetteer.h"
#include "index/layout.h"
#include "index/layout_compact.h"
#include "index/schema.h"
#include "index/store.h"
#include "index/stored_fields.h"
#include "index/writer.h"
#include "text/analyzer.h"

namespace fs = std::filesystem;
using namespace iran;

REGISTER_EXCEPTION_TRANSLATOR(const Xapian::Error& e) { return doctest::String(e.get_description().c_str()); }

namespace {

const std::string kBody =
    "Iran and Qatar signed a new agreement on energy cooperation in Doha on Monday, officials said, "
    "after two days of talks between the foreign ministers about gas fields, shipping and trade in the Gulf.";

struct Fixture {
  fs::path dir = fs::temp_directory_path() / ("iran-compact-" + std::to_string(::getpid()));
  fs::path corpus = dir / "corpus", db = dir / "index";
  entities::Gazetteer gazetteer = entities::Gazetteer::load(entities::find_data_dir());
  text::Analyzer analyzer;
  Fixture() {
    fs::remove_all(dir);
    fs::create_directories(corpus);
    for (int i = 0; i < 6; ++i)
      write("old" + std::to_string(i) + ".txt", "2019-0" + std::to_string(i + 1) + "-02",
            kBody + " Story " + std::to_string(i) + " of the closed year, about Tehran.");
    write("new.txt", "2024-02-03", "Sanctions, oil exports and the nuclear talks in Vienna this week.");
    REQUIRE(build().added == 7);
  }
  ~Fixture() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& date, const std::string& body) {
    std::ofstream(corpus / name) << body << "\n";
    std::ofstream(corpus / (name + ".meta")) << "source: reuters\nlang: en\ndate: " << date << "\n";
  }
  index::BuildReport build() {
    index::BuildOptions options;
    options.corpus = corpus;
    options.db = db;
    options.shards = index::ShardScheme::parse("year");
    return index::build_index(options, gazetteer, analyzer);
  }
  fs::path generation(const std::string& shard) const {
    const auto layout = index::read_layout(db);
    for (const auto& s : layout->shards)
      if (s.name == shard) return s.generation;
    return {};
  }
  std::vector<index::CompactedShard> compact(const std::string& shard,
                                             std::function<void(const std::string&)> hook = {}) {
    index::CompactOptions options;
    options.shards = {shard};
    options.after_step = std::move(hook);
    return index::compact_shards(db, options);
  }
};

// Every document of a database with its docid, terms (wdf, positions), values and data.
std::string dump(const Xapian::Database& db) {
  std::string out;
  for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
    const Xapian::Document doc = db.get_document(*d);
    out += "#" + std::to_string(*d) + " " + doc.get_data() + "\n";
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      out += " " + *t + ":" + std::to_string(t.get_wdf());
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out += "," + std::to_string(*p);
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) out += " v" + std::to_string(v.get_valueno()) + "=" + *v;
    out += "\n";
  }
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) out += "s " + *w + " " + std::to_string(w.get_termfreq()) + "\n";
  for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k)
    for (auto s = db.synonyms_begin(*k); s != db.synonyms_end(*k); ++s) out += "y " + *k + " " + *s + "\n";
  for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k)
    if (*k != schema::kMetaCompacted) out += "m " + *k + "=" + db.get_metadata(*k) + "\n";
  return out;
}

std::set<std::string> entries(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("compact --shard: a compacted copy of the same documents, swapped into the layout") {
  Fixture f;
  const fs::path before = f.generation("2019");
  const std::string content = dump(Xapian::Database(before.string()));
  const auto done = f.compact("2019");
  REQUIRE(done.size() == 1);
  CHECK(!done[0].already);
  CHECK(done[0].from == before);
  const fs::path after = f.generation("2019");
  CHECK(done[0].to == after);
  CHECK(after != before);
  const Xapian::Database compacted(after.string());
  CHECK(index::is_compacted(compacted));
  CHECK(dump(compacted) == content);
  // The shard's own stub (what xapian-tcpsrv follows) names it too; the old one stays for
  // the searches that have it open.
  CHECK(index::current_generation(after.parent_path()) == after);
  CHECK(fs::exists(before));
  CHECK(Xapian::Database(f.db.string()).get_doccount() == 7);
  // Again: nothing to do.
  const auto again = f.compact("2019");
  REQUIRE(again.size() == 1);
  CHECK(again[0].already);
  CHECK(f.generation("2019") == after);
}

TEST_CASE("compact refuses what is not a layout, an unknown shard, and a busy layout") {
  Fixture f;
  CHECK_THROWS_AS(f.compact("1999"), index::NotAnIndexError);
  index::CompactOptions options;
  options.shards = {"2019"};
  CHECK_THROWS_AS(index::compact_shards(f.corpus, options), index::NotAnIndexError);
  CHECK_THROWS_AS(index::compact_shards(f.dir / "nothing", options), index::NotAnIndexError);
  {
    index::BuildLock lock(f.db, 0);
    CHECK_THROWS_AS(f.compact("2019"), index::BusyError);
  }
  CHECK(!index::is_compacted(Xapian::Database(f.generation("2019").string())));
}

TEST_CASE("a compaction killed at any step leaves the layout searchable; the next run cleans up") {
  for (const std::string step : {"compacted", "marked", "renamed", "layout published", "published"}) {
    CAPTURE(step);
    Fixture f;
    const fs::path before = f.generation("2019");
    const std::string content = dump(Xapian::Database(before.string()));
    CHECK_THROWS(f.compact("2019", [&](const std::string& at) {
      if (at == step) throw std::runtime_error("killed");
    }));
    // Whatever the layout names is complete, and the same articles.
    CHECK(dump(Xapian::Database(f.generation("2019").string())) == content);
    CHECK(Xapian::Database(f.db.string()).get_doccount() == 7);
    // A build after the kill: the shard stub agrees with the layout again.
    f.write("new.txt", "2024-02-03", "Sanctions, oil exports and the nuclear talks in Vienna this week, updated.");
    CHECK(f.build().updated == 1);
    CHECK(index::current_generation(f.generation("2019").parent_path()) == f.generation("2019"));
    // And a compaction after it finishes the job and leaves nothing half-made behind.
    f.compact("2019");
    const fs::path after = f.generation("2019");
    CHECK(index::is_compacted(Xapian::Database(after.string())));
    CHECK(dump(Xapian::Database(after.string())) == content);
    const auto left = entries(after.parent_path());
    CHECK(left.count("compacting.tmp") == 0);
    CHECK(left.size() <= 3);  // the stub, the compacted generation, the one it replaced
  }
}

TEST_CASE("a build never writes a compacted generation: it writes an uncompacted copy") {
  Fixture f;
  f.compact("2019");
  const fs::path compacted = f.generation("2019");
  const auto revision = Xapian::Database(compacted.string()).get_revision();
  const std::string content = dump(Xapian::Database(compacted.string()));

  // A build that changes another shard leaves the compacted one as it is.
  f.write("new.txt", "2024-02-03", "Sanctions, oil exports and the nuclear talks in Vienna this week, updated.");
  CHECK(f.build().updated == 1);
  CHECK(f.generation("2019") == compacted);
  CHECK(Xapian::Database(compacted.string()).get_revision() == revision);
  CHECK(index::is_compacted(Xapian::Database(compacted.string())));

  // One that changes an article of the closed year: a copy, then the change in it.
  f.write("old0.txt", "2019-01-02", kBody + " A late correction to story 0.");
  CHECK(f.build().updated == 1);
  const fs::path copy = f.generation("2019");
  CHECK(copy != compacted);
  CHECK(Xapian::Database(compacted.string()).get_revision() == revision);  // never written
  CHECK(dump(Xapian::Database(compacted.string())) == content);
  const Xapian::Database reopened(copy.string());
  CHECK(!index::is_compacted(reopened));
  CHECK(reopened.get_doccount() == 6);
  CHECK(index::current_generation(copy.parent_path()) == copy);
  // The other articles kept their docids (what the run had read).
  const Xapian::Database old(compacted.string());
  for (auto d = old.postlist_begin(""); d != old.postlist_end(""); ++d) {
    const std::string data = old.get_document(*d).get_data();
    if (index::decode(data).path.find("old0.txt") == std::string::npos) CHECK(reopened.get_document(*d).get_data() == data);
  }
  // Spelling data and synonyms came along.
  CHECK(reopened.get_spelling_suggestion("tehrn") == old.get_spelling_suggestion("tehrn"));
  CHECK(std::distance(reopened.synonym_keys_begin(), reopened.synonym_keys_end()) ==
        std::distance(old.synonym_keys_begin(), old.synonym_keys_end()));

  // An article that leaves the compacted year moves as one update, as anywhere.
  f.compact("2019");
  f.write("old1.txt", "2024-05-06", kBody + " Story 1, redated.");
  const auto moved = f.build();
  CHECK(moved.updated + moved.moved == 1);
  const Xapian::Database all(f.db.string());
  CHECK(all.get_doccount() == 7);
  CHECK(Xapian::Database(f.generation("2019").string()).get_doccount() == 5);
  CHECK(Xapian::Database(f.generation("2024").string()).get_doccount() == 2);
}
