// Searcher::article: one article by path or docid, with its whole text highlighted.
#include "index/article_view.h"

#include "index/schema.h"
#include "index/searcher.h"
#include "index/snippets.h"
#include "text/analyzer.h"
#include "util/strings.h"

namespace iran::index {

std::optional<Article> Searcher::article(const ArticleRequest& request) {
  for (int attempt = 0;; ++attempt) {
    try {
      return find_article(request);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 5) throw IndexError("the index kept changing while reading the article; try again");
      shards_.reopen();
    }
  }
}

std::optional<Article> Searcher::find_article(const ArticleRequest& request) {
  Article article;
  if (!request.path.empty()) {
    const std::string term = schema::id_term(request.path);
    auto it = shards_.database().postlist_begin(term);
    if (it == shards_.database().postlist_end(term)) return std::nullopt;
    article.docid = *it;
  } else {
    article.docid = request.docid;
  }
  if (article.docid == 0 || article.docid > shards_.database().get_lastdocid()) return std::nullopt;
  Xapian::Document doc;
  try {
    doc = shards_.database().get_document(article.docid);
  } catch (const Xapian::DocNotFoundError&) {
    return std::nullopt;
  }
  article.fields = decode(doc.get_data());
  // A path that hashes to the same id term but is not this document's: not found.
  if (!request.path.empty() && article.fields.path != request.path) return std::nullopt;
  for (const auto& c : article.fields.countries) article.country_names.push_back(facet_label(gazetteer_, "country", c));
  name_officials(article.fields.officials, article.official_names);
  article.indexed = doc.get_value(schema::kIndexedSlot);
  if (const std::string key = doc.get_value(schema::kCopySlot); !key.empty()) {
    const std::string term = std::string(schema::kCopyPrefix) + key;
    for (auto p = shards_.database().postlist_begin(term); p != shards_.database().postlist_end(term); ++p)
      if (*p != article.docid) article.copies.push_back(decode(shards_.database().get_document(*p).get_data()).path);
  }

  const std::string& body = article.fields.body;
  if (!util::trim(request.query).empty() && !body.empty()) {
    // Every word of the query, in every form and (for names) every spelling the search
    // matches, marked by the same analysis as the snippets (index/snippets.h): in the
    // first kArticleHighlightBytes, the rest as it is, so one article costs bounded work.
    const Highlighter highlighter(highlight_query(parse_query(request.query, Xapian::Query::OP_OR)), analyzer_);
    const std::size_t cut = util::cut_point(body, kArticleHighlightBytes);
    article.text = highlighter.highlight(marker_free(std::string_view(body).substr(0, cut)), kHighlightStart, kHighlightEnd) +
                   marker_free(std::string_view(body).substr(cut));
  }
  if (article.text.empty()) article.text = marker_free(body);
  return article;
}

}  // namespace iran::index
