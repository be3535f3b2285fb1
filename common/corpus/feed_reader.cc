#include "corpus/feed_reader.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <memory>

#include "corpus/encoding.h"
#include "corpus/html_reader.h"
#include "corpus/reader.h"
#include "util/strings.h"

namespace iran::corpus {
namespace {

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtDeleter {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

std::string_view name_of(const xmlNode* n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }
std::string_view ns_of(const xmlNode* n) {
  return n->ns && n->ns->href ? reinterpret_cast<const char*>(n->ns->href) : "";
}
bool is(const xmlNode* n, std::string_view name, std::string_view ns = {}) {
  return n->type == XML_ELEMENT_NODE && name_of(n) == name && (ns.empty() || ns_of(n) == ns);
}

std::string content_of(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return s;
}

std::string attr_of(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string s = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return s;
}

std::string lang_of(const xmlNode* n) {
  for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
    xmlChar* v = xmlNodeGetLang(n);
    if (v) {
      std::string s = reinterpret_cast<const char*>(v);
      xmlFree(v);
      return s;
    }
  }
  return {};
}

// The children of an Atom type="xhtml" element as markup.
std::string inner_xml(xmlNode* n) {
  std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buf(xmlBufferCreate(), &xmlBufferFree);
  for (xmlNode* c = n->children; c; c = c->next) xmlNodeDump(buf.get(), n->doc, c, 0, 0);
  return reinterpret_cast<const char*>(xmlBufferContent(buf.get()));
}

// Atom text constructs: type "text" (default), "html" (escaped markup) or "xhtml".
std::string atom_text(xmlNode* n) {
  const std::string type = util::ascii_lower(attr_of(n, "type"));
  if (type == "xhtml") return html_fragment_text(inner_xml(n));
  if (type == "html" || type == "text/html") return html_fragment_text(content_of(n));
  return collapse_space(content_of(n));
}

// RSS fields may hold markup or plain text; the HTML rules read both.
std::string rss_html(xmlNode* n) { return html_fragment_text(content_of(n)); }

std::string title_text(std::string t) {
  if (t.find('<') != std::string::npos || t.find('&') != std::string::npos) return collapse_space(html_fragment_text(t));
  return collapse_space(t);
}

std::optional<std::string> opt(std::string s) {
  s = std::string(util::trim(s));
  if (s.empty()) return std::nullopt;
  return s;
}

std::string fallback_id(const FeedItem& item) {
  const std::string key = item.meta.title.value_or("") + "\x1f" + item.meta.date.value_or("") + "\x1f" + item.text;
  return "h" + util::hex64(util::fnv1a64(key));
}

FeedItem rss_item(xmlNode* item, const std::string& channel_lang) {
  FeedItem out;
  out.meta.origin = "feed";
  out.meta.per_item = true;
  std::string guid, link, encoded, description, date, dc_date, lang;
  for (xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is(c, "title") && !out.meta.title) out.meta.title = opt(title_text(content_of(c)));
    else if (is(c, "link") && link.empty()) link = std::string(util::trim(content_of(c)));
    else if (is(c, "guid") && guid.empty()) guid = std::string(util::trim(content_of(c)));
    else if (is(c, "encoded", kContentNs) && encoded.empty()) encoded = rss_html(c);
    else if (is(c, "description") && description.empty()) description = rss_html(c);
    else if (is(c, "pubDate") && date.empty()) date = content_of(c);
    else if (is(c, "date", kDcNs) && dc_date.empty()) dc_date = content_of(c);
    else if (is(c, "language", kDcNs) && lang.empty()) lang = content_of(c);
  }
  // RSS 1.0 names the item by its rdf:about.
  if (guid.empty()) guid = attr_of(item, "about");
  out.text = !encoded.empty() ? encoded : description;
  if (!link.empty()) out.meta.url = link;
  out.meta.source_host = url_host(link);
  if (auto d = normalize_page_date(date)) out.meta.date = d;
  else if (auto dd = normalize_page_date(dc_date)) out.meta.date = dd;
  out.meta.lang = normalize_lang_tag(!lang.empty() ? lang : channel_lang);
  out.id = !guid.empty() ? guid : !link.empty() ? link : fallback_id(out);
  return out;
}

std::string atom_link(xmlNode* parent) {
  std::string any;
  for (xmlNode* c = parent->children; c; c = c->next) {
    if (!is(c, "link", kAtomNs)) continue;
    const std::string rel = attr_of(c, "rel");
    const std::string href = attr_of(c, "href");
    if (href.empty()) continue;
    if (rel.empty() || rel == "alternate") return href;
    if (any.empty() && rel != "self" && rel != "enclosure") any = href;
  }
  return any;
}

FeedItem atom_entry(xmlNode* entry) {
  FeedItem out;
  out.meta.origin = "feed";
  out.meta.per_item = true;
  std::string id, content, summary, published, updated;
  for (xmlNode* c = entry->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || ns_of(c) != kAtomNs) continue;
    if (is(c, "title") && !out.meta.title) out.meta.title = opt(atom_text(c));
    else if (is(c, "id") && id.empty()) id = std::string(util::trim(content_of(c)));
    else if (is(c, "content") && content.empty()) content = atom_text(c);
    else if (is(c, "summary") && summary.empty()) summary = atom_text(c);
    else if (is(c, "published") && published.empty()) published = content_of(c);
    else if (is(c, "updated") && updated.empty()) updated = content_of(c);
  }
  const std::string link = atom_link(entry);
  out.text = !content.empty() ? content : summary;
  if (!link.empty()) out.meta.url = link;
  out.meta.source_host = url_host(link);
  if (auto d = normalize_page_date(published)) out.meta.date = d;
  else if (auto u = normalize_page_date(updated)) out.meta.date = u;
  out.meta.lang = normalize_lang_tag(lang_of(entry));
  out.id = !id.empty() ? id : !link.empty() ? link : fallback_id(out);
  return out;
}

