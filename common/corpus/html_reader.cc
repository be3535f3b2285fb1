#include "corpus/html_reader.h"

#include <gumbo.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "corpus/encoding.h"
#include "corpus/reader.h"
#include "util/strings.h"

namespace iran::corpus {
namespace {

using Node = const GumboNode*;

// Thresholds of the block classifier (after boilerpipe's word and link-density rules).
constexpr double kMaxLinkDensity = 0.33;  // a block more than a third links is navigation
constexpr std::size_t kLongBlockWords = 10;  // a block this long stands on its own
constexpr std::size_t kMediumBlockWords = 4;  // shorter ones need a long neighbour
constexpr std::size_t kMinRegionChars = 140;  // a hinted region with less text is not the article

struct GumboDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

bool is_element(Node n) { return n && (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE); }

const GumboVector* children_of(Node n) {
  if (!n) return nullptr;
  if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
  if (is_element(n)) return &n->v.element.children;
  return nullptr;
}

template <typename F>
void for_children(Node n, F&& f) {
  const GumboVector* kids = children_of(n);
  if (!kids) return;
  for (unsigned i = 0; i < kids->length; ++i) f(static_cast<Node>(kids->data[i]));
}

std::string_view attr(Node n, const char* name) {
  if (!is_element(n)) return {};
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a && a->value ? std::string_view(a->value) : std::string_view();
}

GumboTag tag_of(Node n) { return is_element(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN; }

bool is_heading(GumboTag t) {
  return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 || t == GUMBO_TAG_H5 ||
         t == GUMBO_TAG_H6;
}

// Never article text, whatever the page says.
bool is_noise_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_LABEL: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE: case GUMBO_TAG_META: case GUMBO_TAG_LINK:
      return true;
    default:
      return false;
  }
}

// Page furniture by its element: navigation, site header and footer, asides, menus,
// figures (captions and photo credits), dialogs.
bool is_furniture_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_MENU: case GUMBO_TAG_FIGURE:
      return true;
    default:
      return false;
  }
}

bool is_block_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_BR: case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_BODY: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
      return true;
    default:
      return false;
  }
}

// Words in class and id attributes that name page furniture. Matched as whole tokens
// (split at '-', '_', spaces, camelCase stays one token) and as joined neighbours
// ("most-read" → "mostread"), so "article-body" or "headline" never match "ad".
const std::unordered_set<std::string>& furniture_words() {
  static const std::unordered_set<std::string> words = {
      "nav", "navbar", "navigation", "menu", "megamenu", "breadcrumb", "breadcrumbs", "footer", "header",
      "masthead", "topbar", "sidebar", "widget", "widgets", "share", "shares", "sharing", "sharebar",
      "sharethis", "addthis", "social", "socials", "related", "relatedposts", "relatedarticles",
      "recommended", "recommendations", "popular", "mostpopular", "mostread", "mostviewed", "trending",
      "comment", "comments", "commentlist", "disqus", "respond", "cookie", "cookies", "consent", "gdpr",
      "newsletter", "subscribe", "subscription", "signup", "ad", "ads", "advert", "adverts", "advertisement",
      "adsbygoogle", "adslot", "adunit", "dfp", "banner", "promo", "sponsored", "outbrain", "taboola",
      "tags", "tagcloud", "paywall", "meter", "regwall", "keywords", "pagination", "pager", "modal", "popup", "overlay", "toolbar",
      "print", "ticker", "newsticker", "readmore", "readalso", "seealso", "morestories", "morenews",
      "byline", "hidden", "srOnly", "sronly", "visuallyhidden", "screenreadertext", "skip", "skiplink"};
  return words;
}

std::vector<std::string> class_tokens(Node n) {
  std::vector<std::string> tokens;
  for (const char* name : {"class", "id"}) {
    std::string cur;
    for (char c : attr(n, name)) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (!cur.empty()) {
        tokens.push_back(std::move(cur));
        cur.clear();
      }
      if (c == ' ' && !tokens.empty()) tokens.push_back("");  // a class boundary
    }
    if (!cur.empty()) tokens.push_back(std::move(cur));
    tokens.push_back("");
  }
  return tokens;
}

