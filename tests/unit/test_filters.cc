#include <doctest/doctest.h>

#include "entities/gazetteer.h"
#include "index/filters.h"
#include "index/search_request.h"

using namespace iran::index;

namespace {
const iran::entities::Gazetteer& gazetteer() {
  static const auto g = iran::entities::Gazetteer::load(iran::entities::find_data_dir());
  return g;
}
}  // namespace

TEST_CASE("names in any script, demonyms and IDs resolve to one term") {
  for (const char* name : {"Qatar", "qatar", "QA", "قطر", "Qatari"})
    CHECK_MESSAGE(filter_terms(gazetteer(), Field::Country, name) == std::vector<std::string>{"XCqa"}, name);
  CHECK(filter_terms(gazetteer(), Field::Official, "Bagheri Kani") == std::vector<std::string>{"XPali-bagheri-kani"});
  CHECK(filter_terms(gazetteer(), Field::Official, "علي باقري") == std::vector<std::string>{"XPali-bagheri-kani"});
  CHECK(filter_terms(gazetteer(), Field::Lang, "Arabic") == std::vector<std::string>{"Lar"});
  CHECK(filter_terms(gazetteer(), Field::Source, "Press TV") == std::vector<std::string>{"XSpresstv"});
}

TEST_CASE("an unknown name is a usage error with suggestions") {
  CHECK_THROWS_WITH_AS(filter_terms(gazetteer(), Field::Country, "Qatr"), doctest::Contains("did you mean 'Qatar'"),
                       UsageError);
  CHECK_THROWS_WITH_AS(filter_terms(gazetteer(), Field::Lang, "klingon"), doctest::Contains("unknown language"),
                       UsageError);
  CHECK_THROWS_AS(filter_query(gazetteer(), Field::Country, " , "), UsageError);
}

TEST_CASE("commas mean any of them") {
  const auto q = filter_query(gazetteer(), Field::Country, "Qatar, Oman");
  CHECK(q.get_description() == "Query((XCqa OR XCom))");
}

TEST_CASE("date filters match on overlap and refuse bad or reversed dates") {
  CHECK(date_query("2021-12", "").get_description() == "Query(VALUE_GE 7 20211201)");
  CHECK(date_query("", "2021").get_description() == "Query(VALUE_LE 0 20211231)");
  CHECK_THROWS_WITH_AS(date_query("2021-13-01", ""), doctest::Contains("--from '2021-13-01'"), UsageError);
  CHECK_THROWS_WITH_AS(date_query("2022", "2021"), doctest::Contains("is after"), UsageError);
}

TEST_CASE("a role resolves to whoever held it in the period") {
  const auto terms = filter_terms(gazetteer(), Field::Official, "foreign minister of Iran", {"2022-01", "2022-01"});
  CHECK(terms == std::vector<std::string>{"XPhossein-amir-abdollahian"});
}
