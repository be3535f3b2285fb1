// Syndicated copies: one agency story printed by several papers. Articles whose
// normalized bodies are the same, or nearly the same (at least kCopyOverlap of their
// word 5-shingles shared, Jaccard), get one copy key; the searcher collapses on it.
//
// Finding near copies without comparing every pair: each body gets a MinHash signature
// whose bands are indexed as terms (kBandPrefix). A new article is compared, shingle by
// shingle, only with the articles that share a band with it (at 90% overlap a copy
// shares at least one of the 8 bands with probability > 0.999), and takes the key of the
// closest one that passes; otherwise its own.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace iran::text { class Analyzer; }

namespace iran::index {

inline constexpr double kCopyOverlap = 0.9;
// Bodies shorter than this many words are never copies of anything: a one-line body
// ("Photo: AFP") says nothing about the story.
inline constexpr std::size_t kCopyMinWords = 12;

// The distinct hashes of the word 5-shingles of a normalized body, sorted.
std::vector<std::uint64_t> shingles(std::string_view normalized_body);

// |a ∩ b| / |a ∪ b| of two sorted sets.
double overlap(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

// Adds the band terms and the copy key term to `doc`, an article with this path and
// body about to be written to `db` (which may hold an older version of it: that one is
// ignored). Only articles with a copy carry the key as a value (kCopySlot), which the
// searcher collapses on: when `doc` is the first copy of an article, that article is
// given the value in `db` too. A lone article has the term alone, so collapsing and
// counting stories cost nothing for it.
void assign_copy_key(Xapian::WritableDatabase& db, Xapian::Document& doc, const std::string& relative_path,
                     std::string_view body, const text::Analyzer& analyzer);

// What copy detection needs of a body, computed away from the database (on a build's
// worker threads): its shingles and its MinHash band terms. Empty for a short body.
struct CopyPrint {
  std::vector<std::uint64_t> shingles;
  std::vector<std::string> bands;
};
CopyPrint copy_print(std::string_view normalized_body);

// assign_copy_key from the print: what the build's writer thread calls.
void assign_copy_key(Xapian::WritableDatabase& db, Xapian::Document& doc, const std::string& relative_path,
                     const CopyPrint& print, const text::Analyzer& analyzer);

// The same over articles read through `db` and changed through `update` (docids of
// `db`): the shards of a layout, combined so that copies in different shards get one key.
void assign_copy_key(const Xapian::Database& db,
                     const std::function<void(Xapian::docid, const Xapian::Document&)>& update,
                     Xapian::Document& doc, const std::string& relative_path, std::string_view body,
                     const text::Analyzer& analyzer);
void assign_copy_key(const Xapian::Database& db,
                     const std::function<void(Xapian::docid, const Xapian::Document&)>& update,
                     Xapian::Document& doc, const std::string& relative_path, const CopyPrint& print,
                     const text::Analyzer& analyzer);

}  // namespace iran::index
