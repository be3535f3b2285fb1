// Query-side rewriting of the typed text before Xapian::QueryParser sees it: rules that
// make a question typed as it comes find what its words say. Pure string functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iran::text {

// `text` is normalized (normalizer.h). Outside double quotes, token by token:
// * An English possessive comes off ("Warsaw's" → "Warsaw", "states'" → "states"): the
//   index holds the bare word at the possessive's position (analyzer.h).
// * A capitalised Latin word is lowercased so that it is stemmed like any other word
//   (QueryParser's STEM_SOME keeps capitalised words exact, so "Mongols" missed
//   "Mongol"). Words in capitals (IAEA, US, AIDS) and the operators AND, OR, NOT, XOR,
//   NEAR, ADJ, SYN stay as typed.
// * A word joined by - : or / (Huguenot-descended, 1922-1991, 4:51, and/or), which
//   QueryParser reads as a phrase, becomes "(the phrase OR (its words))", so a text
//   that has the words apart still matches.
// Tokens after a field prefix in `fields` (title:..., country:...), with a leading + or -,
// or with wildcards are left alone; so is everything between quotes.
std::string prepare_query(std::string_view text, const std::vector<std::string>& fields);

// A question typed as it comes: a plain query (no quotes, brackets, + or -, operators,
// field:value or wildcards; `fields` as above) of at least two words that ends with a
// question mark (? ؟) or begins with an interrogative (question_words.h is_interrogative).
// `text` is normalized. Such a query asks to be ranked, not filtered: the searcher ranks
// it by any of its words, as it would with --any.
bool is_typed_question(std::string_view text, const std::vector<std::string>& fields);

}  // namespace iran::text
