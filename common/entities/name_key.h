// A transliteration key for Arabic and Persian names in news, so that a name written in
// Latin letters meets its Arabic-script spelling without the gazetteer: Kanaani and
// كنعاني, Khalid bin Salman and خالد بن سلمان, Bazrpash and بذرپاش.
//
// The key is a consonant skeleton over classes both scripts share. Vowels and the
// letters that stand for them or for nothing in Latin print (ا و ي ى ء ع ة, a e i o u
// w y v) are dropped; the article (al-, el-, ال, آل) is dropped; consonants that
// romanizations write several ways fall into one class (ق غ گ ك = q gh g k; ذ ز ظ = z
// dh; ث س ص = s th; ت ط = t; ب پ = b p; ح ه = h); a final ه/ة and a Latin final h
// after a vowel (Fatemeh, Allah) are vowels; doubled letters count once; Abdul-/Abdol-
// is Abd + the article. ض is d in Arabic romanization (Fadel) and z in Persian
// (Rezaei): a word with ض has both keys. See README ("Names across scripts").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iran::entities {

// The keys of one word (Latin or Arabic script, as written or normalized): usually one;
// two or four when the word has ض. Empty for a word with no consonant (Ali → "l" is
// kept; "Al", "ال", "و" give nothing) and for other scripts.
std::vector<std::string> name_keys(std::string_view word);

// The key of a whole name: the words' first keys joined without separators, so that a
// name written joined or split (باك نجاد, باكنجاد) has one key. Empty when no word has one.
std::string name_key(std::string_view name);
// Every key of a whole name (each word's readings combined, at most eight). Without
// `word_marks`, only the first word keeps its opening-vowel mark, so that a name written
// joined or split (Aliabadi, علی‌آبادی) has one key; the index keeps them (precision).
std::vector<std::string> name_key_variants(std::string_view name, bool word_marks = true);
// The keys a person's name is indexed and searched by as a whole: every key of the name,
// and for three words or more those of its first and last words alone (Khalid bin
// Mohammad al-Attiyah is also Khalid al-Attiyah). Empty for a one-word name.
std::vector<std::string> name_span_keys(std::string_view name);
// How many words of a name have a key (Khalid bin Salman: 3; al-Araji: 1).
std::size_t keyed_words(std::string_view name);
// Latin text with accented letters as their base letters, lowercased (Çavuşoğlu →
// chavushoglu); ASCII other than letters is kept, other characters are dropped.
std::string latin_ascii(std::string_view word);
// Whether two names share a key, with or without the inner vowel marks.
bool same_name(std::string_view a, std::string_view b);
// Whether two names of one consonant skeleton can also be one pronunciation, by the
// vowels written between consonants inside a word: where Arabic script writes a long
// vowel (ا ي و) the Latin spelling writes an a/o, i/e/y, o/u/w there, and where it writes
// none, no long vowel (two vowel letters: ee, ei, ou, ay). Hassan is حسن and Hussein
// حسين, not the reverse; Mohammed is not محمود. Two names of one script: the same long
// vowels in the same places. False when no reading of both has the same consonants.
// (For joining two spellings of one person, index/discovered_merge.h; the key alone
// says Hassan = Hussein.)
bool vowels_agree(std::string_view a, std::string_view b);

}  // namespace iran::entities
