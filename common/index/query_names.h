// Names typed hyphenated or run together mean the name: `Amir-Abdollahian` and
// `Amirabdollahian` are rewritten to `Amir Abdollahian`, so that the query expands
// through the name's synonyms (every spelling, every script) as the spaced form does.
// Xapian would read the hyphenated form as a phrase, which is never expanded.
#pragma once

#include <string>
#include <string_view>

namespace iran::entities { class Gazetteer; }

namespace iran::index {

// Rewrites the words of a (normalized) query that are a country's or official's name
// with hyphens or without spaces; quoted phrases and field:value words are left alone.
std::string space_joined_names(std::string_view query, const entities::Gazetteer& gazetteer);

}  // namespace iran::index