bool has_furniture_hint(Node n) {
  const auto& words = furniture_words();
  const auto tokens = class_tokens(n);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].empty()) continue;
    if (words.count(tokens[i])) return true;
    if (i + 1 < tokens.size() && !tokens[i + 1].empty() && words.count(tokens[i] + tokens[i + 1])) return true;
  }
  const std::string role = util::ascii_lower(attr(n, "role"));
  if (role == "navigation" || role == "banner" || role == "contentinfo" || role == "complementary" ||
      role == "search" || role == "menu" || role == "menubar" || role == "dialog" || role == "alert")
    return true;
  if (is_element(n) && (gumbo_get_attribute(&n->v.element.attributes, "hidden") ||
                        util::ascii_lower(attr(n, "aria-hidden")) == "true"))
    return true;
  const std::string style = util::ascii_lower(attr(n, "style"));
  if (style.find("display:none") != std::string::npos || style.find("display: none") != std::string::npos) return true;
  return false;
}

// Text and link text of every subtree, computed once.
struct TextStats {
  std::size_t chars = 0;
  std::size_t link_chars = 0;
};

class Page {
 public:
  explicit Page(Node root) : root_(root) { stats(root_); }

  const TextStats& stats(Node n) {
    if (auto it = stats_.find(n); it != stats_.end()) return it->second;
    TextStats s;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      s.chars = collapse_space(n->v.text.text).size();
    } else if (is_element(n) && is_noise_tag(tag_of(n))) {
      // scripts and styles hold no text
    } else {
      const bool link = tag_of(n) == GUMBO_TAG_A;
      if (link) ++links_;
      for_children(n, [&](Node c) {
        const TextStats& cs = stats(c);
        s.chars += cs.chars;
        s.link_chars += link ? cs.chars : cs.link_chars;
      });
    }
    return stats_.emplace(n, s).first->second;
  }

  std::size_t links() const { return links_; }
  Node root() const { return root_; }

 private:
  Node root_;
  std::unordered_map<Node, TextStats> stats_;
  std::size_t links_ = 0;
};

struct Block {
  std::string text;
  std::size_t link_chars = 0;  // bytes of the collapsed text inside links (approximate)
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  std::size_t words = 0;
  bool keep = false;
};

std::size_t count_words(std::string_view s) {
  std::size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool space = c == ' ';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

// Walks a region, cutting it into blocks at block-level elements and skipping noise
// and furniture (unless the furniture holds most of the region's text: a page that
// wraps its article in class="post-comments-enabled" is still an article).
class BlockCollector {
 public:
  BlockCollector(Page& page, Node region) : page_(page), region_chars_(page.stats(region).chars) {}

  std::vector<Block> collect(Node region) {
    visit(region, false);
    flush();
    return std::move(blocks_);
  }

 private:
  bool skip(Node n) {
    const GumboTag t = tag_of(n);
    if (is_noise_tag(t)) return true;
    if (!is_furniture_tag(t) && !has_furniture_hint(n)) return false;
    return page_.stats(n).chars * 2 < region_chars_;
  }

  void flush() {
    Block b;
    b.text = collapse_space(current_);
    if (!b.text.empty()) {
      // Link text measured on the raw text, scaled to the collapsed length.
      b.link_chars = current_.empty() ? 0 : std::min(b.text.size(), link_raw_ * b.text.size() / current_.size());
      b.tag = block_tag_;
      b.words = count_words(b.text);
      blocks_.push_back(std::move(b));
    }
    current_.clear();
    link_raw_ = 0;
    block_tag_ = GUMBO_TAG_UNKNOWN;
  }

  void visit(Node n, bool in_link) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
      const std::string_view text = n->v.text.text;
      current_ += text;
      if (in_link) link_raw_ += text.size();
      return;
    }
    if (!is_element(n) && n->type != GUMBO_NODE_DOCUMENT) return;
    if (is_element(n) && skip(n)) {
      current_ += ' ';
      return;
    }
    const GumboTag t = tag_of(n);
    const bool block = is_block_tag(t);
    if (block) {
      flush();
      block_tag_ = t;
    } else if (t == GUMBO_TAG_IMG) {
      current_ += ' ';
    }
    for_children(n, [&](Node c) {
      visit(c, in_link || t == GUMBO_TAG_A);
      // Text after a nested block belongs to this block again.
      if (block && block_tag_ == GUMBO_TAG_UNKNOWN) block_tag_ = t;
    });
    if (block) flush();
  }

  Page& page_;
  std::size_t region_chars_;
  std::vector<Block> blocks_;
  std::string current_;
  std::size_t link_raw_ = 0;
  GumboTag block_tag_ = GUMBO_TAG_UNKNOWN;
};

