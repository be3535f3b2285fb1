#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <thread>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "entities/gazetteer.h"
#include "index/schema.h"
#include "index/searcher.h"
#include "index/store.h"
#include "index/stored_fields.h"
#include "index/writer.h"
#include "text/analyzer.h"
#include "util/strings.h"

namespace fs = std::filesystem;
using namespace iran;

namespace {

const char* const kStory2 = "002_7e6563937ee8c686.txt";  // Iran and Russia, sanctions (presstv)
const char* const kStory3 = "003_21b21bc7e96fc0af.txt";  // Iran and Qatar, talks (mehr)

// corpus/ plus syndicated copies of two of its stories: three of 002 (other outlets),
// two of 003, so that a page holds two hits with copies.
struct Fixture {
  fs::path dir;
  entities::Gazetteer gazetteer = entities::Gazetteer::load(entities::find_data_dir());
  text::Analyzer analyzer;
  Fixture() {
    dir = fs::temp_directory_path() / ("iran-searcher-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const fs::path corpus = dir / "corpus";
    fs::create_directories(corpus);
    for (const auto& e : fs::directory_iterator(IRAN_CORPUS_DIR))
      if (e.path().extension() == ".txt" || e.path().extension() == ".meta") fs::copy_file(e.path(), corpus / e.path().filename());
    auto copy = [&](const char* story, const std::string& name, const std::string& source) {
      fs::copy_file(corpus / story, corpus / (name + ".txt"));
      std::ofstream(corpus / (name + ".txt.meta")) << "source: " << source << "\n";
    };
    copy(kStory2, "copy2-a", "mehr");
    copy(kStory2, "copy2-b", "irna");
    copy(kStory2, "copy2-c", "tasnim");
    copy(kStory3, "copy3-a", "presstv");
    copy(kStory3, "copy3-b", "irna");
    index::BuildOptions options;
    options.corpus = corpus;
    options.db = dir / "index";
    index::build_index(options, gazetteer, analyzer);
  }
  ~Fixture() { fs::remove_all(dir); }
};

// Everything a search answers with but the query as given: totals, how it matched, the
// final query, each hit, every facet count, the histogram, the suggestion.
std::string answer(const index::SearchResult& r) {
  std::ostringstream out;
  out << "total=" << r.total << " hidden=" << r.copies_hidden << " matched=" << r.matched << " question=" << r.question
      << "\nparsed=" << r.parsed << "\nsuggestion=" << r.suggestion << " names=" << r.suggestion_names.size() << "\n";
  for (const auto& n : r.notes) out << "note " << n << "\n";
  for (const auto& h : r.hits) {
    out << h.rank << " " << h.fields.path << " " << h.weight << " " << h.percent << "% copies=" << h.copies;
    for (std::size_t i = 0; i < h.also_in.size(); ++i) out << " [" << h.also_in[i] << " " << h.also_in_paths[i] << "]";
    out << " | " << h.snippet << "\n";
  }
  for (const auto& f : r.facets) {
    out << f.name << ":";
    for (const auto& v : f.values) out << " " << v.value << "=" << v.count;
    out << "\n";
  }
  if (r.histogram) {
    out << "histogram";
    for (const auto& b : r.histogram->buckets) out << " " << b.period << "=" << b.count;
    out << " month_unknown=" << r.histogram->month_unknown << " undated=" << r.histogram->undated << "\n";
  }
  return out.str();
}

index::SearchRequest counted(std::string query) {
  index::SearchRequest r;
  r.query = std::move(query);
  r.limit = 50;
  r.want_facets = true;
  r.histogram = index::HistogramUnit::Month;
  return r;
}

}  // namespace

TEST_CASE("no article has all the words: the any-words search, counted afresh, as a direct --any search") {
  Fixture f;
  for (const bool all_copies : {false, true}) {
    CAPTURE(all_copies);
    index::SearchRequest fallback = counted("Qatar xyzzyqq");
    fallback.all_copies = all_copies;
    index::SearchRequest any = fallback;
    any.any = true;
    // The first search of a Searcher counts with spies, later ones from the facet table
    // (index/facet_table.h): both, in both orders.
    index::Searcher a(f.dir / "index", f.gazetteer, f.analyzer), b(f.dir / "index", f.gazetteer, f.analyzer);
    const auto first_fallback = a.search(fallback), later_any = a.search(any);
    const auto first_any = b.search(any), later_fallback = b.search(fallback);
    CHECK(first_fallback.matched == "any");
    CHECK(first_fallback.total > 0);
    CHECK(first_fallback.facets.size() == 5);
    CHECK(answer(first_fallback) == answer(first_any));
    CHECK(answer(later_fallback) == answer(later_any));
    CHECK(answer(first_fallback) == answer(later_fallback));
  }
}

TEST_CASE("a filter that leaves no article with all the words: any of them within the filter") {
  Fixture f;
  index::Searcher searcher(f.dir / "index", f.gazetteer, f.analyzer);
  // Qatar and talks are together only in 003 (2022): in 2021 no article has both.
  index::SearchRequest all = counted("Qatar talks");
  all.to = "2021";
  index::SearchRequest any = all;
  any.any = true;
  for (int round = 0; round < 2; ++round) {
    CAPTURE(round);
    const auto r = searcher.search(all);
    CHECK(r.matched == "any");
    CHECK(answer(r) == answer(searcher.search(any)));
    // Without the filter the words are found together.
    const auto unfiltered = searcher.search(counted("Qatar talks"));
    CHECK(unfiltered.matched == "all");
    CHECK(unfiltered.total == 1);
  }
  // A filter that leaves nothing at all: any of the words, which finds nothing either,
  // and counts nothing.
  index::SearchRequest none = counted("Qatar talks");
  none.from = "2031";
  const auto r = searcher.search(none);
  CHECK(r.matched == "any");
  CHECK(r.total == 0);
  CHECK(r.hits.empty());
  for (const auto& facet : r.facets) CHECK(facet.values.empty());
  // One word: the any-words query is the same one, so the search stays "all".
  index::SearchRequest word = counted("Qatar");
  word.from = "2031";
  const auto w = searcher.search(word);
  CHECK(w.matched == "all");
  CHECK(w.total == 0);
}

TEST_CASE("every hit of a page lists its own copies, the hit left out") {
  Fixture f;
  index::Searcher searcher(f.dir / "index", f.gazetteer, f.analyzer);
  index::SearchRequest request = counted("Iran");
  const auto r = searcher.search(request);
  std::map<std::string, std::vector<std::string>> listed;  // hit → its copies' paths
  for (const auto& h : r.hits)
    if (h.copies > 0) listed[h.fields.path] = h.also_in_paths;
  REQUIRE(listed.size() == 2);
  auto story_of = [](const std::string& path) {
    return path.rfind("copy2-", 0) == 0 || path == kStory2 ? 2 : path.rfind("copy3-", 0) == 0 || path == kStory3 ? 3 : 0;
  };
  for (const auto& [hit, copies] : listed) {
    CAPTURE(hit);
    const int story = story_of(hit);
    REQUIRE(story != 0);
    CHECK(copies.size() == (story == 2 ? 3u : 2u));
    for (const auto& c : copies) {
      CHECK(story_of(c) == story);
      CHECK(c != hit);
    }
  }
  for (const auto& h : r.hits) CHECK(h.copies == h.also_in.size());
  // The same lists one page at a time, and on the table-counted later searches.
  for (Xapian::doccount offset = 0; offset < r.hits.size(); ++offset) {
    request.offset = offset;
    request.limit = 1;
    const auto page = searcher.search(request);
    REQUIRE(page.hits.size() == 1);
    CHECK(page.hits[0].fields.path == r.hits[offset].fields.path);
    CHECK(page.hits[0].also_in_paths == r.hits[offset].also_in_paths);
    CHECK(page.hits[0].also_in == r.hits[offset].also_in);
  }
  // Copies outside the filters are not listed: one irna copy of each story is left, alone.
  index::SearchRequest irna = counted("Iran");
  irna.sources = {"irna"};
  for (const auto& h : searcher.search(irna).hits) {
    CHECK(h.copies == 0);
    CHECK(h.also_in.empty());
  }
}

TEST_CASE("the page matched alone: counted by spies or by the facet table, the same answer and every hit's copies") {
  // Both count in a boolean match of their own and ask Xapian for the page alone, whose
  // collapse counts and totals are then estimates: a Searcher's first search with our
  // spies, the later ones with the revision's table. (Against Xapian's own counts, with
  // checkatleast = every document, over remote shards: tests/e2e/test_shards.sh.)
  Fixture f;
  std::vector<index::SearchRequest> requests;
  for (const char* q : {"Iran", "Iran sanctions", "Iran OR Qatar", "talks", "\"nuclear talks\"", "xyzzyqq", ""}) {
    for (int variant = 0; variant < 5; ++variant) {
      index::SearchRequest r = counted(q);
      if (variant == 1) r.all_copies = true;
      if (variant == 2) {
        r.limit = 1;
        r.offset = 1;
      }
      if (variant == 3) r.sort = index::SortOrder::Newest;
      if (variant == 4) r.sources = {"irna", "mehr"};
      requests.push_back(r);
    }
  }
  for (const auto& r : requests) {
    CAPTURE(r.query);
    CAPTURE(r.offset);
    CAPTURE(r.all_copies);
    index::Searcher searcher(f.dir / "index", f.gazetteer, f.analyzer);
    const std::string by_xapian = answer(searcher.search(r));
    const std::string by_table = answer(searcher.search(r));
    CHECK(by_table == by_xapian);
    // The second and later ones split the facets' joined values (once, in the second) and reuse it.
    CHECK(answer(searcher.search(r)) == by_xapian);
    CHECK(answer(searcher.search(r)) == by_xapian);
  }
  // Each hit's copies, one page of one hit at a time: the count of copies too.
  index::Searcher searcher(f.dir / "index", f.gazetteer, f.analyzer);
  const auto all = searcher.search(counted("Iran"));
  std::size_t with_copies = 0;
  for (Xapian::doccount offset = 0; offset < all.hits.size(); ++offset) {
    index::SearchRequest one = counted("Iran");
    one.offset = offset;
    one.limit = 1;
    const auto page = searcher.search(one);
    REQUIRE(page.hits.size() == 1);
    CHECK(page.hits[0].copies == all.hits[offset].copies);
    with_copies += page.hits[0].copies > 0;
  }
  CHECK(with_copies == 2);
}

TEST_CASE("an article with a copy key's term but not its value is still listed as its copy") {
  Fixture f;
  // What no build writes (the term and the value come together, index/copies.cc): one
  // copy of 002 loses its collapse value, so it is a hit of its own and, by its term,
  // one of the story's copies too, as a match per key finds it.
  const fs::path generation = index::current_generation(f.dir / "index").value_or(fs::path());
  REQUIRE(!generation.empty());
  {
    Xapian::WritableDatabase db(generation.string());
    const std::string id = schema::id_term("copy2-c.txt");
    const Xapian::docid docid = *db.postlist_begin(id);
    Xapian::Document doc = db.get_document(docid);
    REQUIRE(!doc.get_value(schema::kCopySlot).empty());
    doc.remove_value(schema::kCopySlot);
    db.replace_document(docid, doc);
    db.commit();
  }
  index::Searcher searcher(f.dir / "index", f.gazetteer, f.analyzer);
  const auto r = searcher.search(counted("Iran"));
  bool story2 = false;
  for (const auto& h : r.hits) {
    if (h.copies == 0 || (h.fields.path != kStory2 && h.fields.path.rfind("copy2-", 0) != 0)) continue;
    story2 = true;
    CHECK(h.copies == 2);
    CHECK(std::find(h.also_in_paths.begin(), h.also_in_paths.end(), "copy2-c.txt") != h.also_in_paths.end());
    CHECK(h.also_in_paths.size() == 3);
  }
  CHECK(story2);
}

TEST_CASE("Xapian: a weightless AND_MAYBE side changes no match, weight, percentage or order, and brings its terms' statistics") {
  // What Searcher::run relies on to read the name keys' frequencies in the main match.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const std::vector<std::vector<std::string>> docs = {
      {"oil", "price"}, {"oil"}, {"oil", "oil", "price", "XNal"}, {"price", "XNbrs"}, {"oil", "XNal", "XNoyl"}, {"gas"}};
  for (const auto& terms : docs) {
    Xapian::Document d;
    for (const auto& t : terms) d.add_term(t);
    d.add_value(0, std::to_string(terms.size()));
    db.add_document(d);
  }
  const std::vector<std::string> side = {"XNal", "XNbrs", "XNoyl", "XNnone"};
  for (const auto& query : {Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("oil"), Xapian::Query("price")),
                            Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("oil"), Xapian::Query("price")),
                            Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query("oil"),
                                          Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("price"), 0.25))}) {
    CAPTURE(query.get_description());
    for (const bool by_value : {false, true}) {
      auto run = [&](const Xapian::Query& q) {
        Xapian::Enquire enquire(db);
        enquire.set_query(q);
        if (by_value) enquire.set_sort_by_value_then_relevance(0, true);
        enquire.set_collapse_key(0);
        return enquire.get_mset(0, 10, db.get_doccount());
      };
      const auto plain = run(query);
      const auto with = run(Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                                          Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                        Xapian::Query(Xapian::Query::OP_OR, side.begin(), side.end()), 0.0)));
      REQUIRE(plain.size() == with.size());
      CHECK(plain.get_matches_estimated() == with.get_matches_estimated());
      for (auto a = plain.begin(), b = with.begin(); a != plain.end(); ++a, ++b) {
        CHECK(*a == *b);
        CHECK(a.get_weight() == b.get_weight());
        CHECK(a.get_percent() == b.get_percent());
        CHECK(a.get_collapse_count() == b.get_collapse_count());
      }
      // The side's frequencies are the match's own statistics, not read again from the
      // database (MSet::get_termfreq falls back to it, which over a remote shard is one
      // round trip per term): a document added after the match changes the database's
      // figure, not the MSet's.
      std::vector<Xapian::doccount> before;
      for (const auto& t : side) before.push_back(db.get_termfreq(t));
      Xapian::Document later;
      for (const auto& t : side) later.add_term(t);
      const Xapian::docid added = db.add_document(later);
      for (std::size_t i = 0; i < side.size(); ++i) {
        CAPTURE(side[i]);
        CHECK(db.get_termfreq(side[i]) == before[i] + 1);
        CHECK(with.get_termfreq(side[i]) == before[i]);
      }
      db.delete_document(added);
    }
  }
}

