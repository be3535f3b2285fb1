#include "index/discovered_merge_cache.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "util/strings.h"

namespace fs = std::filesystem;
using iran::index::cached_discovered_merge;
using iran::index::discovered_merge_file;
using iran::index::DiscoveredInfo;
using iran::index::DiscoveredMerge;
using iran::index::DiscoveredPerson;
using iran::index::NameJoinKeys;

namespace {

DiscoveredInfo info(std::string id, std::string name, std::string country = "", Xapian::doccount articles = 1) {
  DiscoveredInfo d;
  d.id = std::move(id);
  d.name = std::move(name);
  d.country = std::move(country);
  d.articles = articles;
  return d;
}

std::map<std::string, DiscoveredInfo> officials() {
  std::map<std::string, DiscoveredInfo> m;
  for (const auto& d : {info("qasim-al-araji", "Qasim al-Araji", "IQ", 3), info("qasm-alarjy", "قاسم الأعرجي", "IQ", 5),
                        info("nasser-kanaani", "Nasser Kanaani", "IR"), info("nasr-knany", "ناصر كنعاني"),
                        info("hassan-ghandour", "Hassan Ghandour", "LB"), info("hsyn-ghndwr", "حسين غندور", "LB"),
                        info("alone", "Someone Else", "QA", 7)})
    m.emplace(d.id, d);
  return m;
}

// No stored keys: each name's keys derived, as DiscoveredMerge(map) does.
bool no_keys(std::string_view, NameJoinKeys&) { return false; }

// Everything a search asks of a merge.
void check_same(const DiscoveredMerge& a, const DiscoveredMerge& b, const std::map<std::string, DiscoveredInfo>& m) {
  REQUIRE(a.people().size() == b.people().size());
  for (std::size_t i = 0; i < a.people().size(); ++i) {
    CHECK(a.people()[i].ids == b.people()[i].ids);
    CHECK(a.people()[i].label == b.people()[i].label);
  }
  CHECK(a.aliases() == b.aliases());
  for (const auto& [id, d] : m) {
    CHECK(a.canonical(id) == b.canonical(id));
    CHECK(a.ids_of(id) == b.ids_of(id));
    REQUIRE(b.name_of(id) != nullptr);
    CHECK(*a.name_of(id) == *b.name_of(id));
    CHECK(a.ids_for(d.name, {}) == b.ids_for(d.name, {}));
  }
  CHECK(b.name_of("nobody") == nullptr);
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("the join read from the cache folder is the join made, and a damaged file is joined again") {
  const fs::path cache = fs::temp_directory_path() / ("iran-merge-cache-" + std::to_string(::getpid()));
  fs::remove_all(cache);
  const auto m = officials();
  const DiscoveredMerge made(m);
  REQUIRE(made.people().size() == 2);  // al-Araji and Kanaani; Ghandour's vowels differ
  const std::string name = discovered_merge_file(m);
  REQUIRE_FALSE(name.empty());

  const auto first = cached_discovered_merge(m, no_keys, cache);  // joined, and written
  check_same(made, first, m);
  REQUIRE(fs::exists(cache / name));
  const std::string good = read_bytes(cache / name);
  const auto second = cached_discovered_merge(m, no_keys, cache);  // read
  check_same(made, second, m);

  // It is the file that answers: the same file with one person left out (its checksum
  // made anew, as index/discovered_merge_cache.cc writes it) gives one person back.
  {
    const auto& keep = made.people().front();
    std::string body;
    auto u32 = [&](std::uint32_t v) { body.append(reinterpret_cast<const char*>(&v), 4); };
    auto str = [&](const std::string& v) { u32(static_cast<std::uint32_t>(v.size())); body += v; };
    u32(1);
    u32(static_cast<std::uint32_t>(keep.ids.size()));
    for (const auto& id : keep.ids) str(id);
    str(keep.label);
    const std::uint64_t sum = iran::util::fnv1a64(body);
    std::string file = good.substr(0, 16);
    file.append(reinterpret_cast<const char*>(&sum), 8);
    std::ofstream(cache / name, std::ios::binary | std::ios::trunc) << file + body;
    const auto one = cached_discovered_merge(m, no_keys, cache);
    REQUIRE(one.people().size() == 1);
    CHECK(one.people()[0].ids == keep.ids);
    CHECK(one.canonical(keep.ids[1]) == keep.ids[0]);
    std::ofstream(cache / name, std::ios::binary | std::ios::trunc) << good;
  }

  // Any changed byte: refused, joined again, and the file made right.
  for (std::size_t at : {std::size_t{0}, std::size_t{9}, std::size_t{17}, std::size_t{30}, good.size() - 1}) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x20);
    std::ofstream(cache / name, std::ios::binary | std::ios::trunc) << bad;
    check_same(made, cached_discovered_merge(m, no_keys, cache), m);
    CHECK_MESSAGE(read_bytes(cache / name) == good, "byte " << at);
  }

  // Other officials (one more article for one of them) are another join, another file.
  auto changed = m;
  changed["alone"].articles += 1;
  CHECK(discovered_merge_file(changed) != name);
  changed["nasr-knany"].country = "IQ";  // now Kanaani's spellings disagree on the country
  const auto other = cached_discovered_merge(changed, no_keys, cache);
  check_same(DiscoveredMerge(changed), other, changed);
  CHECK(other.people().size() == 1);
  // No folder: joined, nothing written.
  check_same(made, cached_discovered_merge(m, no_keys, fs::path()), m);
  fs::remove_all(cache);
}

TEST_CASE("a merge of people is refused unless each is two or more of the officials, each in one person") {
  const auto m = officials();
  CHECK(DiscoveredMerge::of_people(m, {}));
  CHECK(DiscoveredMerge::of_people(m, {DiscoveredPerson{{"qasim-al-araji", "qasm-alarjy"}, "Qasim al-Araji (قاسم الأعرجي)"}}));
  CHECK_FALSE(DiscoveredMerge::of_people(m, {DiscoveredPerson{{"qasim-al-araji", "nobody"}, "x"}}));
  CHECK_FALSE(DiscoveredMerge::of_people(m, {DiscoveredPerson{{"qasim-al-araji"}, "x"}}));
  CHECK_FALSE(DiscoveredMerge::of_people(m, {DiscoveredPerson{{"qasim-al-araji", "qasm-alarjy"}, "a"},
                                             DiscoveredPerson{{"nasr-knany", "qasm-alarjy"}, "b"}}));
}