bool ends_sentence(std::string_view s) {
  while (!s.empty() && (s.back() == '"' || s.back() == ')' || s.back() == '\'')) s.remove_suffix(1);
  return s.ends_with('.') || s.ends_with('!') || s.ends_with('?') || s.ends_with("\u061F") || s.ends_with("\u06D4") ||
         s.ends_with(":") || s.ends_with("\u201D") || s.ends_with("\u00BB");
}

// Marks the blocks that are article text: not link-dense, long, or of medium length
// next to a long one; a heading when the text goes on after it; a short line only
// inside the text and when it is a sentence. An <h1> is the page's title, not its text.
void classify(std::vector<Block>& blocks) {
  const auto dense = [](const Block& b) { return b.link_chars > kMaxLinkDensity * static_cast<double>(b.text.size()); };
  std::vector<bool> strong(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i)
    strong[i] = !dense(blocks[i]) && blocks[i].words >= kLongBlockWords && blocks[i].tag != GUMBO_TAG_H1;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Block& b = blocks[i];
    if (strong[i]) {
      b.keep = true;
      continue;
    }
    if (dense(b) || b.tag == GUMBO_TAG_H1) continue;
    const bool prev = i > 0 && strong[i - 1];
    const bool next = i + 1 < blocks.size() && strong[i + 1];
    if (is_heading(b.tag)) b.keep = next;
    else if (b.words >= kMediumBlockWords) b.keep = prev || next;
    else b.keep = prev && next && ends_sentence(b.text);
  }
}

std::string join_kept(const std::vector<Block>& blocks, std::size_t* dropped) {
  std::string out;
  for (const auto& b : blocks) {
    if (!b.keep) {
      if (dropped) ++*dropped;
      continue;
    }
    if (!out.empty()) out += "\n\n";
    out += b.text;
  }
  return out;
}

// --- finding the article's region -------------------------------------------------

template <typename Pred>
void find_all(Node n, Pred&& pred, std::vector<Node>& out) {
  if (is_element(n) && is_noise_tag(tag_of(n))) return;
  if (is_element(n) && pred(n)) out.push_back(n);
  for_children(n, [&](Node c) { find_all(c, pred, out); });
}

Node find_first(Node n, GumboTag tag) {
  if (tag_of(n) == tag) return n;
  Node found = nullptr;
  for_children(n, [&](Node c) {
    if (!found) found = find_first(c, tag);
  });
  return found;
}

// The candidate with the most text that is not links.
Node largest(Page& page, const std::vector<Node>& nodes) {
  Node best = nullptr;
  std::size_t best_chars = 0;
  for (Node n : nodes) {
    const auto& s = page.stats(n);
    const std::size_t plain = s.chars - std::min(s.chars, s.link_chars);
    if (!best || plain > best_chars) {
      best = n;
      best_chars = plain;
    }
  }
  return best;
}

