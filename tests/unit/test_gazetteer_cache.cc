// The gazetteer's compact image and its cache file: a restored gazetteer answers every
// question as the loaded one does, a damaged image is refused, and the cache follows
// edits of the data files.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "entities/gazetteer.h"

namespace fs = std::filesystem;
using iran::entities::Gazetteer;
using iran::entities::Kind;

namespace {

const Gazetteer& loaded() {
  static const Gazetteer g = Gazetteer::load(iran::entities::find_data_dir());
  return g;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Texts to match: the seed articles and some made-up lines in three scripts.
std::vector<std::string> texts() {
  std::vector<std::string> out = {
      "Foreign Minister Hossein Amir-Abdollahian met Qatari officials in Doha; Raisi said Tehran (IRNA) would reply.",
      "وزير الخارجية الإيراني حسين أمير عبد اللهيان يلتقي نظيره القطري في الدوحة",
      "Iraqi Interior Minister Qasim al-Araji met Iranian President Ebrahim Raisi in Tehran.",
      "ظريف و روحانی در تهران با وزیر امور خارجه تاجیکستان دیدار کردند",
      "Minister Grigory Zolotukhin, 75, was being retired, Tass said."};
  for (const auto& entry : fs::directory_iterator(IRAN_CORPUS_DIR))
    if (entry.path().extension() == ".txt") out.push_back(read(entry.path()));
  return out;
}

// Everything the public interface says, for one gazetteer, as text.
std::string answers(const Gazetteer& g) {
  std::ostringstream out;
  out << g.data_hash() << '\n';
  // What an index stores to tell which entries an edit changed (index/gazetteer_state.h).
  out << g.shared_hash() << '\n';
  for (const auto& p : g.entry_prints()) {
    out << int(p.kind) << p.id << '=' << p.hash << ':';
    for (const auto& n : p.names) out << n << ',';
    out << '\n';
  }
  for (const auto& w : g.given_names()) out << w << ',';
  out << '\n';
  for (const auto kind : {Kind::Country, Kind::Official, Kind::Source}) {
    for (const auto* e : g.all(kind)) {
      out << e->id << '|' << e->name_en << '|' << e->name_ar << '|' << e->name_fa << '|' << e->country << '|'
          << e->role << '|' << e->from << '|' << e->to << '|' << e->offices.size() << ':';
      for (const auto& name : g.names_of(*e)) {
        out << name << ',';
        const auto* r = g.resolve(kind, name);
        const auto* n = g.resolve_name(kind, name);
        out << (r ? r->id : "-") << '/' << (n ? n->id : "-") << ';';
      }
      out << '\n';
    }
  }
  for (const auto& text : texts()) {
    for (const auto& m : g.find(text)) out << m.entity->id << '@' << m.begin << '-' << m.end << int(m.kind) << ' ';
    for (const auto& m : g.find_sources(text)) out << m.entity->id << '@' << m.begin << ' ';
    const auto f = g.find_with_discovery(text);
    for (const auto& m : f.mentions) out << m.entity->id << '#' << m.begin << ' ';
    for (const auto& d : f.discovered) out << d.name << '|' << d.role << '|' << d.country << ' ';
    const auto* source = g.detect_source(text);
    out << (source ? source->id : "-") << '\n';
  }
  for (const auto* typed : {"Qatr", "Rowhani", "Bagheri", "Amir Abdolahian"})
    for (const auto& s : g.suggest(Kind::Official, typed)) out << s << ',';
  for (const auto* e : g.holders("foreign minister of Iran", "2015", "2024")) out << e->id << ',';
  return out.str();
}

fs::path temp_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("iran-gzcache-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("a gazetteer restored from its image answers as the loaded one") {
  const std::string image = loaded().image();
  CHECK(image.size() > 1000);
  const Gazetteer restored = Gazetteer::from_image(image);
  CHECK(answers(restored) == answers(loaded()));
}

TEST_CASE("the matcher's state, the suggestions and the entry prints restored on first use: the same image again, one build under concurrent use") {
  const std::string image = loaded().image();
  // image() before any match builds the tries from the image restore() kept. (Not the
  // same bytes: hash maps are written in their own order.)
  const std::string again = Gazetteer::from_image(image).image();
  CHECK(again.size() == image.size());
  CHECK(answers(Gazetteer::from_image(again)) == answers(loaded()));
  const Gazetteer restored = Gazetteer::from_image(image);
  const auto all = texts();
  auto found = [&](const Gazetteer& g) {
    std::string out;
    for (const auto& text : all) {
      for (const auto& m : g.find(text)) out += m.entity->id + '@' + std::to_string(m.begin) + ' ';
      for (const auto& m : g.find_sources(text)) out += m.entity->id + '@' + std::to_string(m.begin) + ' ';
      const auto f = g.find_with_discovery(text);
      for (const auto& d : f.discovered) out += d.name + '|' + d.role + '|' + d.country + ' ';
      out += '\n';
    }
    for (const auto* typed : {"Qatr", "Rowhani", "Amir Abdolahian"})
      for (const auto& suggestion : g.suggest(Kind::Official, typed)) out += suggestion + ',';
    for (const auto& p : g.entry_prints()) out += p.id + '=' + std::to_string(p.hash) + ' ';
    return out;
  };
  const std::string expected = found(loaded());
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i) threads.emplace_back([&, i] { got[i] = found(restored); });
  for (auto& t : threads) t.join();
  for (const auto& g : got) CHECK(g == expected);
  // The discovery vocabulary alone, before any match; suggestions alone.
  CHECK(Gazetteer::from_image(image).given_names() == loaded().given_names());
  CHECK(Gazetteer::from_image(image).suggest(Kind::Country, "Qatr") == loaded().suggest(Kind::Country, "Qatr"));
}

TEST_CASE("a restored gazetteer owns what it views: the bytes given to from_image, the cache file replaced under its mapping") {
  const std::string expected = answers(loaded());
  // from_image keeps its own copy: the caller's bytes may go before any part is built.
  Gazetteer from_bytes = [] {
    std::string image = loaded().image();
    Gazetteer g = Gazetteer::from_image(image);
    std::fill(image.begin(), image.end(), '\0');
    return g;
  }();
  CHECK(answers(from_bytes) == expected);

  // load_cached maps the file: the cache replaced (a newer image renamed over it, as
  // write-and-rename does) or removed leaves the mapped one whole; the parts built on
  // first use read it after that, and a moved gazetteer still views it.
  const fs::path data = temp_dir("mapdata"), cache = temp_dir("mapcache");
  for (const auto& entry : fs::directory_iterator(iran::entities::find_data_dir()))
    if (entry.path().extension() == ".tsv") fs::copy_file(entry.path(), data / entry.path().filename());
  (void)Gazetteer::load_cached(data, {}, cache);  // writes the cache
  Gazetteer mapped = Gazetteer::load_cached(data, {}, cache);
  fs::path file;
  for (const auto& entry : fs::directory_iterator(cache)) file = entry.path();
  REQUIRE(!file.empty());
  {
    std::ofstream out(cache / "replacement", std::ios::binary);
    out << std::string(read(file).size(), 'x');
  }
  fs::rename(cache / "replacement", file);
  const Gazetteer moved = std::move(mapped);
  CHECK(answers(moved) == expected);
  CHECK(moved.suggest(Kind::Country, "Qatr") == loaded().suggest(Kind::Country, "Qatr"));
  CHECK(moved.given_names() == loaded().given_names());
  fs::remove(file);
  CHECK(moved.entry_prints().size() == loaded().entry_prints().size());
  fs::remove_all(data);
  fs::remove_all(cache);
}

TEST_CASE("a damaged image is refused, never read past its end") {
  const std::string image = loaded().image();
  CHECK_THROWS_AS(Gazetteer::from_image(""), std::runtime_error);
  CHECK_THROWS_AS(Gazetteer::from_image(image.substr(0, image.size() / 2)), std::runtime_error);
  CHECK_THROWS_AS(Gazetteer::from_image(image + "x"), std::runtime_error);
  std::string huge_count = image;
  for (std::size_t i = 8; i < 12; ++i) huge_count[i] = '\xff';  // the first entity count
  CHECK_THROWS_AS(Gazetteer::from_image(huge_count), std::runtime_error);
  // Cut anywhere, the tries' part included (restore() checks it though it builds them
  // later), it is refused at once.
  for (std::size_t k = 1; k < 200; ++k) {
    const std::size_t cut = image.size() * k / 200;
    CAPTURE(cut);
    CHECK_THROWS_AS(Gazetteer::from_image(image.substr(0, cut)), std::runtime_error);
  }
}

TEST_CASE("load_cached writes the cache, reads it back, and follows an edit of the data") {
  const fs::path data = temp_dir("data"), cache = temp_dir("cache");
  for (const auto& entry : fs::directory_iterator(iran::entities::find_data_dir()))
    if (entry.path().extension() == ".tsv") fs::copy_file(entry.path(), data / entry.path().filename());

  const Gazetteer first = Gazetteer::load_cached(data, {}, cache);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(cache)) files.push_back(entry.path());
  REQUIRE(files.size() == 1);
  CHECK(files.front().filename().string().rfind("gazetteer-", 0) == 0);
  const std::string written = read(files.front());
  CHECK(answers(first) == answers(loaded()));

