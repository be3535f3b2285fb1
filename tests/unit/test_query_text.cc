#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "text/query_text.h"

namespace {
const std::vector<std::string> kFields = {"title", "country", "official", "source", "lang", "year", "date"};
std::string prep(const std::string& q) { return iran::text::prepare_query(q, kFields); }
}  // namespace

TEST_CASE("query text: capitalised words are stemmed like lowercase ones, capitals are not") {
  // Issue 8: STEM_SOME keeps capitalised words exact, so "Mongols" missed Mongol.
  CHECK(prep("When did the Mongols arrive?") == "mongols arrive?");
  CHECK(prep("IAEA inspectors") == "IAEA inspectors");
  CHECK(prep("US sanctions") == "US sanctions");
  CHECK(prep("Iran AND Qatar OR Oman NOT Iraq") == "iran AND qatar OR oman NOT iraq");
  CHECK(prep("Iran NEAR/5 Qatar") == "iran NEAR/5 qatar");
}

TEST_CASE("query text: the possessive comes off the query word") {
  // Issue 8: "Warsaw's" missed Warsaw.
  CHECK(prep("Warsaw's population") == "warsaw population");
  CHECK(prep("Warsaw\u2019s population") == "warsaw population");
  CHECK(prep("the states' rights?") == "states rights?");
  CHECK(prep("Kublai's government?") == "kublai government?");
  // A word ending in s without an apostrophe is left alone.
  CHECK(prep("talks") == "talks");
}

TEST_CASE("query text: hyphen, colon and slash tokens are a phrase or their words") {
  // Issue 8: a failed phrase cost all its words.
  CHECK(prep("Huguenot-descended families") == "(huguenot-descended OR (huguenot descended)) families");
  CHECK(prep("from 1922-1991") == "(1922-1991 OR (1922 1991))");
  CHECK(prep("at 4:51?") == "(4:51 OR (4 51))?");
  CHECK(prep("and/or") == "(and/or OR (and or))");
  // Not: field prefixes, quoted phrases, love/hate operators, wildcards, a lone hyphen.
  CHECK(prep("title:nuclear-deal") == "title:nuclear-deal");
  CHECK(prep("date:2021..2022") == "date:2021..2022");
  CHECK(prep("\"Amir-Abdollahian said\" talks") == "\"Amir-Abdollahian said\" talks");
  CHECK(prep("-nuclear-deal") == "-nuclear-deal");
  CHECK(prep("nucl-* deal") == "nucl-* deal");
  CHECK(prep("Iran - Qatar") == "iran - qatar");
}

TEST_CASE("query text: Arabic passes through, with its joiners split the same way") {
  CHECK(prep("العلاقات الإيرانية") == "العلاقات الإيرانية");
  CHECK(prep("الإيرانية-القطرية؟") == "(الإيرانية-القطرية OR (الإيرانية القطرية))؟");
}

TEST_CASE("query text: question words go from a plain question that has other words") {
  // Issue 8: interrogatives, pronouns, relatives, prepositions and auxiliaries say what
  // kind of answer is wanted; under all-words they excluded the article that answers.
  CHECK(prep("من هو الرئيس الذي زار قطر؟") == "الرئيس زار قطر؟");
  CHECK(prep("كم عدد الدول التي تتحكم في هذه المنطقة؟") == "عدد الدول تتحكم المنطقة؟");
  CHECK(prep("Who is the president of Iran?") == "president iran?");
  CHECK(prep("What was the name of the ship?") == "name ship?");  // nouns stay: name
  // With a conjunction or preposition on it, too (وما, لمن, بأي, ومتى, كذلك)...
  CHECK(prep("وما الذي حدث") == "حدث");
  CHECK(prep("باي لغة كتب") == "لغة كتب");  // normalized text, as prepare_query gets it
  CHECK(prep("لمن ومتي ارسلت الرسالة") == "ارسلت الرسالة");
  // ...but not where the word is another one: وهم "illusion", واي of واي فاي.
  CHECK(prep("وهم كبير") == "وهم كبير");
  CHECK(prep("واي فاي مجاني") == "واي فاي مجاني");
  // The auxiliaries in each person and with the future سـ, and the interrogatives
  // contracted with a preposition (علام = على ما), are question words too (issue 8).
  CHECK(prep("كم مرة تتم فيها الانتخابات البرلمانية؟") == "مرة الانتخابات البرلمانية؟");
  CHECK(prep("ماذا كان سيتم تسمية الحصن؟") == "تسمية الحصن؟");
  CHECK(prep("التي تمت ازالتها") == "ازالتها");
  CHECK(prep("علام اعترض الوفد؟") == "اعترض الوفد؟");
  CHECK(prep("من هي الام؟") == "الام؟");  // الأم "the mother" is no إلام
  // Only question words: nothing to drop.
  CHECK(prep("who is who") == "who is who");
  CHECK(prep("كم؟") == "كم؟");
  // In capitals it is a name (WHO, the organisation).
  CHECK(prep("WHO in Iran") == "WHO iran");
  // Between quotes the words stay; nothing outside to drop here.
  CHECK(prep("\"who is\" Qatar") == "\"who is\" qatar");
  // Query syntax: the user chose the words.
  CHECK(prep("who AND Qatar") == "who AND qatar");
  CHECK(prep("+the Qatar") == "+the qatar");
  CHECK(prep("(the OR a) Qatar") == "(the OR a) qatar");
  CHECK(prep("title:the Qatar") == "title:the qatar");
}