TEST_CASE("a stored text that is not valid UTF-8 (a foreign index) still gives a valid snippet") {
  Fixture f;
  const fs::path generation = index::current_generation(f.dir / "index").value_or(fs::path());
  REQUIRE(!generation.empty());
  // Bytes no iranidx index stores: a stray continuation byte and the two marker bytes,
  // next to a matched word in one copy (inside its snippet's window) and far from any
  // match in another (outside it).
  const std::string bad = "\x80\xFE\xFF";
  {
    Xapian::WritableDatabase db(generation.string());
    for (const char* path : {"copy2-a.txt", "copy2-b.txt"}) {
      const Xapian::docid docid = *db.postlist_begin(schema::id_term(path));
      Xapian::Document doc = db.get_document(docid);
      index::StoredFields fields = index::decode(doc.get_data());
      if (std::string(path) == "copy2-b.txt") {
        fields.body += " " + bad;
      } else {
        // Before every occurrence, so that whichever passage is chosen holds them.
        std::size_t found = 0;
        for (auto at = fields.body.find("sanctions"); at != std::string::npos; at = fields.body.find("sanctions", at + bad.size() + 10)) {
          fields.body.insert(at, bad + " ");
          ++found;
        }
        REQUIRE(found > 0);
      }
      doc.set_data(index::encode(fields));
      db.replace_document(docid, doc);
    }
    db.commit();
  }
  index::Searcher searcher(f.dir / "index", f.gazetteer, f.analyzer);
  index::SearchRequest request = counted("sanctions");
  request.all_copies = true;
  const auto r = searcher.search(request);
  std::map<std::string, std::string> snippets;
  for (const auto& h : r.hits) snippets[h.fields.path] = h.snippet;
  REQUIRE(snippets.count("copy2-a.txt") == 1);
  REQUIRE(snippets.count("copy2-b.txt") == 1);
  for (const auto& [path, snippet] : snippets) {
    CAPTURE(path);
    CAPTURE(snippet);
    const auto opens = std::count(snippet.begin(), snippet.end(), index::kHighlightStart);
    CHECK(opens > 0);
    CHECK(opens == std::count(snippet.begin(), snippet.end(), index::kHighlightEnd));
    std::string plain;
    for (const char c : snippet)
      if (c != index::kHighlightStart && c != index::kHighlightEnd) plain += c;
    CHECK(util::find_invalid_utf8(plain) == std::string::npos);
  }
  // Far from the match, the bad bytes change nothing: the same snippet as the clean copy.
  CHECK(snippets.at("copy2-b.txt") == snippets.at("copy2-c.txt"));
}

