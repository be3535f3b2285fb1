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
// A plain question (words and balanced quotes only) that has other words also loses its
// question words outside the quotes (question_words.h; "how many" and "how much" go as
// one); when it is a typed question (is_typed_question), each "quoted phrase" of two words or more becomes
// ("the phrase" OR (its words)), its words without the question words: the quotes name
// what is asked about, and the article that answers may name it otherwise.
std::string prepare_query(std::string_view text, const std::vector<std::string>& fields);

// A question typed as a sentence: plain words (no brackets, + or -, operators,
// field:value or wildcards; "quoted phrases" are allowed), at least two of them, ending in ? or ؟ or opening with an
// interrogative (what, who, how; ماذا, متى, كيف, هل: question_words.h). Such a text says
// what the user wants to know in the user's words, not the article's, so iransearch
// ranks the articles with any of its words instead of demanding all of them.
// `text` is normalized (normalizer.h).
bool is_typed_question(std::string_view text, const std::vector<std::string>& fields);

}  // namespace iran::text
