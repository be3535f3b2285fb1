#include "entities/discovery.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

#include "entities/gazetteer.h"
#include "entities/name_key.h"

using iran::entities::DiscoveredOfficial;
using iran::entities::Gazetteer;
using iran::entities::Kind;

namespace {

const Gazetteer& gaz() {
  static const Gazetteer g = Gazetteer::load(iran::entities::find_data_dir());
  return g;
}

std::set<std::string> names(std::string_view text) {
  std::set<std::string> out;
  for (const auto& d : gaz().find_with_discovery(text).discovered) out.insert(d.name);
  return out;
}

DiscoveredOfficial one(std::string_view text) {
  const auto found = gaz().find_with_discovery(text).discovered;
  REQUIRE(found.size() == 1);
  return found.front();
}

std::set<std::string> listed(std::string_view text) {
  std::set<std::string> out;
  for (const auto& m : gaz().find_with_discovery(text).mentions)
    if (m.entity->kind == Kind::Official) out.insert(m.entity->id);
  return out;
}

using Names = std::set<std::string>;

}  // namespace

TEST_SUITE("discovery") {

TEST_CASE("English: role before the name, the name before the role, a comma between") {
  auto d = one("Iraqi Interior Minister Abdul Amir al-Shammari met his counterpart on Monday.");
  CHECK(d.name == "Abdul Amir al-Shammari");
  CHECK(d.id == "abdul-amir-al-shammari");
  CHECK(d.role == "Interior Minister");
  CHECK(d.country == "IQ");
  d = one("Elnur Mammadov, the deputy foreign minister of Azerbaijan, said Baku was ready.");
  CHECK(d.name == "Elnur Mammadov");
  CHECK(d.country == "AZ");
  d = one("Iran's ambassador to Saudi Arabia, Alireza Enayati, said the visit went well.");
  CHECK(d.name == "Alireza Enayati");
  CHECK(d.country == "IR");  // not SA: the country after "to" is where he serves
  CHECK(names("Saudi Arabia's Minister of Defense Prince Khalid bin Salman arrived.") == Names{"Khalid bin Salman"});
  CHECK(names("Spokeswoman Mumtaz Zahra Baloch told reporters.") == Names{"Mumtaz Zahra Baloch"});
}

TEST_CASE("English: not people, or not officials") {
  CHECK(names("The chairman of the Joint Chiefs of Staff said.") == Names{});
  CHECK(names("a spokesman for the Taiwan Textile Federation said.") == Names{});
  CHECK(names("In Bangkok, Industry Minister said prices would rise.") == Names{});
  CHECK(names("Wayne Jones, vice president of the company, said.") == Names{});  // no state
  CHECK(names("said analyst Ali Vaez of the Crisis Group.") == Names{});
  CHECK(names("Foreign Minister Hossein Amir Abdollahian said.") == Names{});  // listed
}

TEST_CASE("Arabic and Persian shapes") {
  auto d = one("بحث وزير الداخلية العراقي عبد الأمير الشمري مع نظيره.");
  CHECK(d.name == "عبد الأمير الشمري");
  CHECK(d.country == "IQ");
  CHECK(names("أكد مستشار الأمن القومي العراقي قاسم الأعرجي، أمس، أن") == Names{"قاسم الأعرجي"});
  CHECK(names("التقى صاحب السمو الملكي الأمير خالد بن سلمان وزير الدفاع السعودي") == Names{"خالد بن سلمان"});
  CHECK(names("به گزارش خبرگزاری مهر، فرزانه صادق وزیر راه و شهرسازی گفت") == Names{"فرزانه صادق"});
  CHECK(names("در دیدار با زیاد علی فاضل وزیر برق عراق") == Names{"زیاد علی فاضل"});
  CHECK(names("همچنین الکسی اورچوک معاون نخست‌وزیر روسیه گفت") == Names{"الکسی اورچوک"});
}

TEST_CASE("Arabic script: words after a role that are not a name") {
  CHECK(names("وزير الدفاع السعودي يبحث مع رئيس الأركان الإيراني التعاون العسكري") == Names{});
  CHECK(names("وبعث سموه برقية تهنئة مماثلة للرئيس المصري") == Names{});
  CHECK(names("قال السفير وزيارة الوفد الفني") == Names{});
  CHECK(names("وأكد وزير الخارجية على ضرورة الحوار") == Names{});
}

TEST_CASE("a listed official under a spelling the data lacks is that official") {
  CHECK(listed("وكان وزير النفط الإيراني محسن باكنجاد قد أعلن") == std::set<std::string>{"mohsen-paknejad"});
  CHECK(gaz().find_with_discovery("وكان وزير النفط الإيراني محسن باكنجاد قد أعلن").discovered.empty());
}

TEST_CASE("later mentions by surname attach within the text; the ID is stable") {
  const auto d = one("Iraqi Interior Minister Abdul Amir al-Shammari arrived. Shammari said the border was calm.");
  CHECK(d.spans.size() == 2);
  const auto e = one("Shammari spoke. The Iraqi Interior Minister, Abdul Amir al-Shammari, arrived.");
  CHECK(e.id == d.id);
  CHECK(e.spans.size() == 2);
}

TEST_CASE("name_slug") {
  CHECK(iran::entities::name_slug("Abdul Amir al-Shammari") == "abdul-amir-al-shammari");
  CHECK(iran::entities::name_slug("Çavuşoğlu") == "chavushoglu");
  CHECK(iran::entities::name_slug("قاسم الأعرجي") == "qasm-alarjy");
  CHECK(iran::entities::name_slug("عباس علی‌آبادی") == "abas-aly-abady");  // the shadda is not written
}

}  // TEST_SUITE

