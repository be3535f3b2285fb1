#include "corpus/input.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <unordered_map>

#include "corpus/feed_reader.h"
#include "corpus/html_reader.h"
#include "util/strings.h"

namespace iran::corpus {
namespace {

namespace fs = std::filesystem;

// The bytes of a whole-file input, bounded.
std::string read_bytes(const fs::path& path, std::uintmax_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) throw FileVanished("disappeared while indexing");
    throw FileError(std::string("cannot open: ") + std::strerror(errno));
  }
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::uintmax_t>(in.tellg());
  if (size > max_bytes)
    throw FileError("too large: " + std::to_string(size) + " bytes (limit " + std::to_string(max_bytes) + ")");
  in.seekg(0);
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
    throw FileError(std::string("read failed: ") + std::strerror(errno));
  return bytes;
}

std::string hash_of(std::string_view bytes) { return util::hex64(util::fnv1a64(bytes)); }

// A saved page from its bytes (also for a .txt or .xml that turns out to be one).
SourceFile html_from_bytes(std::string bytes, const RecordSink& emit) {
  SourceFile file;
  file.format = "html";
  file.hash = hash_of(bytes);
  DecodedPage page = decode_html(std::move(bytes));
  file.conversion = page.conversion;
  HtmlArticle article = extract_html(page.html);
  if (util::trim(article.text).empty()) {
    std::string why = "no article text: ";
    if (article.blocks == 0) why += "the page has no text";
    else
      why += std::to_string(article.links) + " links and " + std::to_string(article.blocks) +
             " text blocks, none of them article text (a page of links or headlines); not indexed";
    throw NotAnArticle(why);
  }
  SourceRecord record;
  record.text = std::move(article.text);
  record.page = std::move(article.meta);
  file.records = 1;
  emit(std::move(record));
  return file;
}

class TextReader final : public InputReader {
 public:
  std::string_view name() const override { return "text"; }
  SourceFile read(const fs::path& path, const InputOptions& options, const RecordSink& emit) const override {
    std::string bytes = read_bytes(path, options.max_file_bytes);
    if (looks_like_html(bytes)) return html_from_bytes(std::move(bytes), emit);
    TextFile text = decode_text(std::move(bytes));
    SourceFile file;
    file.format = "text";
    // The hash of the decoded text, as indexes before input kinds stored it.
    file.hash = hash_of(text.text);
    file.conversion = text.conversion;
    file.records = 1;
    emit(SourceRecord{"", std::move(text.text), {}});
    return file;
  }
};

class HtmlReader final : public InputReader {
 public:
  std::string_view name() const override { return "html"; }
  SourceFile read(const fs::path& path, const InputOptions& options, const RecordSink& emit) const override {
    return html_from_bytes(read_bytes(path, options.max_file_bytes), emit);
  }
};

class FeedReader final : public InputReader {
 public:
  std::string_view name() const override { return "feed"; }
  SourceFile read(const fs::path& path, const InputOptions& options, const RecordSink& emit) const override {
    std::string bytes = read_bytes(path, options.max_file_bytes);
    if (util::trim(bytes).empty()) throw FileError("empty file");
    if (!looks_like_feed(bytes)) {
      if (looks_like_html(bytes)) return html_from_bytes(std::move(bytes), emit);
      throw NotAnArticle("XML whose root element is not a feed (rss, Atom feed, rdf:RDF); not indexed");
    }
    SourceFile file;
    file.hash = hash_of(bytes);
    file.container = true;
    auto feed = parse_feed(bytes);
    if (!feed) throw NotAnArticle("XML whose root element is not a feed; not indexed");
    file.format = feed->format;
    file.conversion = feed->conversion;
    std::unordered_map<std::string, std::size_t> seen;
    std::size_t position = 0;
    for (auto& item : feed->items) {
      ++position;
      if (util::trim(item.text).empty()) item.text = item.meta.title.value_or("");
      if (util::trim(item.text).empty()) {
        file.problems.push_back({0, "item " + std::to_string(position) + " (" + item.id + "): no title and no text", true});
        continue;
      }
      if (const auto [it, fresh] = seen.emplace(item.id, position); !fresh) {
        file.problems.push_back({0, "item " + std::to_string(position) + ": id '" + item.id + "' repeats item " +
                                        std::to_string(it->second) + "; the first is indexed"});
        continue;
      }
      ++file.records;
      emit(SourceRecord{item.id, std::move(item.text), std::move(item.meta)});
    }
    return file;
  }
};

class DumpReader final : public InputReader {
 public:
  std::string_view name() const override { return "jsonl"; }
  SourceFile read(const fs::path& path, const InputOptions& options, const RecordSink& emit) const override {
    SourceFile file;
    file.format = "jsonl";
    file.container = true;
    std::unordered_map<std::string, std::size_t> seen;
    const auto stats = read_jsonl(
        path, options.jsonl,
        [&](JsonlRecord&& r) {
          if (const auto [it, fresh] = seen.emplace(r.id, r.line); !fresh) {
            file.problems.push_back({r.line, "id '" + r.id + "' repeats line " + std::to_string(it->second) +
                                                 "; the first is indexed"});
            return;
          }
          ++file.records;
          emit(SourceRecord{std::move(r.id), std::move(r.text), std::move(r.meta)});
        },
        [&](JsonlProblem&& p) { file.problems.push_back({p.line, std::move(p.problem), p.empty}); },
        static_cast<std::size_t>(options.max_file_bytes));
    file.hash = util::hex64(stats.hash);
    if (stats.lines == 0) throw FileError("empty file");
    return file;
  }
};

}  // namespace

std::string InputOptions::fingerprint(InputKind kind) const {
  return kind == InputKind::Dump ? jsonl.fingerprint() : std::string();
}

const InputReader& input_reader(InputKind kind) {
  static const TextReader text;
  static const HtmlReader html;
  static const FeedReader feed;
  static const DumpReader dump;
  switch (kind) {
    case InputKind::Text: return text;
    case InputKind::Html: return html;
    case InputKind::Feed: return feed;
    case InputKind::Dump: return dump;
  }
  return text;
}

SourceFile read_source(const fs::path& path, const InputOptions& options, const RecordSink& emit) {
  const auto kind = input_kind_of(path);
  if (!kind) throw FileError("not an input file (" + skip_label(path.filename().string()) + ")");
  return input_reader(*kind).read(path, options, emit);
}

Article make_article(const SourceRecord& record, std::string_view sidecar, const entities::Gazetteer& gazetteer) {
  const std::string_view text = std::string_view(record.text).substr(0, util::cut_point(record.text, kMaxArticleTextBytes));
  Article article = record.page.origin.empty() ? parse_article(text, sidecar, gazetteer)
                                               : parse_article(text, sidecar, gazetteer, record.page);
  if (text.size() < record.text.size()) article.cut_from = record.text.size();
  return article;
}

std::string item_path(std::string_view relative_path, std::string_view item) {
  std::string out(relative_path);
  if (!item.empty()) {
    out += '#';
    out += item;
  }
  return out;
}

}  // namespace iran::corpus
