#include "index/discovered.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "entities/name_key.h"
#include "index/schema.h"
#include "text/normalizer.h"
#include "text/utf8.h"

namespace iran::index {
namespace {

constexpr std::size_t kMaxTerm = 240;
constexpr char kSep = '\x1f';

// Keys use a few capitals (S ش, C چ, Z ژ); a term's value is lowercase by the schema's
// convention, so they are written as digits.
std::string encode(std::string_view key) {
  std::string out(key);
  for (auto& c : out) {
    if (c == 'S') c = '8';
    else if (c == 'C') c = '7';
    else if (c == 'Z') c = '9';
  }
  return out;
}

// At most `n` bytes of s, not cutting a UTF-8 sequence.
std::string utf8_prefix(std::string_view s, std::size_t n) {
  if (s.size() <= n) return std::string(s);
  int32_t i = static_cast<int32_t>(n);
  U8_SET_CP_START(reinterpret_cast<const uint8_t*>(s.data()), 0, i);
  return std::string(s.substr(0, static_cast<std::size_t>(i)));
}

std::vector<std::string> split_fields(std::string_view s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (;;) {
    const auto at = s.find(kSep, pos);
    out.emplace_back(s.substr(pos, at == std::string_view::npos ? std::string_view::npos : at - pos));
    if (at == std::string_view::npos) break;
    pos = at + 1;
  }
  return out;
}

std::vector<std::string> words_of(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  // text::utf8::next reads bad bytes as U+FFFD, which is no letter, digit or mark.
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t at = i;
    const auto c = static_cast<UChar32>(text::utf8::next(name, i));
    if (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK) {
      word.append(name.substr(at, i - at));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace

std::string discovered_term(const entities::DiscoveredOfficial& d) {
  std::string head = std::string(schema::kDiscoveredPrefix) + encode(entities::name_key(d.name)) + kSep + d.id + kSep +
                     d.name + kSep;
  const std::string tail = std::string(1, kSep) + d.country;
  if (head.size() + tail.size() > kMaxTerm) return utf8_prefix(head + tail, kMaxTerm);
  return head + utf8_prefix(d.role, kMaxTerm - head.size() - tail.size()) + tail;
}

std::string name_key_term(std::string_view key) { return std::string(schema::kNameKeyPrefix) + encode(key); }

DiscoveredTally discovered_tally(const Xapian::Database& db) {
  // Per ID, the names, roles and countries articles give, with how many give each.
  DiscoveredTally t;
  const std::string prefix(schema::kDiscoveredPrefix);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    const auto fields = split_fields(std::string_view(*it).substr(prefix.size()));
    if (fields.size() != 5) continue;
    const Xapian::doccount n = it.get_termfreq();
    t.names[fields[1]][fields[2]] += n;
    if (!fields[3].empty()) t.roles[fields[1]][fields[3]] += n;
    if (!fields[4].empty()) t.countries[fields[1]][fields[4]] += n;
  }
  // How many articles name each one: from the XP terms' own list, read in one pass. Asking
  // get_termfreq per ID costs a round trip per ID and remote shard (460 of them, 50 ms, on
  // 3,000 articles over 4 xapian-tcpsrv shards); an all-terms list carries the counts.
  // Every XP term is kept: another shard may have discovered the one this shard names.
  const std::string official(schema::kOfficialPrefix);
  for (auto it = db.allterms_begin(official); it != db.allterms_end(official); ++it)
    t.articles.emplace(std::string(*it).substr(official.size()), it.get_termfreq());
  return t;
}

void DiscoveredTally::add(const DiscoveredTally& other) {
  auto sum = [](auto& into, const auto& from) {
    for (const auto& [id, counts] : from)
      for (const auto& [value, n] : counts) into[id][value] += n;
  };
  sum(names, other.names);
  sum(roles, other.roles);
  sum(countries, other.countries);
  for (const auto& [id, n] : other.articles) articles[id] += n;
}

std::map<std::string, DiscoveredInfo> discovered_officials(const DiscoveredTally& t) {
  auto most = [](const std::map<std::string, Xapian::doccount>& m) {
    const auto best = std::max_element(m.begin(), m.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return best == m.end() ? std::string() : best->first;
  };
  std::map<std::string, DiscoveredInfo> out;
  for (const auto& [id, spellings] : t.names) {
    DiscoveredInfo info;
    info.id = id;
    info.name = most(spellings);
    if (const auto r = t.roles.find(id); r != t.roles.end()) info.role = most(r->second);
    if (const auto c = t.countries.find(id); c != t.countries.end()) info.country = most(c->second);
    const auto count = t.articles.find(id);
    info.articles = count == t.articles.end() ? 0 : count->second;
    out.emplace(id, std::move(info));
  }
  return out;
}

std::map<std::string, DiscoveredInfo> discovered_officials(const Xapian::Database& db) {
  return discovered_officials(discovered_tally(db));
}

std::vector<std::string> discovered_ids_for(const Xapian::Database& db, std::string_view name) {
  std::vector<std::string> ids;
  for (const auto& key : entities::name_key_variants(name)) {
    const std::string prefix = std::string(schema::kDiscoveredPrefix) + encode(key) + kSep;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      const auto fields = split_fields(std::string_view(*it).substr(schema::kDiscoveredPrefix.size()));
      if (fields.size() >= 2 && std::find(ids.begin(), ids.end(), fields[1]) == ids.end()) ids.push_back(fields[1]);
    }
  }
  return ids;
}

Xapian::Query unknown_name_query(std::string_view name) {
  const auto words = words_of(name);
  std::vector<Xapian::Query> alternatives;
  std::vector<std::string> terms;
  for (const auto& w : words) terms.push_back(text::normalize_folded(w));
  if (terms.size() == 1) alternatives.emplace_back(terms.front());
  else if (!terms.empty()) alternatives.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end());
  // By key: a whole name as a whole (its words scattered over an article are not it);
  // one word by its own keys when they say enough (Ali, "l", does not).
  if (words.size() > 1) {
    for (const auto& k : entities::name_span_keys(name)) alternatives.emplace_back(name_key_term(k));
  } else if (words.size() == 1) {
    for (const auto& k : entities::name_keys(words.front()))
      if (k.size() >= 2) alternatives.emplace_back(name_key_term(k));
  }
  if (alternatives.empty()) return Xapian::Query::MatchNothing;
  return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

}  // namespace iran::index
