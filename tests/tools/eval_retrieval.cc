// Retrieval evaluation on a test collection with relevance judgments (scripts/eval-retrieval).
//
//   eval_retrieval corpus PARAGRAPHS.jsonl OUTDIR
//       writes one article per paragraph (OUTDIR/<id>.txt, the text only) for `iranidx build`.
//   eval_retrieval run --db INDEX --paragraphs P.jsonl --queries Q.tsv --qrels R.txt --lang ar
//       runs every question through index::Searcher::search (the function behind iransearch,
//       with its defaults) and through stock Xapian (Snowball, STEM_SOME, BM25 defaults,
//       default QueryParser flags) indexed on the same paragraph texts, and prints MRR@10,
//       Recall@10/100 and nDCG@10 of both, the difference and a paired randomization test
//       on per-query reciprocal rank.
//
// Options of `run`: --top FILE (each query's top 10 paragraph ids, to compare with the real
// CLI), --worst N (the N queries where the project loses most to stock Xapian),
// --bm25 K1,B (also rank the project's query with these BM25 parameters: a measurement of
// the weighting, reported on its own line), --exact W (the same with the words as typed at
// weight W instead of kExactFormWeight, index/query_builder.h; 0: none), --bm25plus D
// (BM25+: every matched term adds D times its idf), --coord C (every query stem a
// paragraph has adds C), --near W,WINDOW[,F] (adjacent words within WINDOW add W; with F,
// only pairs of words each in at most F of the paragraphs), --idf A, --changes (the
// questions a variant moves), --missing N [--why] (questions not ranked first, what their
// paragraph lacks; with --why the query and both paragraphs' weights and matched terms),
// --runs FILE (per-query ranks of both systems).
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli_support.h"
#include "index/query_builder.h"
#include "index/searcher.h"
#include "text/query_text.h"
#include "text/utf8.h"

namespace fs = std::filesystem;
using namespace iran;

namespace {

[[noreturn]] void fail(const std::string& message) {
  std::cerr << "eval_retrieval: error: " << message << "\n";
  std::exit(2);
}

// --- a JSON-lines reader for flat objects of strings (the collection's format) ---

void append_utf8(std::string& out, char32_t c) { out += text::utf8::encode(std::u32string(1, c)); }

// Parses a JSON string starting at s[i] == '"'; leaves i after the closing quote.
std::string json_string(const std::string& s, size_t& i, const std::string& where) {
  std::string out;
  ++i;
  while (i < s.size() && s[i] != '"') {
    if (s[i] != '\\') {
      out += s[i++];
      continue;
    }
    if (++i >= s.size()) break;
    const char e = s[i++];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        auto hex4 = [&](size_t at) -> char32_t {
          if (at + 4 > s.size()) fail(where + ": truncated \\u escape");
          return static_cast<char32_t>(std::stoul(s.substr(at, 4), nullptr, 16));
        };
        char32_t c = hex4(i);
        i += 4;
        if (c >= 0xD800 && c <= 0xDBFF && i + 6 <= s.size() && s[i] == '\\' && s[i + 1] == 'u') {
          const char32_t lo = hex4(i + 2);
          c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
          i += 6;
        }
        append_utf8(out, c);
        break;
      }
      default: out += e;
    }
  }
  if (i >= s.size()) fail(where + ": unterminated string");
  ++i;
  return out;
}

std::map<std::string, std::string> json_object(const std::string& line, const std::string& where) {
  std::map<std::string, std::string> out;
  size_t i = line.find('{');
  if (i == std::string::npos) fail(where + ": not a JSON object");
  ++i;
  while (true) {
    while (i < line.size() && (line[i] == ' ' || line[i] == ',')) ++i;
    if (i >= line.size() || line[i] == '}') break;
    if (line[i] != '"') fail(where + ": expected a key");
    const std::string key = json_string(line, i, where);
    while (i < line.size() && (line[i] == ' ' || line[i] == ':')) ++i;
    if (i < line.size() && line[i] == '"') {
      out[key] = json_string(line, i, where);
    } else {  // a number or literal: kept as written
      const size_t end = line.find_first_of(",}", i);
      out[key] = line.substr(i, end - i);
      i = end;
    }
  }
  return out;
}