TEST_CASE("query text: how many and how much go as one interrogative, like كم") {
  // Issue 8: the article that answers gives the number, not the word "many"; a paragraph
  // that happened to say "many" ranked above it.
  CHECK(prep("How many academic units make up the school?") == "academic units make up school?");
  CHECK(prep("how much oil does Iran export?") == "oil iran export?");
  CHECK(prep("How many people, at most, died?") == "people, most, died?");
  // Only right after how: many and much elsewhere are words of the question.
  CHECK(prep("Why did many Iranians vote?") == "many iranians vote?");
  CHECK(prep("How did much of the oil reach China?") == "much oil reach china?");
  CHECK(prep("many how") == "many");
  // Capitals are names, and so is the first word written in them; quotes stay as typed.
  CHECK(prep("HOW MANY died?") == "HOW MANY died?");
  CHECK(prep("who wrote \"how many\"?") == "wrote \"how many\"?");
  // Nothing else to search: kept.
  CHECK(prep("how many?") == "how many?");
  CHECK(prep("how long did talks last?") == "long talks last?");  // other adjectives stay
}

TEST_CASE("query text: a question typed as a sentence, by its ? or ؟ or its opening interrogative") {
  using iran::text::is_typed_question;
  // Issue 8: such a text is ranked on any of its words (index/searcher.cc).
  CHECK(is_typed_question("من هو الرئيس الذي زار قطر؟", kFields));
  CHECK(is_typed_question("Who is the president of Iran?", kFields));
  CHECK(is_typed_question("ما نوع الغابات ؟", kFields));    // the mark apart
  CHECK(is_typed_question("Why did talks stop?!", kFields));  // ?! and ?.
  CHECK(is_typed_question("what is Internet2", kFields));     // no mark, an interrogative first
  CHECK(is_typed_question("How many died", kFields));
  CHECK(is_typed_question("متي وصل الوفد", kFields));         // normalized متى
  CHECK(is_typed_question("كيف رد ايران", kFields));
  // Not: keywords, even with a preposition; ما and من open other things too (ما زال,
  // من طهران); a single word; a sentence that ends otherwise.
  CHECK_FALSE(is_typed_question("Iran Qatar talks", kFields));
  CHECK_FALSE(is_typed_question("sanctions on Iran", kFields));
  CHECK_FALSE(is_typed_question("من طهران الي الدوحة", kFields));
  CHECK_FALSE(is_typed_question("ما زال الحوار", kFields));
  CHECK_FALSE(is_typed_question("Qatar?", kFields));
  CHECK_FALSE(is_typed_question("Name a common autoimmune disease.", kFields));
  CHECK_FALSE(is_typed_question("whatever happened", kFields));
  // Quotes in a question name a title or a term: still a question (issue 8).
  CHECK(is_typed_question("\"nuclear deal\" who signed?", kFields));
  CHECK(is_typed_question("Why was the group called \"the Methodists?\"", kFields));  // ? inside
  CHECK_FALSE(is_typed_question("\"nuclear deal who signed?", kFields));               // unbalanced
  // Other query syntax means the user chose the words: all of them, as always.
  CHECK_FALSE(is_typed_question("who +signed the deal?", kFields));
  CHECK_FALSE(is_typed_question("who AND Qatar?", kFields));
  CHECK_FALSE(is_typed_question("country:qatar who visited?", kFields));
  CHECK_FALSE(is_typed_question("who sign*?", kFields));
}

TEST_CASE("query text: a quoted phrase in a typed question is the phrase or its words") {
  // Issue 8: XQuAD-R's "كم مرة يقوم "الدكتور هو" بالسفر وحيدًا؟" — the paragraph that answers
  // writes الدكتور alone, so the failed phrase cost its words. The question words outside
  // the quotes go as in any plain question; inside, the phrase stays as typed and only its
  // words lose them.
  CHECK(prep("كم مرة يقوم \"الدكتور هو\" بالسفر؟") == "مرة يقوم (\"الدكتور هو\" OR (الدكتور)) بالسفر؟");
  CHECK(prep("ما نوع الكائنات التي يأخذها \"الدكتور هو\"عادة؟") ==
        "نوع الكائنات يأخذها (\"الدكتور هو\" OR (الدكتور)) عادة؟");
  CHECK(prep("What is the nickname for the \"Millennial Northern Hemisphere\" graph?") ==
        "nickname (\"Millennial Northern Hemisphere\" OR (millennial northern hemisphere)) graph?");
  // One quoted word stays the exact word.
  CHECK(prep("How many nations contain \"Amazonas\" in their names?") == "nations contain \"Amazonas\" names?");
  // Not a question (no ? or opening interrogative): quotes are query syntax, so the words
  // are the user's choice and the phrase stays a phrase.
  CHECK(prep("the \"nuclear deal\" talks") == "the \"nuclear deal\" talks");
  // Quotes that do not pair: query syntax, nothing dropped or rewritten.
  CHECK(prep("what is \"nuclear deal?") == "what is \"nuclear deal?");
}
