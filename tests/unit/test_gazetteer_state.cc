#include "index/gazetteer_state.h"

#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "corpus/article.h"
#include "entities/gazetteer.h"
#include "index/document_builder.h"
#include "index/schema.h"
#include "text/analyzer.h"

namespace fs = std::filesystem;
using iran::entities::Gazetteer;
using iran::entities::Kind;

namespace {

const iran::text::Analyzer& analyzer() {
  static const iran::text::Analyzer a;
  return a;
}

struct TempFile {
  fs::path path = fs::temp_directory_path() / ("iran-gazstate-" + std::to_string(::getpid()) + "-" + std::to_string(rand()) + ".tsv");
  explicit TempFile(const std::string& content) { std::ofstream(path) << content; }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

// An in-memory index of the texts, built with `gazetteer`, its state stored.
Xapian::WritableDatabase index_of(const std::vector<std::string>& texts, const Gazetteer& gazetteer) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  iran::index::DocumentBuilder builder(analyzer(), gazetteer);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    iran::corpus::Article article;
    article.body = texts[i];
    const std::string path = "a" + std::to_string(i) + ".txt";
    db.replace_document(iran::schema::id_term(path), builder.build(path, article, "", "").doc);
  }
  iran::index::store_gazetteer_state(db, gazetteer);
  db.commit();
  return db;
}

const std::vector<std::string> kTexts = {
    "Iraqi National Security Adviser Qasim al-Araji met Ali Shamkhani in Tehran.",  // docid 1
    "\u0627\u0644\u0639\u0631\u0627\u0642 \u0648\u0627\u064a\u0631\u0627\u0646: \u0627\u0644\u062a\u0642\u0649 "
    "\u0642\u0627\u0633\u0645 \u0627\u0644\u0623\u0639\u0631\u062c\u064a \u0627\u0644\u064a\u0648\u0645.",       // 2: قاسم الأعرجي
    "Qatar and Oman discussed shipping in the Strait of Hormuz.",                     // 3
    "The Muntadhar brigade's commander, Abu Muntadhar al-Araji, was in Amman.",       // 4
    "Oil prices rose on Monday.",                                                     // 5
};

std::vector<Xapian::docid> changed_docs(const Xapian::Database& db, const Gazetteer& g, std::size_t entries) {
  const auto change = iran::index::gazetteer_change(db, g, analyzer());
  REQUIRE(change.has_value());
  CHECK(change->entries == entries);
  return change->documents;
}

}  // namespace

TEST_CASE("gazetteer_change: the same data changes nothing") {
  const auto g = Gazetteer::load(iran::entities::find_data_dir());
  const auto db = index_of(kTexts, g);
  CHECK(changed_docs(db, g, 0).empty());
}

TEST_CASE("gazetteer_change: an added official touches the articles naming him, in either script") {
  const auto shipped = Gazetteer::load(iran::entities::find_data_dir());
  const auto db = index_of(kTexts, shipped);
  TempFile local("qasim-al-araji\ten\tQasim al-Araji\nqasim-al-araji\tcountry\tIQ\n"
                 "qasim-al-araji\tar\t\u0642\u0627\u0633\u0645 \u0627\u0644\u0623\u0639\u0631\u062c\u064a\n");
  const auto edited = Gazetteer::load(iran::entities::find_data_dir(), {local.path});
  CHECK(changed_docs(db, edited, 1) == std::vector<Xapian::docid>{1, 2});

  SUBCASE("a new name of his finds the article that writes it (an added alias), and the old ones") {
    const auto db2 = index_of(kTexts, edited);
    TempFile more("qasim-al-araji\ten\tQasim al-Araji\nqasim-al-araji\tcountry\tIQ\n"
                  "qasim-al-araji\tar\t\u0642\u0627\u0633\u0645 \u0627\u0644\u0623\u0639\u0631\u062c\u064a\n"
                  "qasim-al-araji\tfull\tAbu Muntadhar al-Araji\n");
    const auto again = Gazetteer::load(iran::entities::find_data_dir(), {more.path});
    CHECK(changed_docs(db2, again, 1) == std::vector<Xapian::docid>{1, 2, 4});
  }
  SUBCASE("removing him touches his articles again") {
    const auto db2 = index_of(kTexts, edited);
    CHECK(changed_docs(db2, shipped, 1) == std::vector<Xapian::docid>{1, 2});
  }
}

TEST_CASE("gazetteer_change: a country's new alias finds the articles using it") {
  const auto shipped = Gazetteer::load(iran::entities::find_data_dir());
  const auto db = index_of(kTexts, shipped);
  TempFile local("[countries]\nOM\tname\tSultanate of Muscat\nOM\tdemonym\tMuntadhar\n");
  const auto edited = Gazetteer::load(iran::entities::find_data_dir(), {local.path});
  // Oman's articles (its entity term) and the one with the new demonym's word.
  CHECK(changed_docs(db, edited, 1) == std::vector<Xapian::docid>{3, 4});
}

TEST_CASE("gazetteer_change: an index without the state, or other shared vocabulary, cannot tell") {
  const auto g = Gazetteer::load(iran::entities::find_data_dir());
  auto db = index_of(kTexts, g);
  db.set_metadata(std::string(iran::schema::kMetaGazetteerShared), "0");
  CHECK_FALSE(iran::index::gazetteer_change(db, g, analyzer()).has_value());
  db.set_metadata(std::string(iran::schema::kMetaGazetteerEntries), "");
  db.set_metadata(std::string(iran::schema::kMetaGazetteerShared), "");
  CHECK_FALSE(iran::index::gazetteer_change(db, g, analyzer()).has_value());
}

TEST_CASE("entry_prints: an edit changes the hash of the edited entry only") {
  const auto shipped = Gazetteer::load(iran::entities::find_data_dir());
  TempFile local("ali-shamkhani\talias\tShamkhani the Elder\n");
  const auto edited = Gazetteer::load(iran::entities::find_data_dir(), {local.path});
  const auto a = shipped.entry_prints(), b = edited.entry_prints();
  REQUIRE(a.size() == b.size());
  std::vector<std::string> differ;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].id != b[i].id || a[i].hash != b[i].hash) differ.push_back(b[i].id);
  CHECK(differ == std::vector<std::string>{"ali-shamkhani"});
  const auto it = std::find_if(b.begin(), b.end(), [](const auto& p) { return p.id == "ali-shamkhani"; });
  REQUIRE(it != b.end());
  CHECK(std::find(it->names.begin(), it->names.end(), "Shamkhani the Elder") != it->names.end());
  CHECK(shipped.shared_hash() == edited.shared_hash());
}
