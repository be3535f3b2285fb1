// Discovery of officials introduced by a role. Three shapes, in both scripts:
//   A  role → name    "Iraqi Interior Minister Qasim al-Araji", "Iran's ambassador to
//                     Saudi Arabia, Alireza Enayati", "وزير الداخلية العراقي قاسم الأعرجي"
//   B  name → role    "فرزانه صادق وزیر راه و شهرسازی", "الأمير خالد بن سلمان وزير الدفاع"
//   B' name, role     "Qasim al-Araji, the national security adviser of Iraq"
// A name is two to four words (particles such as bin, al, آل not counted), bounded on
// both sides by punctuation, a line end, a title or a stop word, and overlapping no
// name the gazetteer knows; a Latin name is capitalized; an Arabic-script name does not
// open with the article. A name whose key (name_key.h) is a listed official's is that
// official. Later mentions by surname alone attach within the text.
#include "entities/discovery.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <set>

#include "entities/gazetteer_impl.h"
#include "entities/name_key.h"

namespace iran::entities {
using namespace detail;

namespace {

constexpr std::size_t kMaxNameWords = 4;  // besides particles
constexpr std::size_t kMaxNameTokens = 7;

bool capitalized(const Token& t) { return t.casing == Casing::Title || t.casing == Casing::Upper; }

// The gap between two tokens: what separates token i from token i - 1.
// A possessive's 's belongs to its word: "Iran's ambassador" is joined by a space.
std::string_view gap_before(std::string_view text, const std::vector<Token>& tokens, std::size_t i) {
  if (i == 0) return text.substr(0, tokens[0].begin);
  std::string_view gap = text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end);
  if (tokens[i - 1].possessive) {
    for (std::string_view s : {"'s", "'S", "\xE2\x80\x99s", "\xE2\x80\x99S", "\xCA\xBCs"})
      if (gap.substr(0, s.size()) == s) return gap.substr(s.size());
  }
  return gap;
}

// Words of one name are joined by spaces, one hyphen or a ZWNJ, on one line.
bool joins_name(std::string_view gap) {
  int newlines = 0;
  int hyphens = 0;
  for (std::size_t k = 0; k < gap.size(); ++k) {
    const char c = gap[k];
    if (c == ' ' || c == '\t' || c == '\r') continue;
    if (c == '\n') {
      if (++newlines > 1) return false;
      continue;
    }
    if (c == '-') {
      if (++hyphens > 1) return false;
      continue;
    }
    if (gap.substr(k, 3) == "\xE2\x80\x8C") {  // ZWNJ
      k += 2;
      continue;
    }
    if (gap.substr(k, 2) == "\xC2\xA0") {  // no-break space
      k += 1;
      continue;
    }
    return false;
  }
  return !gap.empty();
}

// One space for any run of white space: a name or role wrapped over two lines is shown,
// stored and pasted (iranidx officials --discovered) on one line.
std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    const bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
    if (!space) out += ch;
    else if (!out.empty() && out.back() != ' ') out += ' ';
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A role phrase's words are joined by spaces only (or a ZWNJ, or "'s").
bool joins_role(std::string_view gap) {
  for (std::size_t k = 0; k < gap.size(); ++k) {
    const char c = gap[k];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (gap.substr(k, 3) == "\xE2\x80\x8C") {
      k += 2;
      continue;
    }
    return false;
  }
  return true;
}

bool only_comma(std::string_view gap) {
  std::size_t commas = 0;
  for (std::size_t k = 0; k < gap.size(); ++k) {
    const char c = gap[k];
    if (c == ' ' || c == '\t') continue;
    if (c == ',') {
      ++commas;
      continue;
    }
    if (gap.substr(k, 2) == "\xD8\x8C") {  // Arabic comma
      ++commas;
      ++k;
      continue;
    }
    return false;
  }
  return commas == 1;
}

bool particle_key(std::string_view key) {
  static const std::set<std::string, std::less<>> particles = {
      "al", "el", "ul", "bin", "ibn", "bint", "ben", "abu", "abou", "de", "van", "von", "da", "ould",
      "\xD8\xA8\xD9\x86",                      // بن
      "\xD8\xA7\xD8\xA8\xD9\x86",              // ابن
      "\xD8\xA8\xD9\x86\xD8\xAA",              // بنت
      "\xD8\xA7\xD8\xA8\xD9\x88",              // ابو
      "\xD8\xB9\xD8\xA8\xD8\xAF",              // عبد
  };
  return particles.count(key) > 0;
}

// Arabic-script romanization for slugs, letter by letter (short vowels are not written).
std::string romanize(UChar32 c) {
  switch (c) {
    case 0x0627: case 0x0622: case 0x0623: case 0x0625: case 0x0671: return "a";
    case 0x0628: return "b";
    case 0x067E: return "p";
    case 0x062A: case 0x0637: return "t";
    case 0x062B: return "th";
    case 0x062C: return "j";
    case 0x0686: return "ch";
    case 0x062D: case 0x0647: case 0x06C0: return "h";
    case 0x062E: return "kh";
    case 0x062F: return "d";
    case 0x0630: return "dh";
    case 0x0631: return "r";
    case 0x0632: return "z";
    case 0x0698: return "zh";
    case 0x0633: case 0x0635: return "s";
    case 0x0634: return "sh";
    case 0x0636: return "d";
    case 0x0638: return "z";
    case 0x063A: return "gh";
    case 0x0641: case 0x06A4: return "f";
    case 0x0642: return "q";
    case 0x0643: case 0x06A9: return "k";
    case 0x06AF: return "g";
    case 0x0644: return "l";
    case 0x0645: return "m";
    case 0x0646: return "n";
    case 0x0648: return "w";
    case 0x064A: case 0x06CC: case 0x0649: return "y";
    case 0x0629: return "a";
    default: return {};
  }
}

}  // namespace