TEST_CASE("searchers on several threads at once, filters alone (every document), answer as one alone") {
  // Xapian::Query::MatchAll is one static object whose (non-atomic) reference count every
  // copy changes: searchers that copied it from several threads at once corrupted it and
  // crashed the server. Each thread searches with a Searcher of its own, as the server's do.
  Fixture f;
  index::SearchRequest r = counted("");
  r.countries = {"Iran"};
  const std::string alone = answer(index::Searcher(f.dir / "index", f.gazetteer, f.analyzer).search(r));
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] {
      text::Analyzer analyzer;
      index::Searcher searcher(f.dir / "index", f.gazetteer, analyzer);
      for (int i = 0; i < 300; ++i) {
        const std::string a = answer(searcher.search(r));
        if (a != alone) {
          got[t] = a;
          return;
        }
      }
      got[t] = alone;
    });
  for (auto& t : threads) t.join();
  for (const auto& g : got) CHECK(g == alone);
}

namespace {
// Each official facet value with its label, whether it was discovered, and its merged ids.
std::string official_labels(const index::SearchResult& r) {
  std::ostringstream out;
  for (const auto& f : r.facets)
    if (f.name == "official")
      for (const auto& v : f.values) {
        out << v.value << "=" << v.count << " [" << v.label << "]" << (v.discovered ? " discovered" : "");
        for (const auto& id : v.merged_ids) out << " +" << id;
        out << "\n";
      }
  return out.str();
}
}  // namespace

