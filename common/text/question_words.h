// Function words of typed questions: searched only when a query has nothing else.
#pragma once

#include <string>

namespace iran::text {

// A question typed as it comes ("من هو الرئيس الذي زار قطر؟", "Who visited Qatar in
// 2022?") carries interrogatives, pronouns, relatives, prepositions and auxiliaries that
// say what kind of answer is wanted, not what the article is about. An article that
// happens to hold كم or "when" is no better for it, and under the default all-words
// search such a word can even exclude the article that answers. prepare_query
// (query_text.h) drops them from a plain question that has other words; the index keeps
// every word, so phrases, operators and a search for the word alone are unchanged.
// `term` is normalized (normalizer.h) and lowercased.
bool is_question_word(const std::string& term);

// The second word of a two-word interrogative, dropped with the first: "how many" and
// "how much" ask for a quantity as كم does, and the article that answers gives the number,
// not the word (issue 8). `previous` and `term` as for is_question_word.
bool is_question_word_after(const std::string& previous, const std::string& term);

// The interrogatives that open a question and nothing else (what, who, how; ماذا, متى, كيف,
// هل): not ما and من, which also open "ما زال" (negation) and "من طهران" ("from").
// `term` as for is_question_word.
bool is_opening_interrogative(const std::string& term);

}  // namespace iran::text
