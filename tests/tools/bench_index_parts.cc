// What each part of an index costs on disk: the index is copied once whole and once
// without each part (positions, the title field, stems, copy-detection bands, name keys,
// values, stored text, spelling data), each copy compacted as `iranidx build` leaves a
// full build, and the difference is that part's cost. Every table's size is printed.
//
// Usage: bench_index_parts INDEX WORKDIR   (WORKDIR is made and emptied; run by hand, see
// README "Index size"). Prints "parts: NAME total_mb=.. cost_mb=.. TABLE=MB ...".
#include <xapian.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "index/schema.h"

namespace fs = std::filesystem;

namespace {

enum class Keep { Drop, NoPositions, Whole };

struct Variant {
  std::string name;
  std::function<Keep(const std::string&)> term = [](const std::string&) { return Keep::Whole; };
  bool values = true, data = true, spelling = true;
};

// The prefix of a term: its leading capitals (Xapian's convention, which the schema follows).
std::string prefix_of(const std::string& term) {
  std::size_t i = 0;
  while (i < term.size() && term[i] >= 'A' && term[i] <= 'Z') ++i;
  return term.substr(0, i);
}

std::map<std::string, std::uintmax_t> tables(const fs::path& dir) {
  std::map<std::string, std::uintmax_t> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".glass") out[e.path().stem().string()] = fs::file_size(e);
  return out;
}

void copy(const Xapian::Database& src, const fs::path& out_dir, const Variant& v) {
  Xapian::WritableDatabase out(out_dir.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  for (auto it = src.postlist_begin(""); it != src.postlist_end(""); ++it) {
    const Xapian::Document doc = src.get_document(*it);
    Xapian::Document copy;
    if (v.data) copy.set_data(doc.get_data());
    if (v.values)
      for (auto val = doc.values_begin(); val != doc.values_end(); ++val) copy.add_value(val.get_valueno(), *val);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      const Keep keep = v.term ? v.term(*t) : Keep::Whole;
      if (keep == Keep::Drop) continue;
      const Xapian::termcount positions = t.positionlist_count();
      if (keep == Keep::NoPositions || positions == 0) {
        copy.add_term(*t, t.get_wdf());
        continue;
      }
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) copy.add_posting(*t, *p);
      if (t.get_wdf() > positions) copy.add_term(*t, t.get_wdf() - positions);
    }
    out.replace_document(*it, copy);
  }
  if (v.spelling)
    for (auto w = src.spellings_begin(); w != src.spellings_end(); ++w) out.add_spelling(*w, w.get_termfreq());
  for (auto k = src.synonym_keys_begin(); k != src.synonym_keys_end(); ++k)
    for (auto s = src.synonyms_begin(*k); s != src.synonyms_end(*k); ++s) out.add_synonym(*k, *s);
  for (auto k = src.metadata_keys_begin(); k != src.metadata_keys_end(); ++k) out.set_metadata(*k, src.get_metadata(*k));
  out.commit();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: bench_index_parts INDEX WORKDIR\n");
    return 2;
  }
  namespace schema = iran::schema;
  try {
    const Xapian::Database src(argv[1]);
    const fs::path work = argv[2];
    auto with_prefix = [](std::vector<std::string_view> prefixes, Keep keep) {
      return [prefixes, keep](const std::string& term) {
        const std::string p = prefix_of(term);
        for (auto want : prefixes)
          if (p == want) return keep;
        return Keep::Whole;
      };
    };
    const std::string title(schema::kTitlePrefix), title_stem = "Z" + title;
    const std::vector<Variant> variants = {
        {"whole"},
        {"positions", [](const std::string&) { return Keep::NoPositions; }},
        {"title positions", with_prefix({title}, Keep::NoPositions)},
        {"title field", with_prefix({title, title_stem}, Keep::Drop)},
        {"stems (Z)", with_prefix({"Z", title_stem}, Keep::Drop)},
        {"copy bands (XH)", with_prefix({schema::kBandPrefix}, Keep::Drop)},
        {"name keys (XN)", with_prefix({schema::kNameKeyPrefix}, Keep::Drop)},
        {"values", {}, false},
        {"stored text", {}, true, false},
        {"spelling", {}, true, true, false},
    };
    std::uintmax_t whole = 0;
    for (const auto& v : variants) {
      const fs::path raw = work / "copy", compacted = work / "compacted";
      fs::remove_all(raw);
      fs::remove_all(compacted);
      fs::create_directories(work);
      copy(src, raw, v);
      Xapian::Database(raw.string()).compact(compacted.string(), Xapian::DBCOMPACT_NO_RENUMBER);
      std::uintmax_t total = 0;
      const auto sizes = tables(compacted);
      for (const auto& [name, bytes] : sizes) total += bytes;
      if (v.name == "whole") whole = total;
      std::printf("parts: %-16s total_mb=%.2f cost_mb=%.2f", v.name.c_str(), total / 1e6,
                  (static_cast<double>(whole) - static_cast<double>(total)) / 1e6);
      for (const auto& [name, bytes] : sizes) std::printf(" %s=%.2f", name.c_str(), bytes / 1e6);
      std::printf("\n");
      std::fflush(stdout);
    }
    fs::remove_all(work / "copy");
    fs::remove_all(work / "compacted");
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "bench_index_parts: %s\n", e.get_description().c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_index_parts: %s\n", e.what());
    return 2;
  }
  return 0;
}