// Readability's idea: every paragraph-like block votes for its parent (and half for its
// grandparent) by its length and commas; the element with the best vote, discounted by
// its link density, holds the article.
Node densest(Page& page, Node body) {
  std::unordered_map<Node, double> score;
  std::vector<Node> order;  // candidates in the order they got their first vote: ties go to the first
  const auto vote_for = [&](Node n, double v) {
    if (score.emplace(n, 0.0).second) order.push_back(n);
    score[n] += v;
  };
  std::vector<Node> blocks;
  find_all(body, [](Node n) {
    const GumboTag t = tag_of(n);
    return t == GUMBO_TAG_P || t == GUMBO_TAG_PRE || t == GUMBO_TAG_BLOCKQUOTE || t == GUMBO_TAG_TD;
  }, blocks);
  // Text directly inside divs (pages that separate paragraphs with <br>) votes too.
  std::vector<Node> divs;
  find_all(body, [](Node n) { return tag_of(n) == GUMBO_TAG_DIV; }, divs);
  for (Node d : divs) {
    std::size_t direct = 0;
    for_children(d, [&](Node c) {
      if (c->type == GUMBO_NODE_TEXT) direct += collapse_space(c->v.text.text).size();
    });
    if (direct >= 80) blocks.push_back(d);
  }
  for (Node b : blocks) {
    const auto& s = page.stats(b);
    if (s.chars < 25 || s.link_chars * 2 > s.chars) continue;
    double vote = 1.0 + std::min(static_cast<double>(s.chars) / 100.0, 3.0);
    std::string text;
    for_children(b, [&](Node c) {
      if (c->type == GUMBO_NODE_TEXT) text += c->v.text.text;
    });
    vote += static_cast<double>(std::count(text.begin(), text.end(), ','));
    for (std::size_t p = text.find("\u060C"); p != std::string::npos; p = text.find("\u060C", p + 1)) vote += 1;
    Node parent = b->parent;
    // A div voting by its own text is its own candidate.
    if (tag_of(b) == GUMBO_TAG_DIV) parent = b;
    if (parent && is_element(parent)) vote_for(parent, vote);
    if (parent && parent->parent && is_element(parent->parent)) vote_for(parent->parent, vote / 2);
  }
  Node best = nullptr;
  double best_score = 0;
  for (Node n : order) {
    const auto& s = page.stats(n);
    const double density = s.chars ? static_cast<double>(s.link_chars) / static_cast<double>(s.chars) : 1.0;
    const double adjusted = score[n] * (1.0 - density);
    if (adjusted > best_score) {
      best = n;
      best_score = adjusted;
    }
  }
  return best;
}

// Readability's sibling rule: around the densest element, siblings that read as text
// (long enough, few links, a sentence) belong to the article too: a lead paragraph in
// its own box, a second body part after an inline ad.
std::string density_text(Page& page, Node best, HtmlArticle* stats);

// --- metadata -----------------------------------------------------------------------

std::string text_of(Node n) {
  std::string out;
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
    out += n->v.text.text;
  } else if (!(is_element(n) && is_noise_tag(tag_of(n)) && tag_of(n) != GUMBO_TAG_TITLE)) {
    for_children(n, [&](Node c) { out += text_of(c); });
  }
  return out;
}

std::string raw_text_of(Node n) {  // script contents
  std::string out;
  for_children(n, [&](Node c) {
    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA || c->type == GUMBO_NODE_WHITESPACE)
      out += c->v.text.text;
  });
  return out;
}

struct JsonLd {
  std::optional<std::string> headline, date, body, publisher, url, lang;
};

bool is_article_type(const nlohmann::json& type) {
  static const std::unordered_set<std::string> types = {
      "NewsArticle", "Article", "ReportageNews", "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting",
      "BackgroundNewsArticle", "ReviewNewsArticle", "LiveBlogPosting", "Report", "ScholarlyArticle"};
  if (type.is_string()) return types.count(type.get<std::string>()) > 0;
  if (type.is_array())
    for (const auto& t : type)
      if (t.is_string() && types.count(t.get<std::string>())) return true;
  return false;
}

std::optional<std::string> json_string(const nlohmann::json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end()) return std::nullopt;
  if (it->is_string()) {
    std::string s = collapse_space(it->get<std::string>());
    if (!s.empty()) return s;
  }
  return std::nullopt;
}

// The first schema.org article object anywhere in the JSON (top level, arrays, @graph).
const nlohmann::json* find_article_object(const nlohmann::json& j, int depth = 0) {
  if (depth > 8) return nullptr;
  if (j.is_object()) {
    if (const auto t = j.find("@type"); t != j.end() && is_article_type(*t)) return &j;
    for (const auto& [key, value] : j.items())
      if (value.is_array() || value.is_object())
        if (const auto* found = find_article_object(value, depth + 1)) return found;
  } else if (j.is_array()) {
    for (const auto& item : j)
      if (const auto* found = find_article_object(item, depth + 1)) return found;
  }
  return nullptr;
}

