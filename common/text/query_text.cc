#include "text/query_text.h"

#include <algorithm>
#include <array>

#include "text/question_words.h"

namespace iran::text {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alnum_ascii(char c) { return is_upper(c) || is_lower(c) || (c >= '0' && c <= '9'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_joiner(char c) { return c == '-' || c == ':' || c == '/'; }

bool is_operator(std::string_view w) {
  static constexpr std::array<std::string_view, 7> kOps = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ", "SYN"};
  const std::string_view head = w.substr(0, w.find('/'));  // NEAR/5, ADJ/3
  return std::find(kOps.begin(), kOps.end(), head) != kOps.end();
}

// The length of a UTF-8 punctuation mark that ends a token (؟ ، ؛ … ” ’), or 0.
size_t trailing_mark(std::string_view t) {
  for (std::string_view m : {"\u061F", "\u060C", "\u061B", "\u2026", "\u201D", "\u2019", "\u00BB"})
    if (t.size() >= m.size() && t.substr(t.size() - m.size()) == m) return m.size();
  return 0;
}

bool is_trailing_ascii(char c) {
  return c == '?' || c == '!' || c == '.' || c == ',' || c == ';' || c == ')' || c == '"' || c == '\'';
}

// "Warsaw's", "Warsaw’s" → "Warsaw"; "states'" → "states" (ASCII words only).
std::string strip_possessive(std::string core) {
  auto letters_before = [&](size_t end) { return end >= 2 && is_alnum_ascii(core[end - 1]); };
  if (core.size() > 2 && core.compare(core.size() - 2, 2, "'s") == 0 && letters_before(core.size() - 2))
    core.resize(core.size() - 2);
  else if (core.size() > 4 && core.compare(core.size() - 4, 4, "\u2019s") == 0 && letters_before(core.size() - 4))
    core.resize(core.size() - 4);
  return core;
}

bool is_ascii_word(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w)
    if (!is_alnum_ascii(c) && c != '\'' && !is_joiner(c)) return false;
  return true;
}

// Title case (a capital, then some lowercase letter): lowercased. All capitals: kept.
std::string fold_capitalised(std::string core) {
  if (!is_ascii_word(core) || !is_upper(core[0]) || is_operator(core)) return core;
  const bool has_lower = std::any_of(core.begin(), core.end(), is_lower);
  if (!has_lower) return core;
  for (char& c : core)
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  return core;
}

// "a-b/c" → "(a-b/c OR (a b c))" when a joiner sits between two letters or digits.
std::string split_joined(const std::string& core) {
  bool joined = false;
  for (size_t i = 1; i + 1 < core.size(); ++i)
    if (is_joiner(core[i]) && core[i - 1] != core[i] && !is_joiner(core[i - 1]) && !is_joiner(core[i + 1]))
      joined = true;
  if (!joined) return core;
  std::string words;
  for (char c : core) {
    if (is_joiner(c)) {
      if (!words.empty() && words.back() != ' ') words += ' ';
    } else {
      words += c;
    }
  }
  while (!words.empty() && words.back() == ' ') words.pop_back();
  return "(" + core + " OR (" + words + "))";
}

std::string rewrite_token(std::string_view token, const std::vector<std::string>& fields) {
  // A field prefix: left to its field processor.
  if (const size_t colon = token.find(':'); colon != std::string_view::npos) {
    std::string_view head = token.substr(0, colon);
    while (!head.empty() && head.front() == '(') head.remove_prefix(1);
    if (std::find(fields.begin(), fields.end(), head) != fields.end()) return std::string(token);
  }
  size_t lead = 0;
  while (lead < token.size() && token[lead] == '(') ++lead;
  if (lead < token.size() && (token[lead] == '+' || token[lead] == '-')) return std::string(token);
  std::string_view rest = token.substr(lead);
  std::string tail;
  while (!rest.empty()) {
    if (const size_t m = trailing_mark(rest)) {
      tail.insert(0, rest.substr(rest.size() - m));
      rest.remove_suffix(m);
    } else if (is_trailing_ascii(rest.back())) {
      // An apostrophe ending a word is the plural possessive ("states'"): dropped.
      if (rest.back() != '\'') tail.insert(tail.begin(), rest.back());
      rest.remove_suffix(1);
    } else {
      break;
    }
  }
  if (rest.empty() || rest.find('*') != std::string_view::npos || rest.find('"') != std::string_view::npos)
    return std::string(token);
  if (is_operator(rest)) return std::string(token);
  std::string core = fold_capitalised(strip_possessive(std::string(rest)));
  core = split_joined(core);
  return std::string(token.substr(0, lead)) + core + tail;
}

// The word of a token without the punctuation that ends it ("Who", "كم؟" → "كم").
std::string_view token_core(std::string_view t) {
  while (!t.empty()) {
    if (const size_t m = trailing_mark(t)) t.remove_suffix(m);
    else if (is_trailing_ascii(t.back())) t.remove_suffix(1);
    else break;
  }
  return t;
}

// A plain question: words only, no query syntax (brackets, + or -, operators,
// field:value, wildcards), where the user left the choice of words to the engine.
// Balanced double quotes are allowed: in a typed question they mark a title or a term
// (كم مرة يسافر "الدكتور هو"?), and the phrase stays a phrase.
bool is_plain(const std::vector<std::string_view>& tokens, const std::vector<std::string>& fields) {
  size_t quotes = 0;
  for (std::string_view t : tokens) quotes += static_cast<size_t>(std::count(t.begin(), t.end(), '"'));
  if (quotes % 2 == 1) return false;
  for (std::string_view t : tokens) {
    if (t.find_first_of("()*") != std::string_view::npos) return false;
    if (t.front() == '+' || t.front() == '-') return false;
    if (is_operator(t)) return false;
    if (const size_t colon = t.find(':'); colon != std::string_view::npos &&
        std::find(fields.begin(), fields.end(), t.substr(0, colon)) != fields.end())
      return false;
  }
  return true;
}

// A token's word lowercased, or empty when it is written in capitals (WHO the
// organisation, IT), where it is a name.
std::string lowered_unless_capitals(std::string_view token) {
  const std::string_view core = token_core(token);
  std::string lower(core);
  bool capitals = lower.size() >= 2;
  for (char& c : lower) {
    if (is_lower(c)) capitals = false;
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
    else if (!is_lower(c)) capitals = false;
  }
  return capitals ? std::string() : lower;
}

// A question word as typed: its lowercased core is in the list, and it is not written in
// capitals.
bool is_dropped_word(std::string_view token) {
  const std::string lower = lowered_unless_capitals(token);
  return !lower.empty() && is_question_word(lower);
}

// The second word of a two-word interrogative ("how many"), after its dropped first.
bool is_dropped_after(std::string_view previous, std::string_view token) {
  const std::string lower = lowered_unless_capitals(token);
  return !lower.empty() && is_question_word_after(lowered_unless_capitals(previous), lower);
}

std::vector<std::string_view> split_tokens(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && !is_space(text[j])) ++j;
    out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

// In a typed question, "a quoted title" is the phrase or its words: ("a quoted title" OR
// (quoted title)), the words without the question words (question_words.h). The quotes
// name the thing asked about, and the article that answers often names it otherwise (the
// question's "الدكتور هو" is الدكتور in the text): a failed phrase no longer costs its
// words, as for hyphenated words. `text` holds balanced quotes.
std::string phrases_or_words(const std::string& text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('"', i);
    if (open == std::string::npos) break;
    const size_t close = text.find('"', open + 1);
    if (close == std::string::npos) break;
    out.append(text, i, open - i);
    const std::string inner = text.substr(open + 1, close - open - 1);
    std::string words;
    size_t count = 0;
    bool dropped = false;  // the word before was dropped
    std::string_view previous;
    for (std::string_view t : split_tokens(inner)) {
      ++count;
      dropped = is_dropped_word(t) || (dropped && is_dropped_after(previous, t));
      previous = t;
      if (dropped) continue;
      if (!words.empty()) words += ' ';
      words.append(rewrite_token(t, {}));
    }
    const std::string phrase = text.substr(open, close - open + 1);
    if (count >= 2 && !words.empty())
      out += " (" + phrase + " OR (" + words + ")) ";
    else
      out += phrase;
    i = close + 1;
  }
  out.append(text, i, std::string::npos);
  return out;
}

}  // namespace