struct Paragraph {
  std::string id, text;
};

std::vector<Paragraph> read_paragraphs(const std::string& path) {
  std::ifstream in(path);
  if (!in) fail("cannot read " + path);
  std::vector<Paragraph> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    auto obj = json_object(line, path + ":" + std::to_string(n));
    if (obj["id"].empty()) fail(path + ":" + std::to_string(n) + ": no id");
    out.push_back({obj["id"], obj["text"]});
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) fail("cannot read " + path);
  std::vector<std::pair<std::string, std::string>> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) fail(path + ":" + std::to_string(n) + ": no tab");
    out.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return out;
}

std::map<std::string, std::vector<std::string>> read_qrels(const std::string& path) {
  std::ifstream in(path);
  if (!in) fail("cannot read " + path);
  std::map<std::string, std::vector<std::string>> out;
  std::string qid, zero, doc, rel;
  while (in >> qid >> zero >> doc >> rel)
    if (rel != "0") out[qid].push_back(doc);
  return out;
}

std::string trim(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t\n");
  if (a == std::string::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t\n") - a + 1);
}

int write_corpus(const std::string& paragraphs, const fs::path& dir) {
  fs::create_directories(dir);
  size_t n = 0;
  for (const auto& p : read_paragraphs(paragraphs)) {
    std::ofstream out(dir / (p.id + ".txt"));
    out << trim(p.text) << "\n";
    if (!out) fail("cannot write " + (dir / (p.id + ".txt")).string());
    ++n;
  }
  std::cerr << "eval_retrieval: wrote " << n << " articles to " << dir.string() << "\n";
  return 0;
}

// --- metrics ---

struct Scores {
  std::vector<double> rr, ndcg;  // per query, @10
  std::vector<int> rank;         // of the first relevant paragraph, 0 when not in the top 100
  size_t r10 = 0, r100 = 0, errors = 0;
  void add(int r) {
    rank.push_back(r);
    rr.push_back(r >= 1 && r <= 10 ? 1.0 / r : 0.0);
    ndcg.push_back(r >= 1 && r <= 10 ? 1.0 / std::log2(r + 1.0) : 0.0);
    if (r >= 1 && r <= 10) ++r10;
    if (r >= 1 && r <= 100) ++r100;
  }
  double mean(const std::vector<double>& v) const {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0 : s / v.size();
  }
  double mrr() const { return mean(rr); }
  double recall10() const { return rank.empty() ? 0 : double(r10) / rank.size(); }
  double recall100() const { return rank.empty() ? 0 : double(r100) / rank.size(); }
  double ndcg10() const { return mean(ndcg); }
};

// The rank (1-based) of the first relevant id, 0 if none.
int first_relevant(const std::vector<std::string>& ranked, const std::vector<std::string>& relevant) {
  for (size_t i = 0; i < ranked.size(); ++i)
    if (std::find(relevant.begin(), relevant.end(), ranked[i]) != relevant.end()) return int(i) + 1;
  return 0;
}

// Two-sided paired randomization test on the mean difference (sign flips, fixed seed).
double randomization_p(const std::vector<double>& a, const std::vector<double>& b, int rounds = 20000) {
  std::vector<double> d(a.size());
  double observed = 0;
  for (size_t i = 0; i < a.size(); ++i) observed += d[i] = a[i] - b[i];
  observed = std::fabs(observed);
  std::mt19937_64 rng(20260101);
  int extreme = 0;
  for (int r = 0; r < rounds; ++r) {
    double s = 0;
    for (size_t i = 0; i < d.size(); i += 64) {
      const uint64_t bits = rng();
      for (size_t j = i; j < std::min(d.size(), i + 64); ++j) s += (bits >> (j - i)) & 1 ? d[j] : -d[j];
    }
    if (std::fabs(s) >= observed - 1e-12) ++extreme;
  }
  return (extreme + 1.0) / (rounds + 1.0);
}

// Two-sided exact sign test on the queries where the two differ.
double sign_test_p(size_t wins, size_t losses) {
  const size_t n = wins + losses;
  if (n == 0) return 1.0;
  const size_t k = std::min(wins, losses);
  // P(X <= k) for X ~ Bin(n, 1/2), in logs.
  double total = 0;
  for (size_t i = 0; i <= k; ++i)
    total += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) - n * std::log(2.0));
  return std::min(1.0, 2 * total);
}

