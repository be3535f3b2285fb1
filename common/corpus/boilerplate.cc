#include "corpus/boilerplate.h"

#include <optional>

#include "corpus/scan.h"

namespace iran::corpus {

namespace {

// How a rule recognizes its text. Patterns use scan::find_loose syntax: any space
// matches any run of spaces (NBSP too), ' matches any apostrophe, * any stretch.
enum class Match {
  Phrase,        // pattern anywhere in a line
  Line,          // the whole line (trimmed) is the pattern
  LineStart,     // the line (trimmed) starts with the pattern
  Breadcrumb,    // the first line is a "Section / Subsection" trail
  TrailingCode,  // the last line ends with a bare desk code after its final sentence
};

// What it removes once recognized.
enum class Cut {
  Phrase,       // the matched text only; the rest of the line stays
  ToLineEnd,    // from the match to the end of its line
  Line,         // the whole line
  LineAndNext,  // the line and the next non-blank one (a teaser after its label)
};

struct Rule {
  std::string_view name;
  Match match;
  std::string_view pattern;
  Cut cut;
  bool credit;              // the removed text names the publisher
  std::string_view source;  // slug credited by the rule itself, when the text is too mangled
                            // for the gazetteer ("Iran PressIran news:")
};

// Every boilerplate rule, in the order applied. Add a site's chrome here, with a test.
constexpr Rule kRules[] = {
    // Site section trail above the headline; first, so it only ever sees the first line.
    {"breadcrumb", Match::Breadcrumb, "", Cut::Line, false, ""},
    // Credits and licences (Mehr, Tehran Times and others use Creative Commons lines).
    {"licence", Match::Phrase, "All Content by * is licensed under", Cut::ToLineEnd, true, ""},
    // Press TV page chrome.
    {"presstv-mirrors", Match::Phrase,
     "Press TV's website can also be accessed at the following alternate addresses", Cut::Line,
     true, "presstv"},
    {"presstv-apps", Match::Line, "Press TV News Roku", Cut::Line, true, "presstv"},
    // Iran Press: the site name and section glued before the first sentence.
    {"iranpress-chrome", Match::Phrase, "Iran PressIran news:", Cut::Phrase, true, "iranpress"},
    {"iranpress-chrome", Match::Phrase, "Iran Press/Iran news:", Cut::Phrase, true, "iranpress"},
    // Wire sign-offs and link-back lines that name the outlet.
    {"sign-off", Match::Line, "Reuter", Cut::Line, true, "reuters"},
    {"credit-link", Match::Phrase, "رابط الخبر بصحيفة *:", Cut::ToLineEnd, true, ""},
    // Saudi Press Agency trailers: "// يتبع //" (continued), "17:58 ت م" (filing time).
    {"wire-trailer", Match::Line, "// يتبع //", Cut::Line, false, ""},
    {"wire-trailer", Match::Line, "//انتهى//", Cut::Line, false, ""},
    {"wire-trailer", Match::Line, "*:* ت م", Cut::Line, false, ""},
    // Related-article teasers.
    {"read-more", Match::Line, "Read More:", Cut::LineAndNext, false, ""},
    {"read-more", Match::Line, "Read More", Cut::LineAndNext, false, ""},
    {"read-more", Match::LineStart, "Read More:", Cut::Line, false, ""},
    {"read-more", Match::Line, "...المزيد", Cut::Line, false, ""},
    {"read-more", Match::Line, "المزيد...", Cut::Line, false, ""},
    {"read-more", Match::Line, "اقرأ أيضا:", Cut::LineAndNext, false, ""},
    {"read-more", Match::Line, "اقرأ أيضاً:", Cut::LineAndNext, false, ""},
    // Comment-box labels and end-of-story markers.
    {"feed-footer", Match::LineStart, "The post * appeared first on", Cut::Line, false, ""},
    {"comment-box", Match::Line, "Your Comment", Cut::Line, false, ""},
    {"comment-box", Match::Line, "تعليقك", Cut::Line, false, ""},
    {"comment-box", Match::Line, "نظر شما", Cut::Line, false, ""},
    {"end-marker", Match::Phrase, "/انتهى/", Cut::Phrase, false, ""},
    {"end-marker", Match::Phrase, "/ انتهى /", Cut::Phrase, false, ""},
    {"end-marker", Match::Line, "انتهى", Cut::Line, false, ""},
    {"end-marker", Match::Line, "انتهای پیام", Cut::Line, false, ""},
    {"end-marker", Match::Line, "انتهای پیام/", Cut::Line, false, ""},
    // Persian news sites label each story with its number.
    {"story-code", Match::LineStart, "کد خبر", Cut::Line, false, ""},
    // Last, once teasers and labels below the story are gone.
    {"desk-code", Match::TrailingCode, "", Cut::Phrase, false, ""},
};

struct Line {
  std::string text;
  bool removed = false;
};

bool blank(const Line& l) { return l.removed || scan::trim(l.text).empty(); }

bool is_sentence_end(char32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == '"' || cp == 0x201D;
}

// "News / Politics", "World / Middle East / Iran": short capitalized segments.
bool is_breadcrumb(std::string_view line) {
  line = scan::trim(line);
  if (line.empty() || line.size() > 80 || line.find('/') == std::string_view::npos) return false;
  std::size_t segments = 0;
  std::size_t b = 0;
  while (b <= line.size()) {
    std::size_t e = line.find('/', b);
    if (e == std::string_view::npos) e = line.size();
    auto seg = scan::trim(line.substr(b, e - b));
    if (seg.empty() || seg.size() > 30) return false;
    auto first = scan::next_cp(seg, 0).cp;
    bool capital = (first >= 'A' && first <= 'Z') || first >= 0x0600;
    if (!capital) return false;
    std::size_t words = 1;
    for (std::size_t i = 0; i < seg.size(); i = scan::next_cp(seg, i).next) {
      auto cp = scan::next_cp(seg, i).cp;
      if (cp == ' ') ++words;
      if (is_sentence_end(cp) || cp == ',' || cp == ':') return false;
    }
    if (words > 3) return false;
    ++segments;
    b = e + 1;
  }
  return segments >= 2;
}

// Iran Press ends its stories with a desk code: "... proven to be effective. 219".
std::optional<scan::Span> trailing_code(std::string_view line) {
  auto t = scan::trim(line);
  std::size_t end = static_cast<std::size_t>(t.data() - line.data()) + t.size();
  std::size_t b = end;
  while (b > 0 && line[b - 1] >= '0' && line[b - 1] <= '9') --b;
  std::size_t digits = end - b;
  if (digits == 0 || digits > 4) return std::nullopt;
  std::size_t s = b;
  while (s > 0 && (line[s - 1] == ' ' || line[s - 1] == '\t')) --s;
  if (s == b || s == 0) return std::nullopt;
  std::size_t p = s - 1;
  while (p > 0 && (static_cast<unsigned char>(line[p]) & 0xC0) == 0x80) --p;
  if (!is_sentence_end(scan::next_cp(line, p).cp)) return std::nullopt;
  return scan::Span{s, end};
}

class Stripper {
 public:
  explicit Stripper(std::string_view text) {
    for (const auto& l : scan::lines(text))
      lines_.push_back({std::string(text.substr(l.begin, l.end - l.begin))});
  }