void read_json_ld(std::string_view script, JsonLd& out) {
  const auto j = nlohmann::json::parse(script.begin(), script.end(), nullptr, false);
  if (j.is_discarded()) return;  // broken JSON-LD is common; the page still has markup
  const auto* a = find_article_object(j);
  if (!a) return;
  if (!out.headline) out.headline = json_string(*a, "headline");
  if (!out.headline) out.headline = json_string(*a, "name");
  if (!out.date) out.date = json_string(*a, "datePublished");
  if (!out.date) out.date = json_string(*a, "dateCreated");
  if (!out.body) {
    if (const auto it = a->find("articleBody"); it != a->end() && it->is_string()) {
      std::string body = it->get<std::string>();
      out.body = body.find('<') != std::string::npos ? html_fragment_text(body) : body;
    }
  }
  if (!out.url) out.url = json_string(*a, "url");
  if (!out.url)
    if (const auto it = a->find("mainEntityOfPage"); it != a->end()) {
      if (it->is_string()) out.url = it->get<std::string>();
      else if (it->is_object()) out.url = json_string(*it, "@id");
    }
  if (!out.lang) out.lang = json_string(*a, "inLanguage");
  if (!out.publisher)
    if (const auto it = a->find("publisher"); it != a->end()) {
      if (it->is_object()) out.publisher = json_string(*it, "name");
      else if (it->is_array() && !it->empty() && it->front().is_object()) out.publisher = json_string(it->front(), "name");
    }
}

struct HeadFacts {
  std::optional<std::string> lang, title, og_title, og_site, og_url, og_locale, canonical, published, other_date;
  std::optional<std::string> time_datetime;  // a <time datetime> marked as the publication time
  std::optional<std::string> h1;
  JsonLd ld;
};

void read_meta(Node n, HeadFacts& f) {
  const GumboTag t = tag_of(n);
  if (t == GUMBO_TAG_META) {
    const std::string key = util::ascii_lower(!attr(n, "property").empty() ? attr(n, "property")
                                              : !attr(n, "name").empty()   ? attr(n, "name")
                                                                           : attr(n, "itemprop"));
    const std::string content = collapse_space(attr(n, "content"));
    if (content.empty()) return;
    auto set = [&](std::optional<std::string>& slot) {
      if (!slot) slot = content;
    };
    if (key == "og:title") set(f.og_title);
    else if (key == "og:site_name") set(f.og_site);
    else if (key == "og:url") set(f.og_url);
    else if (key == "og:locale") set(f.og_locale);
    else if (key == "article:published_time") set(f.published);
    else if (key == "datepublished" || key == "pubdate" || key == "publishdate" || key == "date" ||
             key == "dc.date" || key == "dc.date.issued" || key == "dcterms.date" || key == "parsely-pub-date" ||
             key == "sailthru.date" || key == "article.published")
      set(f.other_date);
  } else if (t == GUMBO_TAG_LINK) {
    for (const auto& rel : util::split(util::ascii_lower(attr(n, "rel")), ' '))
      if (rel == "canonical" && !f.canonical && !attr(n, "href").empty()) f.canonical = std::string(attr(n, "href"));
  } else if (t == GUMBO_TAG_TITLE) {
    if (!f.title) f.title = collapse_space(text_of(n));
  } else if (t == GUMBO_TAG_SCRIPT) {
    if (util::ascii_lower(util::trim(attr(n, "type"))) == "application/ld+json") read_json_ld(raw_text_of(n), f.ld);
    return;
  } else if (t == GUMBO_TAG_TIME) {
    const std::string prop = util::ascii_lower(attr(n, "itemprop"));
    const bool marked = prop == "datepublished" ||
                        (is_element(n) && gumbo_get_attribute(&n->v.element.attributes, "pubdate"));
    if (marked && !attr(n, "datetime").empty() && !f.time_datetime) f.time_datetime = std::string(attr(n, "datetime"));
  } else if (t == GUMBO_TAG_H1) {
    if (!f.h1) {
      std::string h = collapse_space(text_of(n));
      if (!h.empty()) f.h1 = h;
    }
  } else if (t == GUMBO_TAG_HTML) {
    if (!attr(n, "lang").empty()) f.lang = std::string(attr(n, "lang"));
    else if (!attr(n, "xml:lang").empty()) f.lang = std::string(attr(n, "xml:lang"));
  }
  if (is_element(n) && is_noise_tag(t) && t != GUMBO_TAG_HEAD) return;
  for_children(n, [&](Node c) { read_meta(c, f); });
}