std::string name_slug(std::string_view name) {
  std::string slug;
  bool pending_hyphen = false;
  const auto* p = reinterpret_cast<const uint8_t*>(name.data());
  const auto n = static_cast<int32_t>(name.size());
  for (int32_t i = 0; i < n;) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    std::string piece;
    if (c == 0x0639 && (slug.empty() || pending_hyphen)) piece = "a";  // عباس → abbas
    else if (c >= 0x0600 && c <= 0x06FF) piece = romanize(c);
    else if (c >= 0 && u_isalnum(c)) piece = latin_ascii(name.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(i - at)));
    if (c >= 0 && u_getCombiningClass(c) > 0) continue;  // harakat, accents
    if (piece.empty()) {
      if (c != '\'' && c != 0x2019 && c != 0x02BC && c != 0x0621 && c != 0x0639) pending_hyphen = !slug.empty();
      continue;
    }
    if (pending_hyphen) slug += '-';
    pending_hyphen = false;
    for (char ch : piece) slug += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  }
  std::string clean;
  for (char ch : slug)
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-') clean += ch;
  while (!clean.empty() && clean.back() == '-') clean.pop_back();
  while (!clean.empty() && clean.front() == '-') clean.erase(clean.begin());
  return clean;
}

// ---- Gazetteer::Impl: the role vocabulary and the rules ----

void Gazetteer::Impl::load_roles(const std::filesystem::path& file) {
  for (const auto& row : read_rows(file, /*required=*/false)) {
    if (row.id != "en" && row.id != "ar") fail(file, row.line, "script \"" + row.id + "\" is not en or ar");
    const bool latin = row.id == "en";
    const std::string key = detail::word_key(row.value);
    auto& v = roles[latin ? 0 : 1];
    if (row.type == "strong") {
      v.heads.insert(key);
      v.strong.insert(key);
    } else if (row.type == "head") {
      v.heads.insert(key);
    } else if (row.type == "word") {
      v.words.insert(key);
      v.state_words.insert(key);
    } else if (row.type == "mod") {
      v.words.insert(key);
    } else if (row.type == "link") {
      v.links.insert(key);
    } else if (row.type == "stop") {
      v.stops.insert(key);
    } else if (row.type == "exact") {
      v.exact.insert(row.value);
    } else if (row.type == "given") {
      v.given.insert(key);
    } else if (row.type == "org") {
      v.orgs.insert(key);
    } else {
      fail(file, row.line, "unknown type \"" + row.type + "\" (strong, head, word, mod, link, stop, exact, given, org)");
    }
  }
  for (const auto& t : titles)
    for (const auto& w : t) title_words.insert(w);
}

