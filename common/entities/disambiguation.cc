// From the trie's hits to mentions: which reading of a span is meant, when a bare
// surname counts (the text names the person in full, or a title stands before it),
// and when a known name belongs to someone else ("Hunter Biden").
#include <algorithm>
#include <map>

#include "entities/gazetteer_impl.h"

namespace iran::entities {
using namespace detail;

namespace {

bool other_given_name_before(const std::vector<Token>& tokens, std::size_t at) {
  if (at < 2 || !tokens[at].spaced_before || tokens[at].script != Script::Latin) return false;
  const Token& prev = tokens[at - 1];
  // The first word of a sentence is capitalized anyway.
  return prev.script == Script::Latin && (prev.casing == Casing::Title || prev.casing == Casing::Upper) &&
         !prev.breaks_before;
}

bool unknown_name_follows(const std::vector<Token>& tokens, std::size_t at) {
  return at < tokens.size() && tokens[at].spaced_before && tokens[at].script == Script::Latin &&
         (tokens[at].casing == Casing::Title || tokens[at].casing == Casing::Upper);
}

// A dateline: the capital opens a line and a dash, comma, parenthesis or colon follows
// it ("TEHRAN -", "MOSCOW, Aug. 17 (MNA)", "طهران - إرنا -", "موسكو - «عين اليوم»"). It
// says where the story was filed, not what it is about.
bool dateline(std::string_view text, std::size_t begin, std::size_t end) {
  for (std::size_t p = begin; p > 0; --p) {
    const char c = text[p - 1];
    if (c == '\n') break;
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  std::size_t q = end;
  while (q < text.size() && (text[q] == ' ' || text[q] == '\t')) ++q;
  const std::string_view rest = text.substr(q, 3);
  return !rest.empty() && (rest[0] == '-' || rest[0] == ',' || rest[0] == '(' || rest[0] == ':' ||
                           rest.substr(0, 3) == "\xE2\x80\x93" || rest.substr(0, 3) == "\xE2\x80\x94" ||  // – —
                           rest.substr(0, 2) == "\xD8\x8C");  // Arabic comma
}

}  // namespace

// Whether the words just before token `at` are a title ("President", "الرئيس").
bool Gazetteer::Impl::titled(const std::vector<Token>& tokens, std::size_t at) const {
  for (const auto& t : titles) {
    if (t.size() > at) continue;
    bool ok = true;
    for (std::size_t k = 0; k < t.size() && ok; ++k) {
      const auto& cands = tokens[at - t.size() + k].candidates;
      ok = std::any_of(cands.begin(), cands.end(), [&](const Candidate& c) { return c.key == t[k]; });
    }
    if (ok) return true;
  }
  return false;
}


std::vector<Mention> Gazetteer::Impl::mentions(std::string_view text, const Trie& trie, bool places) const {
  return mentions(text, detail::tokenize(text), trie, places);
}

std::vector<Mention> Gazetteer::Impl::mentions(std::string_view text, const std::vector<detail::Token>& tokens,
                                               const Trie& trie, bool places) const {
  auto hits = trie.scan(tokens);
  // Officials named in full (or by a distinctive short form, or title + surname)
  // anywhere in the text: their bare surnames count. Anywhere rather than "before":
  // a headline often says "Bagheri" before the body says "Ali Bagheri Kani".
  std::vector<const Entry*> chosen(hits.size(), nullptr);
  std::map<const Entity*, std::vector<std::size_t>> named;  // official → token indexes of full namings
  for (std::size_t h = 0; h < hits.size(); ++h) {
    const auto& readings = hits[h].readings;
    // "Yeganeh Salehi", "Heydar Aliyev", "Hunter Biden": a short form right after a
    // first name we do not know is someone else of that name. A title is no first name.
    const bool other_person = other_given_name_before(tokens, hits[h].first) && !titled(tokens, hits[h].first);
    auto plain = std::find_if(readings.begin(), readings.end(), [&](const Entry* r) {
      return r->type != NameType::Surname && !(r->type == NameType::Short && other_person);
    });
    if (plain != readings.end()) {
      chosen[h] = *plain;
    } else if (!readings.empty() && titled(tokens, hits[h].first) && !unknown_name_follows(tokens, hits[h].last) &&
               std::all_of(readings.begin(), readings.end(),
                           [&](const Entry* r) { return r->entity == readings.front()->entity; })) {
      // "President Rouhani", "الرئيس روحاني". Not when the word has another reading
      // ("الرئيس السوداني" is "the Sudanese president"; "President Bush" is which
      // Bush?), nor when more of a name we do not know follows ("General Qassem
      // Soleymani" is not Naim Qassem).
      chosen[h] = readings.front();
    }
    if (chosen[h] && chosen[h]->entity->kind == Kind::Official) named[chosen[h]->entity].push_back(hits[h].first);
  }
  for (std::size_t h = 0; h < hits.size(); ++h) {
    // Two Larijanis, two Bushes: the one named last before this point, else the one
    // named first after it.
    const Entry* best = nullptr;
    bool best_before = false;
    std::size_t best_at = 0;
    for (const Entry* r : hits[h].readings) {
      if (r->type != NameType::Surname) continue;
      auto it = named.find(r->entity);
      if (it == named.end()) continue;
      const auto& at = it->second;  // ascending
      const auto after = std::upper_bound(at.begin(), at.end(), hits[h].first);
      const bool before = after != at.begin();
      const std::size_t pos = before ? *(after - 1) : *after;
      if (!best || (before && (!best_before || pos > best_at)) || (!before && !best_before && pos < best_at)) {
        best = r;
        best_before = before;
        best_at = pos;
      }
    }
    if (best) chosen[h] = best;
  }
  std::vector<Mention> out;
  for (std::size_t h = 0; h < hits.size(); ++h) {
    const Entry* r = chosen[h];
    if (!r) continue;
    const auto begin = tokens[hits[h].first].begin;
    const auto end = tokens[hits[h].last - 1].end;
    // A capital stands for its government ("Washington reimposed sanctions", "talks in
    // Vienna" are about the state's part in it), except in a dateline. Other places
    // (Gaza, the Kremlin) only when asked for.
    if (!places && (r->type == NameType::Place || (r->type == NameType::Capital && dateline(text, begin, end))))
      continue;
    out.push_back({r->entity, begin, end, std::string(text.substr(begin, end - begin)), match_kind(r->type)});
  }
  return out;
}

}  // namespace iran::entities