// The first <time datetime> inside the article's region.
std::optional<std::string> first_time_in(Node n) {
  if (tag_of(n) == GUMBO_TAG_TIME && !attr(n, "datetime").empty()) return std::string(attr(n, "datetime"));
  std::optional<std::string> found;
  for_children(n, [&](Node c) {
    if (!found) found = first_time_in(c);
  });
  return found;
}

// "Tehran Times" and "tehrantimes.com" and "TEHRAN TIMES" are one name.
std::string fold_name(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80)
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A <title> usually reads "Headline | Site" or "Site - Headline": the part that names
// the site goes. Without a known site name, only a short last part after " | " goes.
std::string strip_site_name(const std::string& title, const std::vector<std::string>& site_names) {
  static const std::vector<std::string_view> separators = {" | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00AB ",
                                                           " \u00BB ", " \u00B7 ", " \u2022 "};
  std::vector<std::string> folded;
  for (const auto& n : site_names)
    if (!fold_name(n).empty()) folded.push_back(fold_name(n));
  const auto is_site = [&](std::string_view part) {
    const std::string f = fold_name(part);
    if (f.empty()) return false;
    for (const auto& n : folded)
      if (f == n || (f.size() >= 4 && (n.starts_with(f) || f.starts_with(n)))) return true;
    return false;
  };
  for (const auto sep : separators) {
    if (const auto pos = title.rfind(sep); pos != std::string::npos && pos > 0) {
      const std::string_view tail = std::string_view(title).substr(pos + sep.size());
      if (is_site(tail)) return std::string(util::trim(title.substr(0, pos)));
    }
    if (const auto pos = title.find(sep); pos != std::string::npos && pos > 0) {
      const std::string_view head = std::string_view(title).substr(0, pos);
      if (is_site(head)) return std::string(util::trim(title.substr(pos + sep.size())));
    }
  }
  if (const auto pos = title.rfind(" | "); pos != std::string::npos && pos > 0) {
    const std::string_view tail = std::string_view(title).substr(pos + 3);
    if (count_words(collapse_space(tail)) <= 3 && tail.size() < pos) return std::string(util::trim(title.substr(0, pos)));
  }
  return title;
}

std::optional<std::string> non_empty(std::optional<std::string> s) {
  if (s && util::trim(*s).empty()) return std::nullopt;
  return s;
}

PageMetadata page_metadata(const HeadFacts& f, Node region) {
  PageMetadata m;
  m.origin = "html";
  // URL first: the site's host helps to recognise the site's name in the title.
  for (const auto* u : {&f.canonical, &f.og_url, &f.ld.url})
    if (*u && !url_host(**u).empty()) {
      m.url = **u;
      break;
    }
  if (m.url) m.source_host = url_host(*m.url);

  m.source = non_empty(f.og_site);
  if (!m.source) m.source = non_empty(f.ld.publisher);

  std::vector<std::string> site_names;
  for (const auto* s : {&f.og_site, &f.ld.publisher})
    if (*s) site_names.push_back(**s);
  if (!m.source_host.empty()) {
    const std::string& h = m.source_host;
    site_names.push_back(h.substr(0, h.find('.')));  // "aljazeera" of aljazeera.net
    const auto last = h.rfind('.');
    if (last != std::string::npos) {
      const auto prev = h.rfind('.', last - 1);
      site_names.push_back(h.substr(prev == std::string::npos ? 0 : prev + 1, last - (prev == std::string::npos ? 0 : prev + 1)));
    }
  }
  for (const auto* t : {&f.og_title, &f.ld.headline, &f.title, &f.h1}) {
    if (!*t) continue;
    std::string title = strip_site_name(**t, site_names);
    if (!title.empty() && !fold_name(title).empty()) {
      bool only_site = false;
      for (const auto& n : site_names) only_site |= fold_name(n) == fold_name(title);
      if (!only_site) {
        m.title = title;
        break;
      }
    }
  }

  const std::optional<std::string> time_in_region = region ? first_time_in(region) : std::nullopt;
  for (const std::optional<std::string>* d : {&f.published, &f.other_date, &f.ld.date, &f.time_datetime, &time_in_region})
    if (*d)
      if (auto date = normalize_page_date(**d)) {
        m.date = date;
        break;
      }

  for (const auto* l : {&f.lang, &f.og_locale, &f.ld.lang})
    if (*l)
      if (auto lang = normalize_lang_tag(**l)) {
        m.lang = lang;
        break;
      }
  return m;
}