void Gazetteer::Impl::index_official_keys() {
  std::map<std::string, std::set<const Entity*>> first_last;
  for (const auto& [e, written] : spellings_of) {
    if (e->kind != Kind::Official) continue;
    for (const auto& name : written) {
      for (bool marks : {true, false})
        for (const auto& k : name_key_variants(name, marks)) official_keys.emplace(k, e);
      const auto tokens = detail::tokenize(name);
      std::vector<std::string> words;
      for (const auto& t : tokens)
        if (!t.candidates.empty()) words.push_back(std::string(name.substr(t.begin, t.end - t.begin)));
      // The first names of listed officials open names too (ميخائيل, قاسم).
      if (!tokens.empty() && tokens.front().script == Script::Arabic && !tokens.front().candidates.empty())
        roles[1].given.insert(tokens.front().candidates.front().key);
      if (words.size() >= 2) {
        const auto a = name_keys(words.front()), b = name_keys(words.back());
        if (!a.empty() && !b.empty()) first_last[a.front() + "|" + b.front()].insert(e);
      }
    }
  }
  for (const auto& [k, set] : first_last)
    if (set.size() == 1) official_first_last.emplace(k, *set.begin());
}

namespace {

struct Context {
  std::string_view text;
  const std::vector<Token>& tokens;
  std::vector<const Mention*> cover;  // per token: the known mention over it, if any
};

}  // namespace

