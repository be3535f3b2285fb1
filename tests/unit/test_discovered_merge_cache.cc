#include "index/discovered_merge_cache.h"

#include <doctest/doctest.h>

#include "discovered_info.h"
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "util/strings.h"

namespace fs = std::filesystem;
using iran::index::cached_discovered_merge;
using iran::stored_summary;
using iran::tally_of;
using iran::index::discovered_merge_file;
using iran::index::DiscoveredInfo;
using iran::index::DiscoveredMerge;
using iran::index::DiscoveredPerson;
using iran::index::DiscoveredSummary;

namespace {

std::vector<DiscoveredInfo> people_infos() {
  return {info("qasim-al-araji", "Qasim al-Araji", "IQ", 3), info("qasm-alarjy", "قاسم الأعرجي", "IQ", 5),
          info("nasser-kanaani", "Nasser Kanaani", "IR"),     info("nasr-knany", "ناصر كنعاني"),
          info("hassan-ghandour", "Hassan Ghandour", "LB"),   info("hsyn-ghndwr", "حسين غندور", "LB"),
          info("alone", "Someone Else", "QA", 7)};
}

bool same_officials(const std::map<std::string, DiscoveredInfo>& a, const std::map<std::string, DiscoveredInfo>& b) {
  if (a.size() != b.size()) return false;
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
    if (i->first != j->first || i->second.id != j->second.id || i->second.name != j->second.name ||
        i->second.role != j->second.role || i->second.country != j->second.country || i->second.articles != j->second.articles)
      return false;
  return true;
}

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
    REQUIRE(b.name_of(id));
    CHECK(*a.name_of(id) == *b.name_of(id));
    CHECK(a.ids_for(d.name, {}) == b.ids_for(d.name, {}));
  }
  CHECK_FALSE(b.name_of("nobody"));
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("the join read from the cache folder is the join made, and a damaged file is joined again") {
  const fs::path cache = fs::temp_directory_path() / ("iran-merge-cache-" + std::to_string(::getpid()));
  fs::remove_all(cache);
  const auto summary = stored_summary(people_infos());
  const auto& m = summary->officials();
  REQUIRE(m.size() == 7);
  const DiscoveredMerge made(m);
  REQUIRE(made.people().size() == 2);  // al-Araji and Kanaani; Ghandour's vowels differ
  const std::string name = discovered_merge_file(*summary);
  REQUIRE_FALSE(name.empty());

  const auto first = cached_discovered_merge(summary, cache);  // joined, and written
  check_same(made, first, m);
  REQUIRE(fs::exists(cache / name));
  const std::string good = read_bytes(cache / name);
  // Read from the file, names from a summary whose officials' map was never made.
  const auto fresh = stored_summary(people_infos());
  const auto second = cached_discovered_merge(fresh, cache);
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
    const auto one = cached_discovered_merge(summary, cache);
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
    check_same(made, cached_discovered_merge(summary, cache), m);
    CHECK_MESSAGE(read_bytes(cache / name) == good, "byte " << at);
  }

  // Other officials (one more article for one of them; a country that now disagrees) are
  // another join, another file.
  auto infos = people_infos();
  infos.back().articles += 1;
  CHECK(discovered_merge_file(*stored_summary(infos)) != name);
  infos[3].country = "IQ";  // Kanaani's Arabic spelling, now of another country
  const auto changed = stored_summary(infos);
  const auto other = cached_discovered_merge(changed, cache);
  check_same(DiscoveredMerge(changed->officials()), other, changed->officials());
  CHECK(other.people().size() == 1);
  // A summary made from the terms (no stored key) has a print of its own too.
  const auto from_terms = std::make_shared<const DiscoveredSummary>(tally_of(people_infos()));
  CHECK(same_officials(from_terms->officials(), m));
  check_same(made, cached_discovered_merge(from_terms, cache), m);
  check_same(made, cached_discovered_merge(from_terms, cache), m);
  // No folder: joined, nothing written.
  check_same(made, cached_discovered_merge(summary, fs::path()), m);
  fs::remove_all(cache);
}

TEST_CASE("a summary's has() and name() answer as its officials' map, without making it") {
  const auto summary = stored_summary(people_infos());
  const auto from_terms = std::make_shared<const DiscoveredSummary>(tally_of(people_infos()));
  for (const auto* s : {summary.get(), from_terms.get()}) {
    for (const auto& d : people_infos()) {
      CHECK(s->has(d.id));
      REQUIRE(s->name(d.id));
      CHECK(*s->name(d.id) == d.name);
    }
    CHECK_FALSE(s->has("nobody"));
    CHECK_FALSE(s->has(""));
    CHECK_FALSE(s->has("zzz"));
    CHECK_FALSE(s->name("alon"));
  }
  CHECK(same_officials(summary->officials(), from_terms->officials()));
  // Equal officials and keys, equal prints; another official, another print.
  CHECK(stored_summary(people_infos())->fingerprint() == summary->fingerprint());
  auto infos = people_infos();
  infos[0].name = "Qassim al-Araji";
  CHECK(stored_summary(infos)->fingerprint() != summary->fingerprint());
}

TEST_CASE("a merge of people is refused unless each is two or more of the officials, each in one person") {
  const auto summary = stored_summary(people_infos());
  auto names = [summary](std::string_view id) { return summary->name(id); };
  CHECK(DiscoveredMerge::of_people({}, names));
  CHECK(DiscoveredMerge::of_people({DiscoveredPerson{{"qasim-al-araji", "qasm-alarjy"}, "Qasim al-Araji (قاسم الأعرجي)"}}, names));
  CHECK_FALSE(DiscoveredMerge::of_people({DiscoveredPerson{{"qasim-al-araji", "nobody"}, "x"}}, names));
  CHECK_FALSE(DiscoveredMerge::of_people({DiscoveredPerson{{"qasim-al-araji"}, "x"}}, names));
  CHECK_FALSE(DiscoveredMerge::of_people({DiscoveredPerson{{"qasim-al-araji", "qasm-alarjy"}, "a"},
                                          DiscoveredPerson{{"nasr-knany", "qasm-alarjy"}, "b"}}, names));
}