TEST_CASE("a preposition with a pronoun or a sentence adverb is no word of a name") {
  // أشرف "supervised" before عليها "it": the verb is no given name here, and عليها ends it.
  const auto supervised = names("وهي الحملة التي أشرف عليها ريتشارد ستنغل وكيل الوزارة للشؤون العامة.");
  CHECK(supervised.count("أشرف عليها ريتشارد ستنغل") == 0);
  CHECK(supervised.count("ريتشارد ستنغل") == 1);
  // اعتبارا من "as of" after a name and its role.
  const auto as_of = names("تولى الرئيس التشادي حسين حبري اعتبارا من عام 1982 السلطة.");
  CHECK(as_of.count("حسين حبري اعتبارا") == 0);
  CHECK(as_of.count("حسين حبري") == 1);
}

TEST_CASE("a name or role wrapped over two lines is kept on one line") {
  const auto found = gaz().find_with_discovery(
      "British Chancellor of the\nExchequer Nigel\n  Lawson said on Monday that rates would fall.").discovered;
  REQUIRE(found.size() == 1);
  CHECK(found.front().name == "Nigel Lawson");
  CHECK(found.front().role == "Chancellor of the Exchequer");
}

TEST_CASE("a number after a name is no word to read (it has no key): no crash") {
  // Reuters-21578 story 13458 crashed the build here (front() of a token without candidates).
  const std::string text =
      "Tass news agency announced yesterday that Grain Products\nMinister Grigory Zolotukhin, 75, was being "
      "retired and replaced\nby Alexander Budyka, a senior food industry official.";
  CHECK_NOTHROW(gaz().find_with_discovery(text));
  CHECK_NOTHROW(gaz().find_with_discovery("Minister Grigory Zolotukhin 75 said."));
}

TEST_SUITE("discovery: name-like Arabic-script words") {

namespace {
std::set<std::string> keys_of(std::string_view text) {
  const auto k = gaz().find_with_discovery(text).name_keys;
  return {k.begin(), k.end()};
}
bool has_whole(const std::set<std::string>& keys, std::string_view name) {
  for (const auto& k : iran::entities::name_key_variants(name))
    if (keys.count(k)) return true;
  return false;
}
}  // namespace

TEST_CASE("a given name and the words after it, without a role, are keyed") {
  const auto keys = keys_of("وقال المحلل محمد الزهيري إن المحادثات ستستأنف الأسبوع المقبل.");
  CHECK(has_whole(keys, "محمد الزهيري"));
  CHECK(has_whole(keys, "Mohammed al-Zuhairi"));  // the Latin spelling's key
  for (const auto& k : iran::entities::name_keys("الزهيري")) CHECK(keys.count(k) == 1);  // the surname alone
  // After an honorific, the name need not open with a given name.
  CHECK(has_whole(keys_of("وقال اللواء طرابلسي زاده إن الحدود آمنة."), "طرابلسي زاده"));
}

TEST_CASE("words that are no name stay unkeyed") {
  CHECK(keys_of("وناقش الجانبان التعاون العسكري بين البلدين في المجالات كافة.").empty());
  // A run's middle is no name's start: Uday Saddam Hussein is not Saddam Hussein.
  CHECK_FALSE(has_whole(keys_of("وقال عدي صدام حسين في المقابلة"), "صدام حسين"));
  // A three-word run is not keyed by its first and last words (Abdul Latif Rashid).
  const auto keys = keys_of("وقال عبد الله رشاد في تصريح");
  CHECK(has_whole(keys, "عبد الله رشاد"));
  CHECK_FALSE(keys.count("abdrSd"));
  // A whole key under four consonants says too little (Ali Reza: l-r-z), nor is a
  // word's key under three (رضا: r-z).
  const auto short_keys = keys_of("وقال علي رضا إن الاجتماع انتهى");
  CHECK_FALSE(has_whole(short_keys, "علي رضا"));
  for (const auto& k : iran::entities::name_keys("رضا")) CHECK(short_keys.count(k) == 0);
}

}

TEST_SUITE("discovery: where an Arabic-script name ends") {

TEST_CASE("a word without the article after a family name with it is no part of the name") {
  CHECK(names("التقى وزير الداخلية العراقي قاسم الأعرجي مسؤولين إيرانيين في طهران.") == Names{"قاسم الأعرجي"});
  // The article word of a compound is no family name: عبد الرحمن, نصر الدين.
  CHECK(names("وقال وزير الدفاع السوداني عبد الرحمن سوار الذهب إن الجيش مستعد.") == Names{"عبد الرحمن سوار الذهب"});
  CHECK(names("وقال وزير الخارجية المصري محمد نصر الدين علام إن السد آمن.") == Names{"محمد نصر الدين علام"});
}

}