std::string first_child_text(xmlNode* parent, std::string_view name) {
  for (xmlNode* c = parent->children; c; c = c->next)
    if (is(c, name)) return collapse_space(content_of(c));
  return {};
}

void collect_rss_items(xmlNode* n, const std::string& lang, std::vector<FeedItem>& items) {
  for (xmlNode* c = n->children; c; c = c->next) {
    if (is(c, "item")) items.push_back(rss_item(c, lang));
    else if (is(c, "channel")) collect_rss_items(c, lang, items);
  }
}

}  // namespace

bool looks_like_feed(std::string_view head) {
  const std::string lower = util::ascii_lower(head.substr(0, 4096));
  // Skip the XML declaration, comments and processing instructions to the root element.
  std::size_t pos = 0;
  while ((pos = lower.find('<', pos)) != std::string::npos) {
    if (lower.compare(pos, 2, "<?") == 0 || lower.compare(pos, 4, "<!--") == 0 || lower.compare(pos, 2, "<!") == 0) {
      const auto end = lower.find('>', pos);
      if (end == std::string::npos) return false;
      pos = end + 1;
      continue;
    }
    return lower.compare(pos, 4, "<rss") == 0 || lower.compare(pos, 5, "<feed") == 0 ||
           lower.compare(pos, 8, "<rdf:rdf") == 0;
  }
  return false;
}

std::optional<Feed> parse_feed(std::string_view xml) {
  std::unique_ptr<xmlParserCtxt, CtxtDeleter> ctxt(xmlNewParserCtxt());
  if (!ctxt) throw FileError("cannot parse XML (out of memory)");
  // An undeclared encoding that is not UTF-8: tell libxml2 what the bytes look like.
  // Either way the build says what the bytes were read as, as it does for pages and texts.
  std::string encoding, conversion;
  if (util::find_invalid_utf8(xml) != std::string_view::npos) {
    conversion = util::ascii_lower(declared_charset(xml.substr(0, 512)));
    if (conversion.empty()) conversion = encoding = detect_charset(xml);
    if (conversion == "utf-8" || conversion == "utf8") conversion.clear();  // then it fails as not UTF-8
  }
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  std::unique_ptr<xmlDoc, DocDeleter> doc(xmlCtxtReadMemory(ctxt.get(), xml.data(), static_cast<int>(xml.size()),
                                                            nullptr, encoding.empty() ? nullptr : encoding.c_str(),
                                                            options));
  const xmlError* err = xmlCtxtGetLastError(ctxt.get());
  if (!doc || !ctxt->wellFormed || (err && err->level >= XML_ERR_ERROR)) {
    std::string message = err && err->message ? collapse_space(err->message) : "parse failed";
    const int line = err ? err->line : 0;
    throw FileError("not well-formed XML" + (line > 0 ? " at line " + std::to_string(line) : std::string()) + ": " +
                    message);
  }
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return std::nullopt;
  Feed feed;
  feed.conversion = conversion;
  if (is(root, "rss") || is(root, "RDF")) {
    feed.format = "rss";
    xmlNode* channel = nullptr;
    for (xmlNode* c = root->children; c && !channel; c = c->next)
      if (is(c, "channel")) channel = c;
    std::string lang = channel ? first_child_text(channel, "language") : "";
    if (lang.empty()) lang = lang_of(root);
    if (channel) feed.title = first_child_text(channel, "title");
    const std::string channel_link = channel ? first_child_text(channel, "link") : "";
    collect_rss_items(root, lang, feed.items);
    for (auto& item : feed.items) {
      if (!feed.title.empty()) item.meta.source = feed.title;
      if (item.meta.source_host.empty()) item.meta.source_host = url_host(channel_link);
    }
  } else if (is(root, "feed", kAtomNs)) {
    feed.format = "atom";
    for (xmlNode* c = root->children; c; c = c->next)
      if (is(c, "title", kAtomNs)) {
        feed.title = atom_text(c);
        break;
      }
    const std::string feed_link = atom_link(root);
    for (xmlNode* c = root->children; c; c = c->next)
      if (is(c, "entry", kAtomNs)) feed.items.push_back(atom_entry(c));
    for (auto& item : feed.items) {
      if (!feed.title.empty()) item.meta.source = feed.title;
      if (item.meta.source_host.empty()) item.meta.source_host = url_host(feed_link);
    }
  } else {
    return std::nullopt;
  }
  return feed;
}

}  // namespace iran::corpus