  // From the cache: the same answers, and the file is left as it was.
  const Gazetteer second = Gazetteer::load_cached(data, {}, cache);
  CHECK(answers(second) == answers(loaded()));
  CHECK(read(files.front()) == written);
  CHECK(second.resolve(Kind::Official, "Zolotukhinov") == nullptr);

  // An official added to the data is known at once, and the cache is rewritten.
  {
    std::ofstream out(data / "officials.tsv", std::ios::app | std::ios::binary);
    out << "test-zolotukhinov\tcountry\tRU\ntest-zolotukhinov\ten\tGrigory Zolotukhinov\n"
        << "test-zolotukhinov\trole\tgrain minister\n";
  }
  const Gazetteer edited = Gazetteer::load_cached(data, {}, cache);
  const auto* e = edited.resolve(Kind::Official, "Grigory Zolotukhinov");
  REQUIRE(e != nullptr);
  CHECK(e->id == "test-zolotukhinov");
  CHECK(edited.data_hash() != loaded().data_hash());
  CHECK(read(files.front()) != written);
  // And the new cache holds the edit too.
  const Gazetteer again = Gazetteer::load_cached(data, {}, cache);
  CHECK(again.resolve(Kind::Official, "Grigory Zolotukhinov") != nullptr);
  CHECK(answers(again) == answers(edited));