std::string strip_txt(std::string path) {
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".txt") == 0) path.resize(path.size() - 4);
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

struct RunOptions {
  std::string db, paragraphs, queries, qrels, lang, top_file, runs_file;
  int worst = 0;
  bool any = false;  // --any: iransearch --any (any word) instead of the default
  int missing = 0;   // --missing N: N queries not ranked first, with the query terms their paragraph lacks
  bool why = false;
  bool changes = false;  // --changes: the questions whose rank the variant moves  // --why: --missing also prints the query and both paragraphs' weights and matched terms
  int half = -1;     // --half dev|check: --worst and --missing list only that half (dev = even articles)
  double k1 = -1, b = -1;
  double near_weight = 0;  // --near W,WINDOW: adjacent query words within WINDOW add W
  unsigned near_window = 0;
  double near_rare = 0;  // --near W,WINDOW,F: only pairs of words each in at most F of the articles
  double idf_power = 0;  // --idf A: each query term's weight also scaled by its idf to the power A
  double bm25plus = -1;  // --bm25plus DELTA: BM25+ (each matched term at least DELTA times its idf)
  double coord = 0;     // --coord C: each query stem a document has adds C (coordination)
  double exact_weight = -1;  // --exact W: the words as typed weigh W (index/query_builder.h add_exact_forms)
};

// Each term of the query (outside phrases) scaled by idf^power, idf = log(N / df):
// a measurement of weighting the rare words of a long question above BM25's own idf.
Xapian::Query scale_by_idf(const Xapian::Database& db, const Xapian::Query& q, double power) {
  const auto op = q.get_type();
  if (op == Xapian::Query::LEAF_TERM) {
    const std::string term = *q.get_terms_begin();
    const double n = db.get_doccount(), df = std::max<Xapian::doccount>(1, db.get_termfreq(term));
    const double idf = std::max(0.1, std::log(n / df));
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, std::pow(idf, power));
  }
  switch (op) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_MAYBE: {
      std::vector<Xapian::Query> subs;
      for (size_t i = 0; i < q.get_num_subqueries(); ++i) subs.push_back(scale_by_idf(db, q.get_subquery(i), power));
      return Xapian::Query(op, subs.begin(), subs.end());
    }
    default:
      return q;
  }
}

// The pairs of adjacent words of the prepared question as NEAR queries on the unstemmed
// terms (only they carry positions): a measurement of a proximity boost.
Xapian::Query near_pairs(const text::Analyzer& analyzer, const std::string& question, unsigned window,
                         const Xapian::Database* db = nullptr, double rare = 0) {
  static const std::vector<std::string> kFields = {"title", "year", "date", "country", "official", "source", "lang"};
  const auto tokens = analyzer.analyze(text::prepare_query(analyzer.normalize(question), kFields));
  std::vector<Xapian::Query> pairs;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].term.empty() || tokens[i + 1].term.empty()) continue;
    if (db && rare > 0) {
      // Only two rare words side by side: each in at most `rare` of the articles.
      const double n = db->get_doccount();
      if (db->get_termfreq("Z" + tokens[i].stem) > rare * n || db->get_termfreq("Z" + tokens[i + 1].stem) > rare * n) continue;
    }
    const Xapian::Query two[] = {Xapian::Query(tokens[i].term), Xapian::Query(tokens[i + 1].term)};
    pairs.emplace_back(Xapian::Query::OP_NEAR, two, two + 2, window);
  }
  return Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
}