std::unique_ptr<GumboOutput, GumboDeleter> parse(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are repaired; we do not need their list
  return std::unique_ptr<GumboOutput, GumboDeleter>(gumbo_parse_with_options(&options, html.data(), html.size()));
}

// The text of a region by the block rules; empty when nothing in it reads as article.
std::string region_text(Page& page, Node region, HtmlArticle* stats) {
  BlockCollector collector(page, region);
  auto blocks = collector.collect(region);
  classify(blocks);
  std::size_t dropped = 0;
  std::string text = join_kept(blocks, &dropped);
  if (stats) {
    stats->blocks = blocks.size();
    stats->dropped_blocks = dropped;
  }
  return text;
}

std::string density_text(Page& page, Node best, HtmlArticle* stats) {
  Node parent = best->parent;
  if (!parent || !is_element(parent)) return region_text(page, best, stats);
  std::string out;
  std::size_t blocks = 0, dropped = 0;
  for_children(parent, [&](Node s) {
    if (!is_element(s)) return;
    HtmlArticle part;
    std::string text;
    if (s == best) {
      text = region_text(page, s, &part);
    } else {
      const GumboTag t = tag_of(s);
      if (is_noise_tag(t) || is_furniture_tag(t) || has_furniture_hint(s)) return;
      const auto& st = page.stats(s);
      if (st.chars < 50 || st.link_chars * 4 > st.chars) return;
      text = region_text(page, s, &part);
      if (!ends_sentence(text)) return;
    }
    blocks += part.blocks;
    dropped += part.dropped_blocks;
    if (text.empty()) return;
    if (!out.empty()) out += "\n\n";
    out += text;
  });
  if (stats) {
    stats->blocks = blocks;
    stats->dropped_blocks = dropped;
  }
  return out;
}

}  // namespace

HtmlArticle extract_html(std::string_view html) {
  HtmlArticle out;
  auto doc = parse(html);
  if (!doc) return out;
  Page page(doc->document);
  out.links = page.links();

  HeadFacts facts;
  read_meta(doc->document, facts);

  Node body = find_first(doc->root, GUMBO_TAG_BODY);
  if (!body) body = doc->root;

  // The markup's own hints first, each only if it holds enough text to be the article.
  std::vector<Node> article_body, articles, mains;
  find_all(body, [](Node n) { return util::ascii_lower(attr(n, "itemprop")) == "articlebody"; }, article_body);
  find_all(body, [](Node n) { return tag_of(n) == GUMBO_TAG_ARTICLE; }, articles);
  find_all(body, [](Node n) { return tag_of(n) == GUMBO_TAG_MAIN || util::ascii_lower(attr(n, "role")) == "main"; }, mains);
  const std::vector<std::pair<const char*, Node>> candidates = {
      {"articleBody", largest(page, article_body)},
      {"article", largest(page, articles)},
      {"main", largest(page, mains)},
      {"density", densest(page, body)}};
  Node region = nullptr;
  for (const auto& [name, node] : candidates) {
    if (!node) continue;
    HtmlArticle stats;
    std::string text = std::string_view(name) == "density" ? density_text(page, node, &stats) : region_text(page, node, &stats);
    if (text.size() < kMinRegionChars && std::string_view(name) != "density") continue;
    if (text.empty()) continue;
    out.text = std::move(text);
    out.found_by = name;
    out.blocks = stats.blocks;
    out.dropped_blocks = stats.dropped_blocks;
    region = node;
    break;
  }
  if (!region) {
    // Nothing scored: the page's blocks as a whole (still without link lists).
    HtmlArticle stats;
    out.text = region_text(page, body, &stats);
    out.blocks = stats.blocks;
    out.dropped_blocks = stats.dropped_blocks;
    if (!out.text.empty()) {
      out.found_by = "density";
      region = body;
    }
  }
  // JSON-LD's articleBody when the markup gave much less (pages that render their text
  // with scripts, or a region cut short).
  if (facts.ld.body && facts.ld.body->size() >= kMinRegionChars / 2 && out.text.size() * 10 < facts.ld.body->size() * 6) {
    out.text = *facts.ld.body;
    out.found_by = "json-ld";
  }
  out.meta = page_metadata(facts, region);
  return out;
}

