#include "index/gazetteer_state.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "entities/gazetteer.h"
#include "entities/name_key.h"
#include "index/discovered.h"
#include "index/schema.h"
#include "text/analyzer.h"
#include "util/strings.h"

namespace iran::index {
namespace {

using Key = std::pair<char, std::string>;  // kind letter, ID

struct Stored {
  std::string hash;
  std::vector<std::string> names;
};

char kind_letter(entities::Kind k) {
  return k == entities::Kind::Country ? 'C' : k == entities::Kind::Official ? 'O' : 'S';
}

std::string_view kind_prefix(char letter) {
  return letter == 'C' ? schema::kCountryPrefix : letter == 'O' ? schema::kOfficialPrefix : schema::kSourcePrefix;
}

// "K\tID\tHASH\tname\x1fname..." lines. Rows are TSV, so no name holds a tab or a newline.
std::string encode_prints(const std::vector<entities::EntryPrint>& prints) {
  std::string out;
  for (const auto& p : prints) {
    out += kind_letter(p.kind);
    out += '\t' + p.id + '\t' + util::hex64(p.hash) + '\t';
    for (std::size_t i = 0; i < p.names.size(); ++i) out += (i ? "\x1f" : "") + p.names[i];
    out += '\n';
  }
  return out;
}

std::map<Key, Stored> decode_prints(const std::string& value) {
  std::map<Key, Stored> out;
  for (const auto& line : util::split(value, '\n')) {
    const auto fields = util::split(line, '\t');
    if (fields.size() < 3 || fields[0].size() != 1) continue;
    Stored s{fields[2], {}};
    if (fields.size() >= 4 && !fields[3].empty()) s.names = util::split(fields[3], '\x1f');
    out.emplace(Key{fields[0][0], fields[1]}, std::move(s));
  }
  return out;
}

std::map<Key, Stored> current_prints(const entities::Gazetteer& gazetteer) {
  std::map<Key, Stored> out;
  for (auto& p : gazetteer.entry_prints()) out.emplace(Key{kind_letter(p.kind), p.id}, Stored{util::hex64(p.hash), p.names});
  return out;
}

std::string join_lines(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += w + '\n';
  return out;
}

// What in an article can come from a name: its words (as written, or stemmed, so that
// a clitic or a case ending does not hide it), its keys (a discovered person whose key
// is the name's becomes that official), and a metadata value written as the name.
void add_name(std::vector<Xapian::Query>& out, char kind, const std::string& name, const text::Analyzer& analyzer) {
  std::vector<Xapian::Query> words;
  for (const auto& t : analyzer.analyze(name)) {
    std::vector<Xapian::Query> forms{Xapian::Query(t.term)};
    if (!t.stem.empty()) forms.emplace_back("Z" + t.stem);
    words.emplace_back(Xapian::Query::OP_OR, forms.begin(), forms.end());
  }
  if (!words.empty()) out.emplace_back(Xapian::Query::OP_AND, words.begin(), words.end());
  out.emplace_back(schema::bounded_term(kind_prefix(kind), util::ascii_lower(name)));
  for (const auto& k : entities::name_span_keys(name)) out.emplace_back(name_key_term(k));
  // A discovered name matched by its first and last words (Khalid ... al-Attiyah).
  std::vector<std::string> name_words;
  std::string word;
  for (const char c : name + ' ') {
    if (c != ' ' && c != '-') {
      word += c;
      continue;
    }
    if (!word.empty() && !entities::name_keys(word).empty()) name_words.push_back(word);
    word.clear();
  }
  if (name_words.size() >= 2) {
    const auto first = entities::name_keys(name_words.front()), last = entities::name_keys(name_words.back());
    out.emplace_back(Xapian::Query::OP_AND, Xapian::Query(name_key_term(first.front())),
                     Xapian::Query(name_key_term(last.front())));
  } else if (name_words.size() == 1) {
    for (const auto& k : entities::name_keys(name_words.front()))
      if (k.size() >= 2) out.emplace_back(name_key_term(k));
  }
}

}  // namespace

void store_gazetteer_state(Xapian::WritableDatabase& db, const entities::Gazetteer& gazetteer) {
  db.set_metadata(std::string(schema::kMetaGazetteerEntries), encode_prints(gazetteer.entry_prints()));
  db.set_metadata(std::string(schema::kMetaGazetteerShared), util::hex64(gazetteer.shared_hash()));
  db.set_metadata(std::string(schema::kMetaGazetteerGiven), join_lines(gazetteer.given_names()));
}

std::optional<GazetteerChange> gazetteer_change(const Xapian::Database& db, const entities::Gazetteer& gazetteer,
                                                const text::Analyzer& analyzer) {
  const std::string stored_entries = db.get_metadata(std::string(schema::kMetaGazetteerEntries));
  if (stored_entries.empty() ||
      db.get_metadata(std::string(schema::kMetaGazetteerShared)) != util::hex64(gazetteer.shared_hash()))
    return std::nullopt;
  const auto before = decode_prints(stored_entries);
  const auto now = current_prints(gazetteer);

  GazetteerChange change;
  std::vector<Xapian::Query> lookups;
  auto changed = [&](const Key& key, const Stored* old, const Stored* fresh) {
    ++change.entries;
    lookups.emplace_back(schema::bounded_term(kind_prefix(key.first), util::ascii_lower(key.second)));
    std::set<std::string> names;
    for (const auto* s : {old, fresh})
      if (s) names.insert(s->names.begin(), s->names.end());
    for (const auto& name : names) add_name(lookups, key.first, name, analyzer);
  };
  for (const auto& [key, old] : before) {
    const auto it = now.find(key);
    if (it == now.end()) changed(key, &old, nullptr);
    else if (it->second.hash != old.hash) changed(key, &old, &it->second);
  }
  for (const auto& [key, fresh] : now)
    if (!before.count(key)) changed(key, nullptr, &fresh);

  // A word that now opens (or no longer opens) an Arabic-script name for discovery.
  const auto old_given = util::split(db.get_metadata(std::string(schema::kMetaGazetteerGiven)), '\n');
  const auto new_given = gazetteer.given_names();
  const std::set<std::string> a(old_given.begin(), old_given.end()), b(new_given.begin(), new_given.end());
  std::vector<std::string> moved;
  std::set_symmetric_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(moved));
  for (const auto& word : moved) {
    if (word.empty()) continue;
    for (const auto& t : analyzer.analyze(word)) {
      lookups.emplace_back(t.term);
      if (!t.stem.empty()) lookups.emplace_back("Z" + t.stem);
    }
  }

  if (lookups.empty() || db.get_doccount() == 0) return change;
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, lookups.begin(), lookups.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const auto mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) change.documents.push_back(*it);
  std::sort(change.documents.begin(), change.documents.end());
  return change;
}

}  // namespace iran::index
