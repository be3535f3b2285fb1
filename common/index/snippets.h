// Snippets and highlights made by the project's own analysis of the stored text: each
// word of the text becomes the term and stem the index gave it (the normalizer and the
// script stemmer, as at indexing), and a word is marked when either is one the query
// looks for. So every form the search matched is marked (talks for talk, والعلاقات for
// العلاقات, أيران for ايران), and nothing else.
//
// Cheap enough to run on every hit: a word is looked up by its bytes in a per-thread
// table of the words seen before, so the analysis runs once per distinct word of the
// process, not once per occurrence; the rest is one scan of the text.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iran::text { class Analyzer; }

namespace iran::index {

// A snippet scans at most this much of a hit's text for matches (a match deeper in a
// long text gets the text's opening instead), and `iransearch show` / GET /api/article
// highlight the first kArticleHighlightBytes of a text and show the rest plain: no
// search costs more for a long text (an article holds at most 4 MiB, corpus/input.h).
inline constexpr std::size_t kSnippetScanBytes = 256u << 10;
inline constexpr std::size_t kArticleHighlightBytes = 1u << 20;

// Text fit to mark: any byte that is not UTF-8 as U+FFFD, so with markers that UTF-8
// never holds (kHighlightStart, kHighlightEnd: 0xFE, 0xFF) no byte of a text's own
// (its 0x01 and 0x02 too) reads as a marker.
std::string marker_free(std::string_view text);

class Highlighter {
 public:
  // The words `query` looks for: its unprefixed terms and Z-stems, and the title
  // field's (S) as words of the text too; its name keys (XN) mark the words of the text
  // that have them (a name found in the other script); other prefixed terms (filters)
  // are no words.
  Highlighter(const Xapian::Query& query, const text::Analyzer& analyzer);

  bool empty() const { return terms_.empty() && stems_.empty() && keys_.empty(); }
  // Every word looked up and stemmed, none ruled out by its letters first (needs_,
  // stem_letters_): for the test that the rule changes no mark, and for measuring what
  // it saves.
  void stem_every_word() { letter_filter_ = false; }

  // A passage of about `bytes` bytes around the densest cluster of matched words (most
  // distinct query words, then most matches, the first on ties), cut at word boundaries,
  // "…" where the text goes on, whitespace runs as one space, matched words between
  // `open` and `close`. Empty when no word of the text matches.
  std::string snippet(std::string_view text, std::size_t bytes, char open, char close) const;

  // The whole text with every matched word between `open` and `close`.
  std::string highlight(std::string_view text, char open, char close) const;

 private:
  struct Match {
    std::size_t begin, end;
    std::uint32_t word;  // which of the query's words (for counting distinct ones)
  };
  // Every matched word of text[0, limit), in order.
  std::vector<Match> matches(std::string_view text, std::size_t limit) const;
  // The query word a word of the text is, or -1.
  int match(std::string_view word) const;
  // The query word a word of text matches by its name keys (XN), or -1.
  int key_match(std::string_view word) const;

  void reintern() const;

  // Interned ids (per thread, see snippets.cc: use a Highlighter on the thread that made
  // it) of the query's terms and stems, and the query word each stands for; made again
  // when the thread's tables start over.
  mutable std::vector<std::pair<std::uint32_t, std::uint32_t>> terms_, stems_;
  std::vector<std::pair<bool, std::string>> query_strings_;  // (is a stem, term)
  std::vector<std::string> keys_;  // the query's name-key (XN) terms: a word with one matches
  // Per Arabic stem of the query, the letters a word must have to stem to it (its
  // letters but those a stem may add: text::arabic_stem_added_letters). A word of Arabic
  // letters that has none of these sets cannot match a stem, so it is not stemmed.
  std::vector<std::uint64_t> stem_letters_;
  // The same for its ASCII stems, with the letters the English stemmer may add
  // (text::english_stem_added_letters).
  std::vector<std::uint64_t> ascii_stem_letters_;
  // Per word of the query that has them, the letters (ASCII letters and digits, Arabic
  // letters) a word of text must hold to give it as a term or stem: a word holding none
  // of these, and no character of other kinds, is no match and is not looked up
  // (snippets.cc, ScannedWord).
  std::vector<std::uint64_t> needs_;
  bool letter_filter_ = true;
  // Whether words ruled out by their letters are kept (unstemmed) in the thread's tables:
  // when the thread had highlighted before this Highlighter was made (a server's thread),
  // not for its first one (a process per query), whose words repeat too little.
  bool keep_unstemmed_ = false;
  mutable std::uint64_t generation_ = 0;
  const text::Analyzer& analyzer_;
};

}  // namespace iran::index
