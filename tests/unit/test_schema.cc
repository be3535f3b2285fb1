#include <doctest/doctest.h>

#include <string>

#include "index/schema.h"

using iran::schema::id_term;

TEST_CASE("the id term is Q plus the path, hashed when too long for Xapian") {
  CHECK(id_term("a/b.txt") == "Qa/b.txt");
  const std::string long_a(400, 'a');
  const std::string long_b = std::string(399, 'a') + "b";
  CHECK(id_term(long_a).size() <= 245);
  CHECK(id_term(long_a) != id_term(long_b));  // same head, different paths
  CHECK(id_term(long_a).rfind("Qaaaa", 0) == 0);
}

TEST_CASE("term prefixes are distinct and none is the start of another") {
  // Two features once both took XK (copy keys and name keys): each saw the other's terms.
  const auto& all = iran::schema::kAllTermPrefixes;
  for (std::size_t i = 0; i < std::size(all); ++i)
    for (std::size_t j = 0; j < std::size(all); ++j) {
      if (i == j) continue;
      INFO("prefixes " << all[i] << " and " << all[j]);
      CHECK(all[j].substr(0, all[i].size()) != all[i]);
    }
}

TEST_CASE("order keys sort by date then path; undated last both ways") {
  CHECK(iran::schema::order_key("20220501", "a.txt") == "20220501a.txt");
  CHECK(iran::schema::order_key("", "a.txt") < iran::schema::order_key("19870301", "z.txt"));    // newest first: undated last
  CHECK(iran::schema::oldest_key("", "a.txt") > iran::schema::oldest_key("20301231", "z.txt"));  // oldest first: undated last
  CHECK(iran::schema::order_key("20220501", "a.txt") < iran::schema::order_key("20220501", "b.txt"));
}

TEST_CASE("schema versions: older ones are upgraded, newer or unknown ones refused") {
  using iran::schema::SchemaAge;
  using iran::schema::schema_age;
  CHECK(schema_age(iran::schema::kSchemaVersion) == SchemaAge::Current);
  CHECK(schema_age("") == SchemaAge::Older);  // from before versions were stored
  CHECK(schema_age("1") == SchemaAge::Older);
  CHECK(schema_age("999") == SchemaAge::Newer);
  CHECK(schema_age("banana") == SchemaAge::Newer);
  CHECK(schema_age("4a") == SchemaAge::Newer);
  CHECK(schema_age("99999999999999999999") == SchemaAge::Newer);
  const std::string message = iran::schema::newer_schema_message("idx", "9\x1b[31m", "iransearch");
  CHECK(message.find("idx") != std::string::npos);
  CHECK(message.find('\x1b') == std::string::npos);  // the stored value is not printed raw
}