  void apply(const Rule& rule) {
    switch (rule.match) {
      case Match::Breadcrumb:
        if (auto i = first_content(); i && is_breadcrumb(lines_[*i].text)) remove_line(rule, *i);
        return;
      case Match::TrailingCode:
        if (auto i = last_content()) {
          if (auto span = trailing_code(lines_[*i].text)) cut_span(rule, *i, *span);
        }
        return;
      default:
        for (std::size_t i = 0; i < lines_.size(); ++i) {
          if (!lines_[i].removed) apply_to_line(rule, i);
        }
    }
  }

  Stripped finish() && {
    Stripped out;
    bool pending_blank = false;
    for (const auto& l : lines_) {
      if (blank(l)) {
        pending_blank = !out.text.empty();
        continue;
      }
      if (!out.text.empty()) out.text += pending_blank ? "\n\n" : "\n";
      pending_blank = false;
      out.text += scan::trim(l.text);
    }
    out.removed = std::move(removed_);
    return out;
  }

 private:
  void apply_to_line(const Rule& rule, std::size_t i) {
    std::string& text = lines_[i].text;
    switch (rule.match) {
      case Match::Line:
        if (scan::equals_loose(text, rule.pattern)) {
          remove_line(rule, i);
          if (rule.cut == Cut::LineAndNext) {
            if (auto next = next_content(i + 1)) remove_line(rule, *next);
          }
        }
        return;
      case Match::LineStart: {
        // A match at the start, not the first match anywhere and then its place. A blank
        // line starts with nothing (as find_loose finds nothing in it), whatever the pattern.
        const auto t = scan::trim(text);
        if (!t.empty() && scan::match_loose_at(t, 0, rule.pattern)) remove_line(rule, i);
        return;
      }
      case Match::Phrase: {
        auto m = scan::find_loose(text, rule.pattern);
        if (!m) return;
        if (rule.cut == Cut::Line) return remove_line(rule, i);
        if (rule.cut == Cut::ToLineEnd) return cut_span(rule, i, {m->begin, text.size()});
        // Every occurrence, rebuilt in one pass so many of them stay linear.
        std::string kept;
        std::size_t from = 0;
        for (; m; m = scan::find_loose(text, rule.pattern, from)) {
          record(rule, std::string_view(text).substr(m->begin, m->end - m->begin));
          kept.append(text, from, m->begin - from);
          from = m->end;
        }
        kept.append(text, from);
        text = std::string(scan::trim(kept));
        return;
      }
      default:
        return;
    }
  }

  void record(const Rule& rule, std::string_view what) {
    removed_.push_back({std::string(rule.name), std::string(scan::trim(what)), rule.credit,
                        std::string(rule.source)});
  }

  void remove_line(const Rule& rule, std::size_t i) {
    record(rule, lines_[i].text);
    lines_[i].removed = true;
  }

  // Removes a span inside a line and tidies the spaces the cut leaves.
  void cut_span(const Rule& rule, std::size_t i, scan::Span span) {
    std::string& text = lines_[i].text;
    record(rule, std::string_view(text).substr(span.begin, span.end - span.begin));
    text.erase(span.begin, span.end - span.begin);
    text = std::string(scan::trim(text));
  }

  std::optional<std::size_t> next_content(std::size_t from) const {
    for (std::size_t i = from; i < lines_.size(); ++i)
      if (!blank(lines_[i])) return i;
    return std::nullopt;
  }
  std::optional<std::size_t> first_content() const { return next_content(0); }
  std::optional<std::size_t> last_content() const {
    for (std::size_t i = lines_.size(); i-- > 0;)
      if (!blank(lines_[i])) return i;
    return std::nullopt;
  }

  std::vector<Line> lines_;
  std::vector<Removal> removed_;
};

}  // namespace

Stripped strip_boilerplate(std::string_view text) {
  Stripper s(text);
  for (const auto& rule : kRules) s.apply(rule);
  return std::move(s).finish();
}

std::vector<std::string> boilerplate_rule_names() {
  std::vector<std::string> names;
  for (const auto& rule : kRules) {
    if (names.empty() || names.back() != rule.name) names.emplace_back(rule.name);
  }
  return names;
}

}  // namespace iran::corpus