TEST_CASE("a Searcher's official labels, kept between its searches, follow the officials the index discovers") {
  // Labels are made once and kept for the Searcher's later searches (Searcher's
  // official_labels_): the same as a new Searcher's, and made again when a build adds
  // discovered officials (a new one, and the Arabic spelling of one known in English,
  // whose label and merged ids change).
  Fixture f;
  const fs::path corpus = f.dir / "corpus";
  const fs::path fixtures = fs::path(IRAN_CORPUS_DIR).parent_path() / "tests/fixtures/discovered";
  fs::copy_file(fixtures / "en-araji.txt", corpus / "en-araji.txt");
  index::BuildOptions options;
  options.corpus = corpus;
  options.db = f.dir / "index";
  index::build_index(options, f.gazetteer, f.analyzer);
  index::SearchRequest r = counted("");
  index::Searcher kept(options.db, f.gazetteer, f.analyzer);
  const std::string first = official_labels(kept.search(r));
  CHECK(first.find("[Qasim al-Araji] discovered") != std::string::npos);
  CHECK(first.find("[Ali Bagheri Kani]") != std::string::npos);
  CHECK(official_labels(kept.search(r)) == first);

  // The same person in Arabic: the English value's label and merged ids change.
  fs::copy_file(fixtures / "ar-araji.txt", corpus / "ar-araji.txt");
  std::ofstream(corpus / "faraya.txt") << "Talks\n\nJordanian Interior Minister Mazen al-Faraya met Iraqi Oil Minister "
                                           "Hayan Abdul Ghani in Amman.\n";
  index::build_index(options, f.gazetteer, f.analyzer);
  kept.reopen();  // as the server's pool does before each search (searcher_pool.cc)
  const std::string after = official_labels(kept.search(r));
  CHECK(after != first);
  CHECK(after.find("Mazen al-Faraya] discovered") != std::string::npos);
  CHECK(after.find("[Qasim al-Araji (قاسم الأعرجي)] discovered +") != std::string::npos);
  CHECK(after == official_labels(index::Searcher(options.db, f.gazetteer, f.analyzer).search(r)));
}

