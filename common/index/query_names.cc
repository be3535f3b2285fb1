#include "index/query_names.h"

#include "entities/gazetteer.h"

namespace iran::index {
namespace {

constexpr std::size_t kMinJoined = 8;  // shorter words are not two names run together
constexpr std::size_t kMinPart = 3;

bool is_letter(unsigned char c) { return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool names_entity(const entities::Gazetteer& g, const std::string& name) {
  return g.resolve_name(entities::Kind::Official, name) || g.resolve_name(entities::Kind::Country, name);
}

// The spaced form of one word, or empty when it is not a joined name.
std::string spaced(std::string_view word, const entities::Gazetteer& g) {
  if (word.empty() || word.find(':') != std::string_view::npos) return {};
  for (const char c : word)
    if (!is_letter(static_cast<unsigned char>(c)) && c != '-') return {};
  if (word.find('-') != std::string_view::npos) {
    std::string s(word);
    for (char& c : s)
      if (c == '-') c = ' ';
    return names_entity(g, s) ? s : std::string();
  }
  if (word.size() < kMinJoined || names_entity(g, std::string(word))) return {};
  for (std::size_t i = kMinPart; i + kMinPart <= word.size(); ++i) {
    if ((static_cast<unsigned char>(word[i]) & 0xC0) == 0x80) continue;  // inside a UTF-8 letter
    std::string s = std::string(word.substr(0, i)) + ' ' + std::string(word.substr(i));
    if (names_entity(g, s)) return s;
  }
  return {};
}

}  // namespace

std::string space_joined_names(std::string_view query, const entities::Gazetteer& gazetteer) {
  std::string out;
  bool quoted = false;
  std::size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (c == '"') quoted = !quoted;
    if (quoted || c == ' ' || c == '"' || c == '(' || c == ')') {
      out += c;
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < query.size() && query[j] != ' ' && query[j] != '"' && query[j] != '(' && query[j] != ')') ++j;
    const std::string_view word = query.substr(i, j - i);
    // +word and -word (must, must not) stay as typed: Xapian has no +(a b).
    const std::size_t lead = (word[0] == '+' || word[0] == '-') ? 1 : 0;
    const std::string s = spaced(word.substr(lead), gazetteer);
    out += s.empty() || lead ? std::string(word) : s;
    i = j;
  }
  return out;
}

}  // namespace iran::index