bool is_typed_question(std::string_view text, const std::vector<std::string>& fields) {
  const auto tokens = split_tokens(text);
  if (tokens.size() < 2 || !is_plain(tokens, fields)) return false;
  std::string_view last = tokens.back();
  while (!last.empty() && (last.back() == '!' || last.back() == '.' || last.back() == '"')) last.remove_suffix(1);
  if (!last.empty() && last.back() == '?') return true;
  if (last.size() >= 2 && last.substr(last.size() - 2) == "\u061F") return true;  // ؟
  std::string first(token_core(tokens.front()));
  for (char& c : first)
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  return is_opening_interrogative(first);
}

std::string prepare_query(std::string_view text, const std::vector<std::string>& fields) {
  // Question words go from a plain question that has other words (question_words.h);
  // words between quotes stay, as typed.
  const auto tokens = split_tokens(text);
  std::vector<bool> drop(tokens.size(), false);
  // Quotes are query syntax except in a typed question, where they name a title.
  const bool has_quotes = text.find('"') != std::string_view::npos;
  const bool question = has_quotes && is_typed_question(text, fields);
  if (is_plain(tokens, fields) && (!has_quotes || question)) {
    bool in_quotes = false;
    size_t kept = 0;
    for (size_t k = 0; k < tokens.size(); ++k) {
      const size_t quotes = static_cast<size_t>(std::count(tokens[k].begin(), tokens[k].end(), '"'));
      if (!in_quotes && quotes == 0)
        drop[k] = is_dropped_word(tokens[k]) || (k > 0 && drop[k - 1] && is_dropped_after(tokens[k - 1], tokens[k]));
      if (quotes % 2 == 1) in_quotes = !in_quotes;
      kept += drop[k] ? 0 : 1;
    }
    if (kept == 0) std::fill(drop.begin(), drop.end(), false);
  }
  const bool drop_question_words = std::find(drop.begin(), drop.end(), true) != drop.end();
  size_t index = 0;
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  bool quoted = false;
  while (i < text.size()) {
    const char c = text[i];
    if (is_space(c)) {
      out += c;
      ++i;
      continue;
    }
    // A token: up to the next space; quotes switch phrase mode.
    size_t j = i;
    while (j < text.size() && !is_space(text[j])) ++j;
    const std::string_view token = text.substr(i, j - i);
    if (drop[index++]) {
      i = j;
      continue;
    }
    const size_t quotes = static_cast<size_t>(std::count(token.begin(), token.end(), '"'));
    if (quoted || quotes > 0) {
      out += token;
      if (quotes % 2 == 1) quoted = !quoted;
    } else {
      out += rewrite_token(token, fields);
    }
    i = j;
  }
  if (drop_question_words && question) out = phrases_or_words(out);
  if (drop_question_words) {
    // A plain question's spacing carries nothing (between quotes neither): one space a gap.
    std::string tidy;
    for (char c : out) {
      if (is_space(c) && (tidy.empty() || tidy.back() == ' ')) continue;
      tidy += is_space(c) ? ' ' : c;
    }
    if (!tidy.empty() && tidy.back() == ' ') tidy.pop_back();
    return tidy;
  }
  return out;
}

}  // namespace iran::text
