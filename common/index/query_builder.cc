#include "index/query_builder.h"

#include <set>
#include <vector>

#include "index/filters.h"
#include "index/query_name_keys.h"
#include "index/query_names.h"
#include "index/schema.h"
#include "index/search_request.h"
#include "text/analyzer.h"
#include "text/query_text.h"

namespace iran::index {
namespace {

bool is_entity_term(const std::string& term) {
  return term.rfind(schema::kCountryPrefix, 0) == 0 || term.rfind(schema::kOfficialPrefix, 0) == 0;
}

bool is_entity_leaf(const Xapian::Query& q) {
  if (q.get_type() != Xapian::Query::LEAF_TERM) return false;
  const auto t = q.get_terms_begin();
  return t != q.get_terms_end() && is_entity_term(*t);
}

// Operators whose description holds no parameter, so a node can be rebuilt from its
// operator and subqueries alone (NEAR, PHRASE, ELITE_SET and SCALE_WEIGHT have one:
// QueryParser puts no synonym inside them that needs rewriting here).
bool rebuildable(Xapian::Query::op op) {
  switch (op) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
      return true;
    default:
      return false;
  }
}

// The field names a query may use (field:value), for the text rules that leave them alone.
std::vector<std::string> field_names() {
  std::vector<std::string> fields = {"title", "year", "date"};
  for (Field f : {Field::Country, Field::Official, Field::Source, Field::Lang}) fields.emplace_back(field_name(f));
  return fields;
}

}  // namespace

bool is_question(const text::Analyzer& analyzer, const std::string& text) {
  return text::is_typed_question(analyzer.normalize(text), field_names());
}

Xapian::Query rewrite_subqueries(const Xapian::Query& query,
                                 const std::function<Xapian::Query(const Xapian::Query&)>& rewrite) {
  const auto op = query.get_type();
  const size_t n = query.get_num_subqueries();
  if (n == 0 || !rebuildable(op)) return query;
  std::vector<Xapian::Query> subs;
  subs.reserve(n);
  bool changed = false;
  for (size_t i = 0; i < n; ++i) {
    const Xapian::Query sub = query.get_subquery(i);
    Xapian::Query rewritten = rewrite(sub);
    changed = changed || rewritten.get_description() != sub.get_description();
    subs.push_back(std::move(rewritten));
  }
  if (!changed) return query;
  return Xapian::Query(op, subs.begin(), subs.end());
}

Xapian::Query expand_names(const Xapian::Query& query) {
  const Xapian::Query walked = rewrite_subqueries(query, expand_names);
  if (query.get_type() == Xapian::Query::OP_SYNONYM) {
    // QueryParser's synonyms: the words first (a term, or the group of a multi-word
    // name), then the synonym terms. Entity terms stand beside the words.
    std::vector<Xapian::Query> words, entities;
    for (size_t i = 0; i < walked.get_num_subqueries(); ++i) {
      Xapian::Query sub = walked.get_subquery(i);
      (is_entity_leaf(sub) ? entities : words).push_back(std::move(sub));
    }
    if (!entities.empty() && !words.empty()) {
      words.insert(words.end(), entities.begin(), entities.end());
      return Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
    }
    if (entities.empty() && words.size() == 1) return words.front();
  }
  return walked;
}

Xapian::Query add_exact_forms(const Xapian::Query& query, const text::Analyzer& analyzer,
                              const std::string& prepared, double weight) {
  std::set<std::string> stems;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t)
    if (!(*t).empty() && (*t)[0] == 'Z') stems.insert((*t).substr(1));
  std::set<std::string> seen;
  std::vector<Xapian::Query> exact;
  for (const auto& token : analyzer.analyze(prepared)) {
    if (token.term.empty() || token.term == token.stem || !stems.count(token.stem)) continue;
    if (seen.insert(token.term).second) exact.emplace_back(token.term);
  }
  if (exact.empty() || weight <= 0) return query;
  const Xapian::Query forms(Xapian::Query::OP_OR, exact.begin(), exact.end());
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, forms, weight));
}

Xapian::Query build_text_query(const Xapian::Database& db, const entities::Gazetteer& gazetteer,
                               const text::Analyzer& analyzer, const std::string& text,
                               Xapian::Query::op default_op, std::string* corrected, double exact_weight,
                               NameKeyCache* name_keys) {
  if (text.size() > kMaxQueryBytes)
    throw UsageError("the query is " + std::to_string(text.size()) + " bytes long, more than the " +
                     std::to_string(kMaxQueryBytes) + " a query may have: keep the words that matter");
  Xapian::QueryParser parser;
  analyzer.configure(parser);
  parser.set_database(db);
  parser.set_default_op(default_op);
  const std::vector<std::string> fields = field_names();
  parser.add_prefix("title", std::string(schema::kTitlePrefix));
  parser.add_boolean_prefix("year", std::string(schema::kYearPrefix));
  // The field processors are owned by the parser (release() hands them to its refcount).
  std::string field_error;
  for (Field f : {Field::Country, Field::Official, Field::Source, Field::Lang}) {
    parser.add_boolean_prefix(std::string(field_name(f)),
                              (new EntityFieldProcessor(gazetteer, f, field_error))->release());
  }
  parser.add_rangeprocessor((new DateRangeProcessor(field_error))->release());
  // Auto synonyms: names expand to their entity (index/synonyms.h), in any script;
  // expand_names then puts the entity beside the words instead of over them.
  unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                         Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
  const std::string normalized = space_joined_names(analyzer.normalize(text), gazetteer);
  const std::string prepared = text::prepare_query(normalized, fields);
  Xapian::Query query;
  try {
    try {
      query = parser.parse_query(prepared, flags);
    } catch (const Xapian::QueryParserError&) {
      // The rewritten text adds brackets; what the user typed decides the error.
      query = parser.parse_query(normalized, flags);
    }
  } catch (const Xapian::QueryParserError& e) {
    throw UsageError("query '" + text + "' does not parse: " + e.get_msg());
  }
  if (!field_error.empty()) throw UsageError("query '" + text + "': " + field_error);
  std::size_t terms = 0;
  for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) ++terms;
  if (terms > kMaxQueryTerms)
    throw UsageError("the query has " + std::to_string(terms) + " terms, more than the " +
                     std::to_string(kMaxQueryTerms) + " a query may have: keep the words that matter");
  if (corrected) {
    // The suggestion is a correction of what the user typed, not of the rewritten text.
    try {
      parser.parse_query(normalized, flags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
      *corrected = parser.get_corrected_query_string();
    } catch (const Xapian::QueryParserError&) {
      corrected->clear();
    }
  }
  query = expand_names(query);
  // Words that are names also match their spellings in the other script (by key).
  query = expand_name_keys(query, db, parser, analyzer, text, name_keys);
  return add_exact_forms(query, analyzer, prepared, exact_weight);
}

}  // namespace iran::index
