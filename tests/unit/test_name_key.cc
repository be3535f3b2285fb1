#include "entities/name_key.h"

#include <doctest/doctest.h>

using iran::entities::name_key;
using iran::entities::name_keys;
using iran::entities::same_name;

TEST_SUITE("name_key") {

TEST_CASE("Latin and Arabic-script spellings of one name meet") {
  CHECK(same_name("Kanaani", "كنعاني"));
  CHECK(same_name("Nasser Kanaani", "ناصر كنعاني"));
  CHECK(same_name("Khalid bin Salman", "خالد بن سلمان"));
  CHECK(same_name("Bazrpash", "بذرپاش"));
  CHECK(same_name("Qasim al-Araji", "قاسم الأعرجي"));
  CHECK(same_name("Abdul Amir al-Shammari", "عبد الأمير الشمري"));
  CHECK(same_name("Hossein Amir-Abdollahian", "حسين أمير عبداللهيان"));
  CHECK(same_name("Abdullah bin Saud Al-Anzi", "عبدالله بن سعود العنزي"));
  CHECK(same_name("Farzaneh Sadegh", "فرزانه صادق"));
  CHECK(same_name("Abbas Araghchi", "عباس عراقچی"));
  CHECK(same_name("Abbas Araqchi", "عباس عراقجي") == false);  // ج is j, not چ
  CHECK(same_name("Sergei Lavrov", "سيرغي لافروف"));          // v written ف
  CHECK(same_name("Ahmad Vahidi", "احمد وحیدی"));               // v written و
  CHECK(same_name("Ziad Ali Fadel", "زياد علي فاضل"));          // ض as d
  CHECK(same_name("Mohammad Reza Rezaei", "محمدرضا رضایی"));    // ض as z, joined
  CHECK(same_name("Mohsen Paknejad", "محسن باك نجاد"));         // split or joined
  CHECK(same_name("Çavuşoğlu", "Cavusoglu") == false);         // ş is sh
  CHECK(same_name("Çavuşoğlu", "Chavushoglu"));
}

TEST_CASE("different names stay apart") {
  CHECK_FALSE(same_name("Nasser Kanaani", "ناصر كريمي"));
  CHECK_FALSE(same_name("Khalid bin Salman", "خالد بن سلطان"));
  CHECK_FALSE(same_name("Qasim al-Araji", "قاسم سليماني"));
  CHECK_FALSE(same_name("Ali Shamkhani", "علي لاريجاني"));
}

TEST_CASE("articles, vowels and other scripts give no key") {
  CHECK(name_keys("al").empty());
  CHECK(name_keys("ال").empty());
  CHECK(name_keys("آل").empty());
  CHECK(name_keys("Aya") == std::vector<std::string>{"a"});  // only the opening-vowel mark
  CHECK(name_keys("Москва").empty());
  CHECK(name_keys("").empty());
  CHECK(name_key("---").empty());
  CHECK(name_key("Rāḥīm") == name_key("Rahim"));
}

}  // TEST_SUITE
