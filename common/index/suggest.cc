#include "index/suggest.h"

#include <algorithm>
#include <map>

#include "entities/gazetteer.h"
#include "index/schema.h"
#include "text/normalizer.h"
#include "util/strings.h"

namespace iran::index {
namespace {

constexpr std::string_view kArabicArticle = "\xD8\xA7\xD9\x84";  // ال
constexpr std::size_t kMaxTyped = 64;

const char* field_of(entities::Kind kind) {
  switch (kind) {
    case entities::Kind::Country: return "country";
    case entities::Kind::Official: return "official";
    case entities::Kind::Source: return "source";
  }
  return "";
}

std::string_view prefix_of(entities::Kind kind) {
  switch (kind) {
    case entities::Kind::Country: return schema::kCountryPrefix;
    case entities::Kind::Official: return schema::kOfficialPrefix;
    case entities::Kind::Source: return schema::kSourcePrefix;
  }
  return {};
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// 3: the whole name; 2: the name starts with the text (also after ال); 1: a later word
// does; 0: no match.
int match(std::string_view key, std::string_view typed) {
  if (key == typed) return 3;
  if (starts_with(key, kArabicArticle) && key.substr(kArabicArticle.size()) == typed) return 3;
  if (starts_with(key, typed)) return 2;
  if (starts_with(key, kArabicArticle) && starts_with(key.substr(kArabicArticle.size()), typed)) return 2;
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (key[i] != ' ' && key[i] != '-') continue;
    std::string_view word = key.substr(i + 1);
    if (starts_with(word, typed)) return 1;
    if (starts_with(word, kArabicArticle) && starts_with(word.substr(kArabicArticle.size()), typed)) return 1;
  }
  return 0;
}

}  // namespace

Suggester::Suggester(const entities::Gazetteer& gazetteer) {
  for (auto kind : {entities::Kind::Country, entities::Kind::Official, entities::Kind::Source}) {
    for (const entities::Entity* e : gazetteer.all(kind)) {
      auto names = gazetteer.names_of(*e);
      names.push_back(e->id);
      for (const auto& name : names) {
        std::string key = text::normalize_folded(name);
        if (!util::trim(key).empty()) entries_.push_back({std::move(key), name, e});
      }
    }
  }
}

std::vector<Suggestion> Suggester::suggest(std::string_view typed, const Xapian::Database& db,
                                           std::size_t limit) const {
  std::vector<Suggestion> out;
  if (typed.size() > kMaxTyped || util::find_invalid_utf8(typed) != std::string_view::npos) return out;
  const std::string key = std::string(util::trim(text::normalize_folded(util::trim(typed))));
  if (key.empty() || limit == 0) return out;

  struct Candidate {
    int score;
    Xapian::doccount count;
    const Entry* entry;
  };
  // The best-matching spelling of each entity.
  std::map<const entities::Entity*, Candidate> best;
  // القطري is typed for قطري as well as for a name that has the article.
  std::string bare;
  if (starts_with(key, kArabicArticle) && key.size() > kArabicArticle.size()) bare = key.substr(kArabicArticle.size());
  for (const auto& entry : entries_) {
    const int score = std::max(match(entry.key, key), bare.empty() ? 0 : match(entry.key, bare));
    if (score == 0) continue;
    auto [it, fresh] = best.try_emplace(entry.entity, Candidate{score, 0, &entry});
    // Ties keep the first spelling: display names come first, the ID last.
    if (!fresh && score > it->second.score) it->second = Candidate{score, 0, &entry};
  }
  std::vector<Candidate> ranked;
  for (auto& [entity, c] : best) {
    const std::string term = std::string(prefix_of(entity->kind)) + util::ascii_lower(entity->id);
    c.count = db.get_termfreq(term);
    ranked.push_back(c);
  }
  std::sort(ranked.begin(), ranked.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.count != b.count) return a.count > b.count;
    if (a.entry->name.size() != b.entry->name.size()) return a.entry->name.size() < b.entry->name.size();
    return a.entry->entity->id < b.entry->entity->id;
  });
  if (ranked.size() > limit) ranked.resize(limit);
  for (const auto& c : ranked) {
    const auto* e = c.entry->entity;
    out.push_back({field_of(e->kind), e->id, e->name_en.empty() ? e->id : e->name_en, c.entry->name, c.count});
  }
  return out;
}

}  // namespace iran::index