  // A local file is part of what the cache is valid for.
  const fs::path local = data / "local.tsv";
  {
    std::ofstream out(local, std::ios::binary);
    out << "test-local-person\tcountry\tIR\ntest-local-person\ten\tLocalname Testperson\n";
  }
  const Gazetteer with_local = Gazetteer::load_cached(data, {local}, cache);
  CHECK(with_local.resolve(Kind::Official, "Localname Testperson") != nullptr);
  CHECK(Gazetteer::load_cached(data, {}, cache).resolve(Kind::Official, "Localname Testperson") == nullptr);

  // A damaged cache file is loaded around and written again.
  for (const auto& entry : fs::directory_iterator(cache)) {
    std::ofstream out(entry.path(), std::ios::binary | std::ios::trunc);
    out << "IRGAZIMG garbage";
  }
  const Gazetteer repaired = Gazetteer::load_cached(data, {}, cache);
  CHECK(answers(repaired) == answers(edited));
  for (const auto& entry : fs::directory_iterator(cache)) CHECK(read(entry.path()).size() > 1000);

  // Bad data is still load()'s error, naming the file and line; no cache is written for it.
  {
    std::ofstream out(data / "officials.tsv", std::ios::app | std::ios::binary);
    out << "Not A Slug\ten\tSomeone\n";
  }
  CHECK_THROWS_WITH(Gazetteer::load_cached(data, {}, cache), doctest::Contains("officials.tsv:"));

  // A cache folder that cannot be made costs nothing but the time.
  CHECK(answers(Gazetteer::load_cached(iran::entities::find_data_dir(), {}, "/proc/no-such-dir")) ==
        answers(loaded()));
  fs::remove_all(data);
  fs::remove_all(cache);
}

TEST_CASE("a new image prunes the cache folder's older images of other builds, and nothing else") {
  const fs::path cache = temp_dir("prune");
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(48);
  auto put = [&](const std::string& name, int hours_ago) {
    std::ofstream(cache / name, std::ios::binary) << "IRGAZIMG another build's image";
    fs::last_write_time(cache / name, old + std::chrono::hours(48 - hours_ago));
  };
  // Six images of earlier builds (or other data folders), an hour apart; a temporary file
  // of a killed writer two hours old and one being written now; other kinds of cache file.
  for (int i = 1; i <= 6; ++i) put("gazetteer-00000000000000" + std::to_string(10 + i) + ".bin", i);
  put(".cache-1-2", 2);
  put(".cache-3-4", 0);
  put("facets-some-table-1.bin", 30);
  put("summary-some-summary-1.bin", 30);
  put("gazetteer-notes.txt", 30);

  const Gazetteer g = Gazetteer::load_cached(iran::entities::find_data_dir(), {}, cache);
  CHECK(answers(g) == answers(loaded()));
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(cache)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  REQUIRE(names.size() == 8);
  // Its own image, and the three newest others.
  CHECK(names[0] == ".cache-3-4");
  CHECK(names[1] == "facets-some-table-1.bin");
  CHECK(names[2] == "gazetteer-0000000000000011.bin");
  CHECK(names[3] == "gazetteer-0000000000000012.bin");
  CHECK(names[4] == "gazetteer-0000000000000013.bin");
  CHECK(names[5].rfind("gazetteer-", 0) == 0);
  CHECK(names[5].ends_with(".bin"));
  CHECK(read(cache / names[5]).size() > 1000);
  CHECK(names[6] == "gazetteer-notes.txt");
  CHECK(names[7] == "summary-some-summary-1.bin");

  // Read back from the cache, the image is not rewritten and nothing more is removed.
  const auto written = fs::last_write_time(cache / names[5]);
  CHECK(answers(Gazetteer::load_cached(iran::entities::find_data_dir(), {}, cache)) == answers(loaded()));
  CHECK(fs::last_write_time(cache / names[5]) == written);
  CHECK(std::distance(fs::directory_iterator(cache), fs::directory_iterator()) == 8);
  fs::remove_all(cache);
}