void print_row(const char* name, const Scores& s) {
  std::printf("  %-26s %8.4f %10.4f %11.4f %8.4f\n", name, s.mrr(), s.recall10(), s.recall100(), s.ndcg10());
}

int run(const RunOptions& o) {
  const auto paragraphs = read_paragraphs(o.paragraphs);
  const auto queries = read_queries(o.queries);
  const auto qrels = read_qrels(o.qrels);

  // Stock Xapian on the same paragraph texts.
  Xapian::WritableDatabase stock = Xapian::InMemory::open();
  const Xapian::Stem snowball(o.lang == "ar" ? "arabic" : "english");
  {
    Xapian::TermGenerator tg;
    tg.set_stemmer(snowball);
    for (const auto& p : paragraphs) {
      Xapian::Document doc;
      tg.set_document(doc);
      tg.index_text(p.text);
      doc.set_data(p.id);
      stock.add_document(doc);
    }
  }
  Xapian::QueryParser stock_parser;
  stock_parser.set_stemmer(snowball);
  stock_parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  stock_parser.set_database(stock);
  Xapian::Enquire stock_enquire(stock);

  const auto context = app::load_analysis_context();
  index::Searcher searcher(o.db, context.gazetteer, context.analyzer);
  std::unique_ptr<Xapian::Enquire> tuned;
  if (o.k1 >= 0 || o.near_weight > 0 || o.idf_power != 0 || o.exact_weight >= 0 || o.bm25plus >= 0 || o.coord > 0) {
    tuned = std::make_unique<Xapian::Enquire>(searcher.database());
    if (o.k1 >= 0) tuned->set_weighting_scheme(Xapian::BM25Weight(o.k1, 0, 1, o.b, 0.5));
    if (o.bm25plus >= 0) tuned->set_weighting_scheme(Xapian::BM25PlusWeight(1, 0, 1, 0.5, 0.5, o.bm25plus));
  }

  Scores ours, base, alt;
  std::ofstream top;
  if (!o.top_file.empty()) top.open(o.top_file);
  std::vector<std::string> parsed_of, top_of;
  for (const auto& [qid, question] : queries) {
    const auto rel = qrels.find(qid);
    if (rel == qrels.end()) fail("query " + qid + " has no judgment in " + o.qrels);

    std::vector<std::string> ranked;
    std::string parsed;
    try {
      index::SearchRequest request;
      request.query = question;
      request.limit = 100;
      request.any = o.any;
      request.want_snippets = false;  // the ranking is the same; snippets are not measured
      const auto result = searcher.search(request);
      for (const auto& h : result.hits) ranked.push_back(strip_txt(h.fields.path));
      parsed = result.parsed;
    } catch (const index::UsageError& e) {
      ++ours.errors;
      parsed = std::string("error: ") + e.what();
    }
    ours.add(first_relevant(ranked, rel->second));
    parsed_of.push_back(parsed);
    top_of.push_back(ranked.empty() ? std::string("-") : ranked.front());
    if (top.is_open()) {
      top << qid;
      for (size_t i = 0; i < ranked.size() && i < 10; ++i) top << ' ' << ranked[i];
      top << '\n';
    }

    if (tuned) {
      std::vector<std::string> alt_ranked;
      try {
        // As iransearch does: all the words, else any (or any, with --any or for a question).
        const bool any = o.any || index::is_question(context.analyzer, question);
        const double exact = o.exact_weight >= 0 ? o.exact_weight : index::kExactFormWeight;
        auto q = index::build_text_query(searcher.database(), context.gazetteer, context.analyzer, question,
                                         any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, nullptr, exact);
        if (!any) {
          Xapian::Enquire probe(searcher.database());
          probe.set_query(q);
          probe.set_weighting_scheme(Xapian::BoolWeight());
          if (probe.get_mset(0, 1).empty())
            q = index::build_text_query(searcher.database(), context.gazetteer, context.analyzer, question,
                                        Xapian::Query::OP_OR, nullptr, exact);
        }
        if (o.near_weight > 0) {
          const Xapian::Query near = near_pairs(context.analyzer, question, o.near_window, &searcher.database(), o.near_rare);
          if (!near.empty())
            q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, near, o.near_weight));
        }
        if (o.idf_power != 0) q = scale_by_idf(searcher.database(), q, o.idf_power);
        if (o.coord > 0) {
          std::vector<Xapian::Query> each;
          for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
            if ((*t).empty() || (*t)[0] != 'Z') continue;
            const Xapian::Query parts[] = {Xapian::Query(new Xapian::FixedWeightPostingSource(o.coord)),
                                           Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t), 0)};
            each.emplace_back(Xapian::Query::OP_AND, parts, parts + 2);
          }
          if (!each.empty())
            q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, Xapian::Query(Xapian::Query::OP_OR, each.begin(), each.end()));
        }
        tuned->set_query(q);
        const Xapian::MSet m = tuned->get_mset(0, 100);
        for (auto it = m.begin(); it != m.end(); ++it)
          alt_ranked.push_back(strip_txt(index::decode(it.get_document().get_data()).path));
      } catch (const std::exception&) {
        ++alt.errors;
      }
      alt.add(first_relevant(alt_ranked, rel->second));
    }

    std::vector<std::string> stock_ranked;
    try {
      stock_enquire.set_query(stock_parser.parse_query(question));
      const Xapian::MSet m = stock_enquire.get_mset(0, 100);
      for (auto it = m.begin(); it != m.end(); ++it) stock_ranked.push_back(it.get_document().get_data());
    } catch (const Xapian::QueryParserError&) {
      ++base.errors;
    }
    base.add(first_relevant(stock_ranked, rel->second));
  }

  // The half of each query, by the Wikipedia article of its paragraph (xq-<article>-<paragraph>):
  // even articles are where a rule may be chosen (dev), odd ones confirm it (check).
  auto half_of = [&](size_t i) {
    const std::string& doc = qrels.at(queries[i].first).front();
    return doc.size() > 4 ? std::atoi(doc.c_str() + 3) % 2 : 0;
  };
  auto listed = [&](size_t i) { return o.half < 0 || half_of(i) == o.half; };
  size_t wins = 0, losses = 0;
  for (size_t i = 0; i < ours.rr.size(); ++i) {
    if (ours.rr[i] > base.rr[i]) ++wins;
    if (ours.rr[i] < base.rr[i]) ++losses;
  }
  std::printf("%s: %zu queries, %zu paragraphs\n", o.lang.c_str(), queries.size(), paragraphs.size());
  std::printf("  %-26s %8s %10s %11s %8s\n", "system", "MRR@10", "Recall@10", "Recall@100", "nDCG@10");
  print_row(o.any ? "iransearch --any" : "iransearch", ours);
  print_row(o.lang == "ar" ? "Xapian + Snowball arabic" : "Xapian + Snowball english", base);
  std::printf("  %-26s %+8.4f %+10.4f %+11.4f %+8.4f\n", "difference", ours.mrr() - base.mrr(),
              ours.recall10() - base.recall10(), ours.recall100() - base.recall100(), ours.ndcg10() - base.ndcg10());
  std::printf("  paired on RR@10: better on %zu queries, worse on %zu; randomization p = %.4f, sign test p = %.4f\n",
              wins, losses, randomization_p(ours.rr, base.rr), sign_test_p(wins, losses));
  {
    // Two halves by Wikipedia article (the paragraph id is xq-<article>-<paragraph>): even
    // articles are where a rule may be chosen, odd ones confirm it (and the reverse).
    double sum[2][3] = {{0, 0, 0}, {0, 0, 0}};
    size_t count[2] = {0, 0};
    for (size_t i = 0; i < queries.size(); ++i) {
      const int half = half_of(i);
      sum[half][0] += ours.rr[i];
      sum[half][1] += base.rr[i];
      if (tuned) sum[half][2] += alt.rr[i];
      ++count[half];
    }
    auto m = [&](int h, int sys) { return count[h] ? sum[h][sys] / count[h] : 0.0; };
    std::printf("  halves by article, even (dev) / odd (check): iransearch %.4f / %.4f, stock %.4f / %.4f\n",
                m(0, 0), m(1, 0), m(0, 1), m(1, 1));
    if (tuned) std::printf("  halves, the variant below: %.4f / %.4f\n", m(0, 2), m(1, 2));
  }
  if (tuned) {
    char name[64];
    if (o.near_weight > 0)
      std::snprintf(name, sizeof name, "near pairs %.2g, window %u", o.near_weight, o.near_window);
    else if (o.idf_power != 0)
      std::snprintf(name, sizeof name, "terms scaled by idf^%.2g", o.idf_power);
    else if (o.bm25plus >= 0)
      std::snprintf(name, sizeof name, "BM25+ delta %.2g", o.bm25plus);
    else if (o.coord > 0)
      std::snprintf(name, sizeof name, "coordination %.2g", o.coord);
    else if (o.exact_weight >= 0)
      std::snprintf(name, sizeof name, "exact forms at %.2g", o.exact_weight);
    else
      std::snprintf(name, sizeof name, "BM25 k1=%.2g b=%.2g", o.k1, o.b);
    print_row(name, alt);
    size_t w = 0, l = 0;
    for (size_t i = 0; i < ours.rr.size(); ++i) {
      if (alt.rr[i] > ours.rr[i]) ++w;
      if (alt.rr[i] < ours.rr[i]) ++l;
    }
    std::printf("  against iransearch: better on %zu, worse on %zu; randomization p = %.4f\n", w, l,
                randomization_p(alt.rr, ours.rr));
    if (o.changes)
      for (size_t i = 0; i < queries.size(); ++i)
        if (alt.rank[i] != ours.rank[i] && listed(i))
          std::printf("    %s %d -> %d  %s\n", qrels.at(queries[i].first).front().c_str(), ours.rank[i], alt.rank[i],
                      queries[i].second.c_str());
  }
  if (ours.errors || base.errors)
    std::printf("  queries that did not parse: iransearch %zu, stock %zu\n", ours.errors, base.errors);

  if (!o.runs_file.empty()) {
    std::ofstream runs(o.runs_file);
    for (size_t i = 0; i < queries.size(); ++i)
      runs << queries[i].first << '\t' << ours.rank[i] << '\t' << base.rank[i] << '\n';
  }
  if (o.missing > 0) {
    // Which query terms the judged paragraph does not have: the analysis misses.
    const Xapian::Database& db = searcher.database();
    std::map<std::string, Xapian::docid> by_id;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
      by_id[strip_txt(index::decode(db.get_document(*it).get_data()).path)] = *it;
    int shown = 0;
    std::printf("  queries not ranked first, with the query terms their paragraph lacks:\n");
    for (size_t i = 0; i < queries.size() && shown < o.missing; ++i) {
      if (ours.rank[i] == 1 || !listed(i)) continue;
      ++shown;
      const auto& rel = qrels.at(queries[i].first);
      const Xapian::Document doc = db.get_document(by_id.at(rel.front()));
      std::string lacks;
      try {
        const auto q = index::build_text_query(db, context.gazetteer, context.analyzer, queries[i].second);
        for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
          auto d = doc.termlist_begin();
          d.skip_to(*t);
          if (d == doc.termlist_end() || *d != *t) lacks += " " + *t;
        }
      } catch (const std::exception&) {
      }
      std::printf("    %s %d/%d  %s\n      lacks:%s\n      first: %s\n", rel.front().c_str(), ours.rank[i], base.rank[i],
                  queries[i].second.c_str(), lacks.c_str(), top_of[i].c_str());
      if (o.why) {
        // Why: the query as searched, and each paragraph's weight and the terms it matched.
        std::printf("      query: %s\n", parsed_of[i].c_str());
        try {
          const bool any = o.any || index::is_question(context.analyzer, queries[i].second);
          const auto q = index::build_text_query(db, context.gazetteer, context.analyzer, queries[i].second,
                                                 any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
          Xapian::Enquire e(db);
          e.set_query(q);
          const Xapian::MSet m = e.get_mset(0, db.get_doccount());
          for (const std::string& id : {rel.front(), top_of[i]}) {
            if (!by_id.count(id)) continue;
            const Xapian::docid did = by_id.at(id);
            double w = 0;
            for (auto it = m.begin(); it != m.end(); ++it)
              if (*it == did) w = it.get_weight();
            std::string terms;
            for (auto t = e.get_matching_terms_begin(did); t != e.get_matching_terms_end(did); ++t) terms += " " + *t;
            std::printf("      %s %.3f:%s\n", id.c_str(), w, terms.c_str());
          }
        } catch (const std::exception&) {
        }
      }
    }
  }
  if (o.worst > 0) {
    std::vector<size_t> order;
    for (size_t i = 0; i < queries.size(); ++i)
      if (listed(i)) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      return ours.rr[x] - base.rr[x] < ours.rr[y] - base.rr[y];
    });
    std::printf("  worst %d against stock (rank ours / stock, 0 = not in the top 100):\n", o.worst);
    for (int k = 0; k < o.worst && k < int(order.size()); ++k) {
      const size_t i = order[k];
      if (ours.rr[i] >= base.rr[i]) break;
      std::printf("    %s  %d / %d  %s\n      %s\n", queries[i].first.c_str(), ours.rank[i], base.rank[i],
                  queries[i].second.c_str(), parsed_of[i].c_str());
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && args[0] == "corpus") return write_corpus(args[1], args[2]);
  if (args.empty() || args[0] != "run") {
    std::cerr << "usage: eval_retrieval corpus PARAGRAPHS.jsonl OUTDIR\n"
                 "       eval_retrieval run --db INDEX --paragraphs P --queries Q --qrels R --lang ar|en\n"
                 "                          [--top FILE] [--runs FILE] [--worst N] [--bm25 K1,B] [--any]\n";
    return 2;
  }
  RunOptions o;
  for (size_t i = 1; i < args.size(); ++i) {
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) fail(args[i] + " needs a value");
      return args[++i];
    };
    const std::string& a = args[i];
    if (a == "--db") o.db = value();
    else if (a == "--paragraphs") o.paragraphs = value();
    else if (a == "--queries") o.queries = value();
    else if (a == "--qrels") o.qrels = value();
    else if (a == "--lang") o.lang = value();
    else if (a == "--top") o.top_file = value();
    else if (a == "--runs") o.runs_file = value();
    else if (a == "--worst") o.worst = std::stoi(value());
    else if (a == "--any") o.any = true;
    else if (a == "--why") o.why = true;
    else if (a == "--changes") o.changes = true;
    else if (a == "--missing") o.missing = std::stoi(value());
    else if (a == "--half") {
      const std::string v = value();
      if (v != "dev" && v != "check") fail("--half wants dev or check, not '" + v + "'");
      o.half = v == "dev" ? 0 : 1;
    }
    else if (a == "--idf") o.idf_power = std::stod(value());
    else if (a == "--exact") o.exact_weight = std::stod(value());
    else if (a == "--bm25plus") o.bm25plus = std::stod(value());
    else if (a == "--coord") o.coord = std::stod(value());
    else if (a == "--near") {
      const std::string v = value();
      if (std::sscanf(v.c_str(), "%lf,%u,%lf", &o.near_weight, &o.near_window, &o.near_rare) < 2) fail("--near wants W,WINDOW, not '" + v + "'");
    } else if (a == "--bm25") {
      const std::string v = value();
      if (std::sscanf(v.c_str(), "%lf,%lf", &o.k1, &o.b) != 2) fail("--bm25 wants K1,B, not '" + v + "'");
    } else fail("unknown option " + a);
  }
  if (o.db.empty() || o.paragraphs.empty() || o.queries.empty() || o.qrels.empty() ||
      (o.lang != "ar" && o.lang != "en"))
    fail("run needs --db, --paragraphs, --queries, --qrels and --lang ar|en");
  try {
    return run(o);
  } catch (const std::exception& e) {
    fail(e.what());
  }
}