TEST_CASE("did you mean: asked when a word is unknown or rare, not when the filters alone leave little") {
  // 110 articles of 2020 holding "minister" once and "ministers" twice (so the spelling
  // data holds "ministers" as the more frequent of two spellings one edit apart), two of
  // them also "ministerz", a misspelling the corpus itself has.
  const fs::path dir = fs::temp_directory_path() / ("iran-suggest-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "corpus");
  for (int i = 0; i < 110; ++i) {
    const std::string name = "a" + std::to_string(1000 + i);
    std::ofstream(dir / "corpus" / (name + ".txt"))
        << "Envoys met the minister in Tehran, and the ministers of two other ministers' offices, on day " << i
        << (i < 2 ? ". The ministerz said so." : ".") << "\n";
    std::ofstream(dir / "corpus" / (name + ".txt.meta")) << "date: 2020-01-" << (10 + i % 18) << "\nlang: en\n";
  }
  const entities::Gazetteer gazetteer = entities::Gazetteer::load(entities::find_data_dir());
  const text::Analyzer analyzer;
  index::BuildOptions options;
  options.corpus = dir / "corpus";
  options.db = dir / "index";
  index::build_index(options, gazetteer, analyzer);
  index::Searcher searcher(options.db, gazetteer, analyzer);
  auto suggestion = [&](const std::string& query, const std::string& from) {
    index::SearchRequest r;
    r.query = query;
    r.from = from;
    const auto result = searcher.search(r);
    return std::to_string(result.total) + " " + result.suggestion;
  };
  // A word many articles hold, the search emptied by its dates: no correction.
  CHECK(suggestion("minister", "2024") == "0 ");
  CHECK(suggestion("minister", "") == "110 ");
  // A word no article holds, or one few articles hold while the search finds little:
  // corrected to the more frequent spelling, as before.
  CHECK(suggestion("ministerq", "") == "0 ministers");
  CHECK(suggestion("ministerz", "") == "2 ministers");
  CHECK(suggestion("ministerz", "2024") == "0 ministers");
  // A rare word beside a common one: asked (Xapian's QueryParser then corrects each word).
  CHECK(suggestion("minister ministerz", "2024").find("ministers") != std::string::npos);
  fs::remove_all(dir);
}
