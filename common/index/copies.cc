#include "index/copies.h"

#include <algorithm>
#include <array>

#include "index/schema.h"
#include "index/stored_fields.h"
#include "text/analyzer.h"
#include "util/strings.h"

namespace iran::index {
namespace {

constexpr std::size_t kShingleWords = 5;
constexpr std::size_t kBands = 8;
constexpr std::size_t kRows = 4;
constexpr std::size_t kHashes = kBands * kRows;
constexpr std::size_t kMaxCandidates = 50;

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

bool word_byte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !word_byte(static_cast<unsigned char>(text[i]))) ++i;
    const std::size_t start = i;
    while (i < text.size() && word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

// The key an article was given: its copy key term (every article long enough to be a
// copy has one; the value only once a copy of it exists).
std::string key_of(const Xapian::Document& doc) {
  if (std::string value = doc.get_value(schema::kCopySlot); !value.empty()) return value;
  auto t = doc.termlist_begin();
  t.skip_to(std::string(schema::kCopyPrefix));
  if (t == doc.termlist_end()) return {};
  const std::string term = *t;
  return term.rfind(schema::kCopyPrefix, 0) == 0 ? term.substr(schema::kCopyPrefix.size()) : std::string();
}

}  // namespace

std::vector<std::uint64_t> shingles(std::string_view normalized_body) {
  const auto words = words_of(normalized_body);
  std::vector<std::uint64_t> out;
  if (words.size() < kCopyMinWords) return out;
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::uint64_t h = util::fnv1a64("");
    for (std::size_t j = 0; j < kShingleWords; ++j) h = util::fnv1a64(words[i + j], util::fnv1a64(" ", h));
    out.push_back(h);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double overlap(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) ++common, ++i, ++j;
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

CopyPrint copy_print(std::string_view normalized_body) {
  CopyPrint print;
  print.shingles = shingles(normalized_body);
  if (print.shingles.empty()) return print;  // too short to call a copy: no key, never collapsed
  std::array<std::uint64_t, kHashes> minhash;
  minhash.fill(~0ULL);
  for (const auto s : print.shingles)
    for (std::size_t k = 0; k < kHashes; ++k) minhash[k] = std::min(minhash[k], mix(s ^ (k * 0x632be59bd9b4e019ULL)));
  for (std::size_t b = 0; b < kBands; ++b) {
    std::uint64_t h = util::fnv1a64(std::string(1, static_cast<char>('a' + b)));
    for (std::size_t r = 0; r < kRows; ++r) h = mix(h ^ minhash[b * kRows + r]);
    print.bands.push_back(std::string(schema::kBandPrefix) + static_cast<char>('a' + b) + util::hex64(h));
  }
  return print;
}

void assign_copy_key(Xapian::WritableDatabase& db, Xapian::Document& doc, const std::string& relative_path,
                     std::string_view body, const text::Analyzer& analyzer) {
  assign_copy_key(db, doc, relative_path, copy_print(analyzer.normalize(body)), analyzer);
}

void assign_copy_key(Xapian::WritableDatabase& db, Xapian::Document& doc, const std::string& relative_path,
                     const CopyPrint& print, const text::Analyzer& analyzer) {
  assign_copy_key(
      db, [&db](Xapian::docid docid, const Xapian::Document& changed) { db.replace_document(docid, changed); }, doc,
      relative_path, print, analyzer);
}

void assign_copy_key(const Xapian::Database& db,
                     const std::function<void(Xapian::docid, const Xapian::Document&)>& update,
                     Xapian::Document& doc, const std::string& relative_path, std::string_view body,
                     const text::Analyzer& analyzer) {
  assign_copy_key(db, update, doc, relative_path, copy_print(analyzer.normalize(body)), analyzer);
}

void assign_copy_key(const Xapian::Database& db,
                     const std::function<void(Xapian::docid, const Xapian::Document&)>& update,
                     Xapian::Document& doc, const std::string& relative_path, const CopyPrint& print,
                     const text::Analyzer& analyzer) {
  const auto& mine = print.shingles;
  if (mine.empty()) return;  // too short to call a copy: no key, never collapsed
  std::vector<Xapian::Query> bands;
  for (const auto& term : print.bands) {
    doc.add_boolean_term(term);
    bands.emplace_back(term);
  }

  // The closest earlier article that passes; ties go to the lowest docid (the first indexed).
  std::string key;
  double best = 0;
  Xapian::docid best_docid = 0;
  if (db.get_doccount() > 0) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, bands.begin(), bands.end()));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet candidates = enquire.get_mset(0, kMaxCandidates);
    for (auto it = candidates.begin(); it != candidates.end(); ++it) {
      const Xapian::Document other = it.get_document();
      const std::string other_key = key_of(other);
      if (other_key.empty()) continue;
      const StoredFields fields = decode(other.get_data());
      if (fields.path == relative_path) continue;  // our own older version
      const double o = overlap(mine, shingles(analyzer.normalize(fields.body)));
      if (o >= kCopyOverlap && o > best) {
        best = o;
        key = other_key;
        best_docid = *it;
      }
    }
  }
  if (key.empty()) {
    // No copy yet: the key term only, so that a later copy finds it. Without a value
    // the article costs the collapse nothing (Xapian collapses on the value, and most
    // articles are nobody's copy).
    doc.add_boolean_term(std::string(schema::kCopyPrefix) +
                         util::hex64(util::fnv1a64(relative_path, mine.front() ^ mine.back())));
    return;
  }
  // The first copy of a story gives the article it copies the value too.
  if (Xapian::Document first = db.get_document(best_docid); first.get_value(schema::kCopySlot).empty()) {
    first.add_value(schema::kCopySlot, key);
    update(best_docid, first);
  }
  doc.add_value(schema::kCopySlot, key);
  doc.add_boolean_term(std::string(schema::kCopyPrefix) + key);
}

}  // namespace iran::index
