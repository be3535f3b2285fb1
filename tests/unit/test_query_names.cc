#include <doctest/doctest.h>

#include "entities/gazetteer.h"
#include "index/query_names.h"

using iran::index::space_joined_names;

TEST_CASE("hyphenated and joined names are spaced; other words are not") {
  const auto g = iran::entities::Gazetteer::load_default();
  CHECK(space_joined_names("amir-abdollahian talks", g) == "amir abdollahian talks");
  CHECK(space_joined_names("bagherikani", g) == "bagheri kani");
  // A joined spelling the gazetteer has already expands as it is.
  CHECK(space_joined_names("amirabdollahian", g) == "amirabdollahian");
  CHECK(space_joined_names("bagheri-kani", g) == "bagheri kani");
  CHECK(space_joined_names("twenty-year agreement", g) == "twenty-year agreement");
  CHECK(space_joined_names("neighborhood", g) == "neighborhood");
  CHECK(space_joined_names("\"amir-abdollahian\"", g) == "\"amir-abdollahian\"");
  CHECK(space_joined_names("title:amir-abdollahian", g) == "title:amir-abdollahian");
  CHECK(space_joined_names("-amir-abdollahian", g) == "-amir-abdollahian");
}
