#include "index/discovered_merge.h"

#include <doctest/doctest.h>

#include "discovered_info.h"

using iran::index::DiscoveredInfo;
using iran::index::DiscoveredMerge;
using iran::index::same_person;

namespace {

DiscoveredMerge merge_of(const std::vector<DiscoveredInfo>& infos) {
  std::map<std::string, DiscoveredInfo> m;
  for (const auto& d : infos) m.emplace(d.id, d);
  return DiscoveredMerge(m);
}

}  // namespace

TEST_SUITE("discovered_merge") {

TEST_CASE("one person in two scripts is one value") {
  const auto m = merge_of({info("qasim-al-araji", "Qasim al-Araji", "IQ", 3), info("qasm-alarjy", "قاسم الأعرجي", "IQ", 5),
                           info("nasser-kanaani", "Nasser Kanaani", "IR"), info("nasr-knany", "ناصر كنعاني"),
                           info("khalid-bin-salman", "Khalid bin Salman", "SA"), info("khald-bn-slman", "خالد بن سلمان", "SA")});
  REQUIRE(m.people().size() == 3);
  // The Latin spelling is the canonical one even when fewer articles give it.
  CHECK(m.canonical("qasm-alarjy") == "qasim-al-araji");
  CHECK(m.canonical("qasim-al-araji") == "qasim-al-araji");
  CHECK(m.person("qasm-alarjy")->label == "Qasim al-Araji (قاسم الأعرجي)");
  CHECK(m.ids_of("qasim-al-araji") == std::vector<std::string>{"qasim-al-araji", "qasm-alarjy"});
  CHECK(m.canonical("nasr-knany") == "nasser-kanaani");  // a country on one side only
  CHECK(m.canonical("khald-bn-slman") == "khalid-bin-salman");
  CHECK(m.aliases().at("qasm-alarjy") == "qasim-al-araji");
  CHECK(m.aliases().count("qasim-al-araji") == 0);
}

TEST_CASE("a Persian and an Arabic spelling join through the Latin one") {
  const auto m = merge_of({info("qasim-al-araji", "Qasim al-Araji", "IQ", 2), info("qasm-alarjy", "قاسم الأعرجي", "IQ"),
                           info("qasm-aarjy", "قاسم اعرجی", "IQ")});
  REQUIRE(m.people().size() == 1);
  CHECK(m.people()[0].ids.size() == 3);
  CHECK(m.canonical("qasm-aarjy") == "qasim-al-araji");
}

TEST_CASE("two people whose skeletons collide stay apart") {
  // Hassan حسن and Hussein حسين: one skeleton (h-s-n), other vowels.
  CHECK_FALSE(same_person(info("a", "Hassan Ghandour"), info("b", "حسين غندور")));
  CHECK_FALSE(same_person(info("a", "Hussein Ghandour"), info("b", "حسن غندور")));
  CHECK_FALSE(same_person(info("a", "Mohammed Kazemi"), info("b", "محمود كاظمي")));
  CHECK(same_person(info("a", "Hassan Ghandour"), info("b", "حسن غندور")));
  CHECK(same_person(info("a", "Hussein Ghandour"), info("b", "حسين غندور")));
  const auto m = merge_of({info("hassan-ghandour", "Hassan Ghandour", "LB"), info("hsyn-ghndwr", "حسين غندور", "LB")});
  CHECK(m.people().empty());
  CHECK(m.canonical("hsyn-ghndwr") == "hsyn-ghndwr");
  CHECK(m.aliases().empty());
}

TEST_CASE("different countries, one word, a short key: not joined") {
  CHECK_FALSE(same_person(info("a", "Hayan Abdul Ghani", "IQ"), info("b", "حيان عبد الغني", "KW")));
  CHECK(same_person(info("a", "Hayan Abdul Ghani", "IQ"), info("b", "حيان عبد الغني", "")));
  CHECK_FALSE(same_person(info("a", "Kanaani"), info("b", "كنعاني")));    // one word
  CHECK_FALSE(same_person(info("a", "Ali Reza"), info("b", "علي رضا")));  // l-r-z: too short to tell
  CHECK(merge_of({info("kanaani", "Kanaani"), info("knany", "كنعاني")}).people().empty());
}

TEST_CASE("a group is joined only when every two of its spellings are one person") {
  // Karim كريم and Karam كرم: Karim–كرم agree (a short i is not written), كرم–Karam agree,
  // but Karam is not كريم: no group.
  const auto m = merge_of({info("karim-salhab", "Karim Salhab"), info("krm-slhb", "كرم سلهب"), info("karam-salhab", "Karam Salhab"),
                           info("krym-slhb", "كريم سلهب")});
  CHECK(m.people().empty());
}

TEST_CASE("a name or ID means the person's every spelling; another vowel is another person") {
  const auto m = merge_of({info("qasim-al-araji", "Qasim al-Araji", "IQ"), info("qasm-alarjy", "قاسم الأعرجي", "IQ"),
                           info("hassan-ghandour", "Hassan Ghandour"), info("hsyn-ghndwr", "حسين غندور")});
  CHECK(m.ids_for("qasm-alarjy", {}) == std::vector<std::string>{"qasim-al-araji", "qasm-alarjy"});
  CHECK(m.ids_for("Qasim al-Araji", {}) == std::vector<std::string>{"qasim-al-araji", "qasm-alarjy"});
  CHECK(m.ids_for("hassan-ghandour", {"hassan-ghandour", "hsyn-ghndwr"}) == std::vector<std::string>{"hassan-ghandour"});
  // By key: the spellings whose vowels agree.
  CHECK(m.ids_for("Hussein Ghandour", {"hassan-ghandour", "hsyn-ghndwr"}) == std::vector<std::string>{"hsyn-ghndwr"});
  CHECK(m.ids_for("Nobody", {}).empty());
}

}