Findings Gazetteer::Impl::find_with_discovery(std::string_view text) const {
  build_matcher();  // the vocabulary below, after a restore from the image
  Findings out;
  const auto tokens = detail::tokenize(text);
  auto all = mentions(text, tokens, names_trie(), /*places=*/true);
  // What find() reports stays as find() reports it; all mentions mark the words that
  // cannot be part of an unknown name.
  Context ctx{text, tokens, std::vector<const Mention*>(tokens.size(), nullptr)};
  {
    std::size_t t = 0;
    for (const auto& m : all) {
      while (t < tokens.size() && tokens[t].end <= m.begin) ++t;
      for (std::size_t k = t; k < tokens.size() && tokens[k].begin < m.end; ++k) ctx.cover[k] = &m;
    }
  }
  const auto script_of = [&](std::size_t i) { return tokens[i].script == Script::Latin ? 0 : 1; };
  const auto in = [&](std::size_t i, const WordSet& set, unsigned max_cost) {
    for (const auto& c : tokens[i].candidates)
      if (c.cost <= max_cost && set.count(c.key)) return true;
    return false;
  };
  const auto is_head = [&](std::size_t i) {
    if (tokens[i].script == Script::Other) return false;
    return in(i, roles[script_of(i)].heads, tokens[i].script == Script::Arabic ? 1 : 0);
  };
  const auto is_role_word = [&](std::size_t i) {
    if (tokens[i].script == Script::Other) return false;
    const auto& r = roles[script_of(i)];
    return in(i, r.words, 1) || in(i, r.heads, 1);
  };
  const auto is_stop = [&](std::size_t i) {
    if (tokens[i].script == Script::Latin) return !tokens[i].candidates.empty() && roles[0].stops.count(tokens[i].candidates.front().key) > 0;
    if (tokens[i].script != Script::Arabic) return false;
    return in(i, roles[1].stops, 1) || roles[1].exact.count(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin)) > 0;
  };
  const auto is_link = [&](std::size_t i) {
    return tokens[i].script != Script::Other && in(i, roles[script_of(i)].links, 0);
  };
  const auto country_at = [&](std::size_t i) -> const Entity* {
    const Mention* m = ctx.cover[i];
    return m && m->entity->kind == Kind::Country ? m->entity : nullptr;
  };
  // Titles that end just before token i ("Prince", "الشيخ", "امیر سرتیپ"): their length.
  const auto title_before = [&](std::size_t i) -> std::size_t {
    for (const auto& t : titles) {
      if (t.size() > i) continue;
      bool ok = true;
      for (std::size_t k = 0; k < t.size() && ok; ++k) {
        const auto& cands = tokens[i - t.size() + k].candidates;
        ok = std::any_of(cands.begin(), cands.end(), [&](const Candidate& c) { return c.key == t[k]; });
      }
      if (ok) return t.size();
    }
    return 0;
  };
  const auto title_at = [&](std::size_t i) -> std::size_t {
    for (const auto& t : titles) {
      if (i + t.size() > tokens.size()) continue;
      bool ok = true;
      for (std::size_t k = 0; k < t.size() && ok; ++k) {
        const auto& cands = tokens[i + k].candidates;
        ok = std::any_of(cands.begin(), cands.end(), [&](const Candidate& c) { return c.key == t[k]; });
        if (ok && k > 0 && !joins_role(gap_before(text, tokens, i + k))) ok = false;
      }
      if (ok) return t.size();
    }
    return 0;
  };
  // An honorific or a rank before token i (الشيخ, الأمير, اللواء), not an office
  // (السفير, الرئيس are titles too, but say nothing of the words after them).
  const auto honorific_before = [&](std::size_t i) {
    const std::size_t n = title_before(i);
    if (n == 0) return false;
    for (std::size_t k = i - n; k < i; ++k)
      if (is_head(k) || is_role_word(k)) return false;
    return true;
  };
  // Can token i be a word of an unknown name of the given script?
  const auto name_word = [&](std::size_t i, Script script) {
    const Token& t = tokens[i];
    if (t.script != script || t.candidates.empty() || ctx.cover[i]) return false;
    if (is_head(i) || is_role_word(i) || is_stop(i)) return false;
    if (script == Script::Arabic) {
      // A clitic and the article (بالإنجازات, للدعم, والأعرجي) never begin a word of a name.
      for (const auto& c : t.candidates)
        if (c.cost >= 1 && c.had_article) return false;
    }
    if (script == Script::Latin) {
      const std::string& key = t.candidates.front().key;
      if (particle_key(key)) return true;
      return t.casing == Casing::Title && !t.possessive;
    }
    return true;
  };
  // An Arabic-script name ends where a word without the article follows one with it
  // (قاسم الأعرجي | مسؤولين): a family name or nisba with the article closes a name, and
  // only a particle (بن, آل, أبو, عبد) goes on after it; the article word of a compound
  // (عبد الرحمن, أبو الفضل, نصر الدين, سعد الله) is no family name, nor is a given name
  // that begins with the letters of the article (الکسی اورچوک).
  const auto article_break = [&](std::size_t k) {
    if (k == 0 || k >= tokens.size() || tokens[k].script != Script::Arabic || tokens[k - 1].script != Script::Arabic) return false;
    if (tokens[k].candidates.empty() || tokens[k - 1].candidates.empty()) return false;
    if (tokens[k].candidates.front().had_article || !tokens[k - 1].candidates.front().had_article) return false;
    if (particle_key(tokens[k].candidates.front().key)) return false;
    static const std::string kAllah = detail::word_key("\xD8\xA7\xD9\x84\xD9\x84\xD9\x87"), kDin = detail::word_key("\xD8\xA7\xD9\x84\xD8\xAF\xD9\x8A\xD9\x86");
    const std::string& before = tokens[k - 1].candidates.front().key;
    if (before == kAllah || before == kDin) return false;
    if (roles[1].given.count(before)) return false;  // a given name in the article's letters: الکسی
    if (k >= 2 && !tokens[k - 2].candidates.empty() && particle_key(tokens[k - 2].candidates.front().key)) return false;
    return true;
  };
  // A run of name words [b, e): checks shared by every shape.
  const auto valid_name = [&](std::size_t b, std::size_t e) {
    if (e <= b || e - b > kMaxNameTokens) return false;
    std::size_t words = 0;
    for (std::size_t k = b; k < e; ++k) {
      const std::string& key = tokens[k].candidates.front().key;
      if (!particle_key(key)) ++words;
      if (tokens[k].script == Script::Latin && roles[0].orgs.count(key)) return false;
      if (k > b && !joins_name(gap_before(text, tokens, k))) return false;
      if (k > b && article_break(k)) return false;
    }
    if (words < 2 || words > kMaxNameWords) return false;
    const std::string& first = tokens[b].candidates.front().key;
    if (particle_key(first) && first != "abu" && first != "\xD8\xB9\xD8\xA8\xD8\xAF" &&
        first != "\xD8\xA7\xD8\xA8\xD9\x88")
      return false;
    if (particle_key(tokens[e - 1].candidates.front().key)) return false;
    // A title opens no name (الأمير خالد: the name is خالد ...; ولي العهد is a title),
    // though a title word can be inside one (Hossein Amir-Abdollahian, عبد الأمير).
    if (title_words.count(first)) return false;
    // "the Joint Chiefs of Staff", "Supreme Council of ...": an institution.
    if (tokens[b].script == Script::Latin && e < tokens.size() && !tokens[e].candidates.empty() &&
        tokens[e].candidates.front().key == "of" &&
        joins_role(gap_before(text, tokens, e)))
      return false;
    if (tokens[b].script == Script::Arabic) {
      // An Arabic-script name does not open with the article (التعاون العسكري), and
      // opens with a given name or after a title: Arabic script has no capitals to
      // tell a name from the words around it ("فيما سيقوم", "وحضر اللقاء").
      const bool given = roles[1].given.count(first) > 0 || first == "\xD8\xB9\xD8\xA8\xD8\xAF" ||
                         first == "\xD8\xA7\xD8\xA8\xD9\x88";
      // A given name may begin with the letters of the article (الکسی Alexei, الهام).
      if (tokens[b].candidates.front().had_article && !given) return false;
      if (!given && !honorific_before(b)) return false;
      // The conjunction و glued to a later word is a new clause (جون كيندي واعتمده).
      for (std::size_t k = b + 1; k < e; ++k) {
        const std::string& w = tokens[k].candidates.front().key;
        if (w.rfind("\xD9\x88", 0) == 0 && w.size() >= 8 && !roles[1].given.count(w)) return false;
      }
    }
    return true;
  };
  // Token i begins a bounded span: nothing, punctuation, a line, a stop word or a title before.
  const auto bounded_before = [&](std::size_t i) {
    if (i == 0) return true;
    if (!joins_role(gap_before(text, tokens, i))) return true;
    return is_stop(i - 1) || title_before(i) > 0 || ctx.cover[i - 1] != nullptr || article_break(i);
  };
  const auto bounded_after = [&](std::size_t e) {  // e: one past the last name token
    if (e >= tokens.size()) return true;
    if (!joins_role(gap_before(text, tokens, e))) return true;
    return is_stop(e) || is_head(e) || ctx.cover[e] != nullptr || tokens[e].script != tokens[e - 1].script || article_break(e) ||
           (tokens[e].script == Script::Latin && !capitalized(tokens[e]));
  };

  struct Found {
    std::size_t b, e;
    std::size_t role_b, role_e;  // the role phrase's tokens
  };
  std::vector<Found> found;
  std::set<std::pair<std::size_t, std::size_t>> seen;
  const auto add = [&](std::size_t b, std::size_t e, std::size_t rb, std::size_t re) {
    if (seen.insert({b, e}).second) found.push_back({b, e, rb, re});
  };

  for (std::size_t h = 0; h < tokens.size(); ++h) {
    if (!is_head(h)) continue;
    const Script script = tokens[h].script;
    const auto& vocab = roles[script_of(h)];
    // The role phrase around the head: role words, heads, countries, links to a place,
    // joined by spaces.
    std::size_t rb = h;
    while (rb > 0 && joins_role(gap_before(text, tokens, rb)) && (is_role_word(rb - 1) || country_at(rb - 1)) &&
           !(rb - 1 > 0 && ctx.cover[rb - 1] && ctx.cover[rb - 1]->entity->kind == Kind::Official))
      --rb;
    std::size_t re = h + 1;
    while (re < tokens.size() && joins_role(gap_before(text, tokens, re)) &&
           (is_role_word(re) || country_at(re) || (is_link(re) && re + 1 < tokens.size() && country_at(re + 1)))) {
      if (country_at(re)) {
        const Mention* m = ctx.cover[re];
        while (re < tokens.size() && ctx.cover[re] == m) ++re;
      } else {
        ++re;
      }
    }
    // Latin role words such as "of", "the", "and" do not end a role phrase.
    while (re > h + 1 && tokens[re - 1].script == Script::Latin &&
           (tokens[re - 1].candidates.front().key == "of" || tokens[re - 1].candidates.front().key == "and" ||
            tokens[re - 1].candidates.front().key == "the" || tokens[re - 1].candidates.front().key == "for"))
      --re;
    bool state = vocab.strong.count(tokens[h].candidates.front().key) > 0 ||
                 std::any_of(tokens[h].candidates.begin(), tokens[h].candidates.end(),
                             [&](const Candidate& c) { return c.cost <= 1 && vocab.strong.count(c.key); });
    for (std::size_t k = rb; k < re && !state; ++k) {
      if (country_at(k)) state = true;
      else if (k != h && in(k, vocab.state_words, 1))
        state = true;
    }
    if (!state) continue;

    // A: role → [,] [titles] name.
    {
      std::size_t b = re;
      if (b < tokens.size()) {
        const std::string_view g = gap_before(text, tokens, b);
        if (joins_role(g) || only_comma(g)) {
          for (std::size_t t; b < tokens.size() && (t = title_at(b)) > 0;) b += t;
          std::size_t e = b;
          while (e < tokens.size() && e - b < kMaxNameTokens && name_word(e, script) &&
                 (e == b || (joins_name(gap_before(text, tokens, e)) && !article_break(e))))
            ++e;
          if (valid_name(b, e) && bounded_after(e) &&
              (script == Script::Latin || b == re || title_before(b) > 0 || joins_role(gap_before(text, tokens, b)) ||
               only_comma(gap_before(text, tokens, b))))
            add(b, e, rb, re);
        }
      }
    }
    // B: [titles] name → role, and B': name, [the] role.
    {
      std::size_t end = rb;
      std::size_t role_b = rb;
      if (script == Script::Latin) {
        // "X, the deputy foreign minister of Y": the comma is required in Latin script.
        if (end > 0 && end < tokens.size() && !tokens[end].candidates.empty() &&
            (tokens[end].candidates.front().key == "the" ||
                                               tokens[end].candidates.front().key == "a"))
          role_b = end;
        if (end == 0 || !only_comma(gap_before(text, tokens, end))) end = 0;
      } else if (end > 0 && !(joins_role(gap_before(text, tokens, end)) || only_comma(gap_before(text, tokens, end)))) {
        end = 0;
      }
      if (end > 0) {
        std::size_t b = end;
        while (b > 0 && end - b < kMaxNameTokens && name_word(b - 1, script) &&
               (b == end || (joins_name(gap_before(text, tokens, b)) && !article_break(b))) && !(b < end && title_before(b) > 0))
          --b;
        if (valid_name(b, end) && bounded_before(b)) add(b, end, role_b, re);
      }
    }
  }

  // Name-like Arabic-script words outside any role, for their transliteration keys: a
  // person the text names without an office is still found from Latin letters. Arabic
  // script has no capitals, so a name is what discovery would take for one: the words a
  // discovered name is made of (name_word: no known entity, role word, stop word or
  // clitic+article), two to four of them, opening with a given name or after an
  // honorific (valid_name), and starting a run (after no other name word: عدي صدام
  // حسين is not صدام حسين; a word with the article before is no name word: المحلل
  // محمد ...). Without capitals a name's end is not known (محمد علي قال),
  // so every such prefix of the run is taken, each by its whole key only (not also
  // first and last word: عبد الله رشاد is not Abdul Latif Rashid) and only when that
  // key has four consonants or more; and the words of a name so taken by their keys of
  // three consonants or more (Kanaani knn, not Reza rz). Measured in README ("Name-like
  // words in Arabic script").
  {
    std::set<std::string> keys;
    const auto consonants = [](const std::string& key) {
      return static_cast<std::size_t>(std::count_if(key.begin(), key.end(), [](char c) { return c != 'a' && c != 'i'; }));
    };
    const auto word_at = [&](std::size_t k) { return text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin); };
    for (std::size_t b = 0; b < tokens.size(); ++b) {
      if (tokens[b].script != Script::Arabic || !name_word(b, Script::Arabic)) continue;
      // (A word with the article before it is a noun or a title: المحلل محمد ...)
      if (b > 0 && name_word(b - 1, Script::Arabic) && !tokens[b - 1].candidates.front().had_article &&
          joins_name(gap_before(text, tokens, b)))
        continue;
      std::size_t e = b;
      while (e < tokens.size() && e - b < kMaxNameTokens && name_word(e, Script::Arabic) &&
             (e == b || (joins_name(gap_before(text, tokens, e)) && !article_break(e))))
        ++e;
      for (std::size_t end = b + 2; end <= e; ++end) {
        if (!valid_name(b, end)) continue;
        bool whole = false;
        for (auto& k : name_key_variants(text.substr(tokens[b].begin, tokens[end - 1].end - tokens[b].begin)))
          if (consonants(k) >= 4) {
            keys.insert(std::move(k));
            whole = true;
          }
        if (!whole) continue;
        for (std::size_t k = b; k < end; ++k)
          for (auto& key : name_keys(word_at(k)))
            if (consonants(key) >= 3) keys.insert(std::move(key));
      }
    }
    out.name_keys.assign(keys.begin(), keys.end());
  }

  // Names → people: a listed official under another spelling, or someone new.
  std::map<std::string, std::size_t> by_id;  // id → index in out.discovered
  for (const auto& f : found) {
    const std::size_t begin = tokens[f.b].begin, end = tokens[f.e - 1].end;
    const std::string name(text.substr(begin, end - begin));
    const Entity* listed = nullptr;
    for (const auto& k : name_key_variants(name, false)) {
      auto it = official_keys.find(k);
      if (it != official_keys.end()) {
        listed = it->second;
        break;
      }
    }
    if (!listed) {
      const auto a = name_keys(std::string(text.substr(tokens[f.b].begin, tokens[f.b].end - tokens[f.b].begin)));
      const auto z = name_keys(std::string(text.substr(tokens[f.e - 1].begin, tokens[f.e - 1].end - tokens[f.e - 1].begin)));
      if (!a.empty() && !z.empty()) {
        auto it = official_first_last.find(a.front() + "|" + z.front());
        if (it != official_first_last.end()) listed = it->second;
      }
    }
    if (listed) {
      out.mentions.push_back({listed, begin, end, name, MatchKind::Name});
      continue;
    }
    const std::string id = name_slug(name);
    if (id.empty()) continue;
    auto [it, fresh] = by_id.emplace(id, out.discovered.size());
    if (fresh) {
      DiscoveredOfficial d;
      d.id = id;
      d.name = one_line(name);
      // The role as written, without the country words and links around it.
      std::size_t rb = f.role_b, re = f.role_e;
      while (rb < re && (country_at(rb) || tokens[rb].candidates.front().key == "the")) ++rb;
      std::size_t cut = re;
      for (std::size_t k = rb; k < re; ++k)
        if (is_link(k) || (country_at(k) && k > rb)) {
          cut = k;
          break;
        }
      while (cut > rb && tokens[cut - 1].script == Script::Latin &&
             (tokens[cut - 1].candidates.front().key == "of" || tokens[cut - 1].candidates.front().key == "the"))
        --cut;
      if (cut > rb) d.role = one_line(text.substr(tokens[rb].begin, tokens[cut - 1].end - tokens[rb].begin));
      // The state: a country in the role phrase, not one after a link ("ambassador to").
      for (std::size_t k = f.role_b; k < f.role_e && d.country.empty(); ++k) {
        if (is_link(k)) {
          ++k;
          while (k < f.role_e && country_at(k)) ++k;
          continue;
        }
        if (const Entity* c = country_at(k)) d.country = c->id;
      }
      out.discovered.push_back(std::move(d));
    }
    out.discovered[it->second].spans.emplace_back(begin, end);
  }
  // Later (or earlier) mentions by surname alone, within this text.
  for (auto& d : out.discovered) {
    const auto name_tokens = detail::tokenize(d.name);
    if (name_tokens.empty() || name_tokens.back().candidates.empty()) continue;
    const Candidate& last = name_tokens.back().candidates.front();
    const bool latin = name_tokens.back().script == Script::Latin;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (ctx.cover[i] || tokens[i].candidates.empty()) continue;
      if (latin && (tokens[i].script != Script::Latin || !capitalized(tokens[i]))) continue;
      bool match = false;
      for (const auto& c : tokens[i].candidates)
        match = match || (c.cost <= 1 && c.key == last.key);
      if (!match) continue;
      const std::pair<std::size_t, std::size_t> span{tokens[i].begin, tokens[i].end};
      if (std::any_of(d.spans.begin(), d.spans.end(),
                      [&](const auto& s) { return span.first >= s.first && span.second <= s.second; }))
        continue;
      d.spans.push_back(span);
    }
    std::sort(d.spans.begin(), d.spans.end());
  }
  // find()'s mentions, plus the listed officials recognized by their role.
  std::vector<Mention> plain = mentions(text, tokens, names_trie(), /*places=*/false);
  plain.insert(plain.end(), out.mentions.begin(), out.mentions.end());
  std::stable_sort(plain.begin(), plain.end(), [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  out.mentions = std::move(plain);
  return out;
}

Findings Gazetteer::find_with_discovery(std::string_view text) const { return impl_->find_with_discovery(text); }

}  // namespace iran::entities