std::string html_fragment_text(std::string_view html) {
  auto doc = parse(html);
  if (!doc) return {};
  Page page(doc->document);
  Node body = find_first(doc->root, GUMBO_TAG_BODY);
  if (!body) body = doc->root;
  BlockCollector collector(page, body);
  auto blocks = collector.collect(body);
  // A fragment is the text already: keep every block that is not links, furniture or a
  // lone short line after the text ("Read more", "The post ... appeared first on ...").
  for (auto& b : blocks) {
    const bool dense = b.link_chars > kMaxLinkDensity * static_cast<double>(b.text.size());
    b.keep = !dense && (b.words >= kMediumBlockWords || ends_sentence(b.text) || blocks.size() == 1);
  }
  return join_kept(blocks, nullptr);
}

bool looks_like_html(std::string_view head) {
  std::string_view h = head.substr(0, 2048);
  if (h.starts_with("\xEF\xBB\xBF")) h.remove_prefix(3);
  while (!h.empty() && std::isspace(static_cast<unsigned char>(h.front()))) h.remove_prefix(1);
  const std::string lower = util::ascii_lower(h.substr(0, 512));
  if (lower.starts_with("<!doctype html") || lower.starts_with("<html")) return true;
  // Comments or an XML declaration before the root element.
  if (lower.starts_with("<!--") || lower.starts_with("<?xml"))
    return lower.find("<html") != std::string::npos;
  return false;
}

DecodedPage decode_html(std::string bytes) {
  if (util::trim(bytes).empty()) throw FileError(bytes.empty() ? "empty file" : "empty file (only white space)");
  DecodedPage page;
  std::string charset;
  std::size_t skip = 0;
  if (const auto bom = sniff_bom(bytes)) {
    charset = bom->charset;
    skip = bom->length;
  } else if (const std::string utf32 = sniff_utf32(bytes); !utf32.empty()) {
    charset = utf32;
  }
  if (!charset.empty()) {
    if (charset != "UTF-8") {
      auto converted = to_utf8(std::string_view(bytes).substr(skip), charset);
      if (!converted) throw FileError("cannot convert from " + charset);
      page.conversion = util::ascii_lower(charset);
      bytes = std::move(*converted);
    } else {
      bytes.erase(0, skip);
    }
  } else if (util::find_invalid_utf8(bytes) != std::string::npos) {
    // Not UTF-8: what the page says, else what the bytes look like.
    std::string declared = declared_charset(std::string_view(bytes).substr(0, 4096));
    // HTML's rule: a page that calls itself Latin-1 is read as Windows-1252.
    if (declared == "iso-8859-1" || declared == "latin1" || declared == "us-ascii") declared = "windows-1252";
    if (declared.starts_with("utf") || !is_known_charset(declared)) declared.clear();
    const std::string used = !declared.empty() ? declared : detect_charset(bytes);
    if (used.empty()) {
      const auto bad = util::find_invalid_utf8(bytes);
      throw FileError("not valid UTF-8 and no character set declared or recognised (byte at offset " +
                      std::to_string(bad) + ")");
    }
    auto converted = to_utf8(bytes, used);
    if (!converted) throw FileError("cannot convert from " + used);
    page.conversion = used;
    bytes = std::move(*converted);
  }
  if (bytes.find('\0') != std::string::npos) throw FileError("binary file (contains NUL bytes)");
  page.html = std::move(bytes);
  return page;
}

}  // namespace iran::corpus
