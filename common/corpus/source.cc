#include "corpus/source.h"

#include "corpus/lead.h"
#include "corpus/metadata.h"
#include "corpus/scan.h"
#include "entities/gazetteer.h"

namespace iran::corpus {

namespace {

using entities::Kind;

SourceRef from_entity(const entities::Entity& e) {
  return {e.id, !e.name_en.empty() ? e.name_en : !e.name_ar.empty() ? e.name_ar : e.id};
}

std::optional<SourceRef> first_mention(std::string_view text, const entities::Gazetteer& g) {
  auto mentions = g.find_sources(text);
  for (const auto& m : mentions)
    if (m.entity) return from_entity(*m.entity);
  return std::nullopt;
}

bool ends_paragraph(std::string_view line) {
  while (!line.empty() && (line.back() == '"' || line.ends_with("\u201D") || line.back() == ')'))
    line.remove_suffix(line.ends_with("\u201D") ? std::string_view("\u201D").size() : 1);
  return line.ends_with('.') || line.ends_with('!') || line.ends_with('?') ||
         line.ends_with("\u061F");
}

// The outlet a dateline ("Tehran(IP):", "عين اليوم –") or an opening attribution
// ("وأفادت وكالة مهر للأنباء، انه") of this line names.
std::optional<SourceRef> from_lead(std::string_view line, const entities::Gazetteer& g) {
  std::size_t pos = 0;
  if (auto d = find_dateline(line)) {
    if (!d->agency.empty()) {
      if (const auto* e = g.resolve(Kind::Source, d->agency)) return from_entity(*e);
    }
    if (auto s = first_mention(line.substr(0, d->end), g)) return s;
    pos = d->end;
  }
  if (auto a = find_attribution(line.substr(pos)))
    return first_mention(line.substr(0, pos + *a), g);
  return std::nullopt;
}

}  // namespace

SourceRef resolve_source(std::string_view given, const entities::Gazetteer& gazetteer) {
  auto name = scan::trim(given);
  if (const auto* e = gazetteer.resolve(Kind::Source, name)) return from_entity(*e);
  return {slugify(name), std::string(name)};
}

std::optional<SourceRef> source_from_host(std::string_view host, const entities::Gazetteer& gazetteer) {
  std::string_view h = scan::trim(host);
  while (!h.empty()) {
    if (h.find('.') == std::string_view::npos) break;  // a bare top-level domain names nobody
    if (const auto* e = gazetteer.resolve(Kind::Source, h)) return from_entity(*e);
    for (const auto& m : gazetteer.find_sources(h))
      if (m.entity && m.kind == entities::MatchKind::Credit && m.begin == 0 && m.end == h.size())
        return from_entity(*m.entity);
    h.remove_prefix(h.find('.') + 1);
  }
  return std::nullopt;
}

std::string strip_outlet_name(std::string_view title, const entities::Gazetteer& gazetteer) {
  static constexpr std::string_view kSeparators[] = {" - ", " | ", " \u2013 ", " \u2014 ", " :: ", " \u00AB ", " \u00BB "};
  for (const auto sep : kSeparators) {
    if (const auto pos = title.find(sep); pos != std::string_view::npos && pos > 0)
      if (gazetteer.resolve(Kind::Source, scan::trim(title.substr(0, pos))))
        return std::string(scan::trim(title.substr(pos + sep.size())));
    if (const auto pos = title.rfind(sep); pos != std::string_view::npos && pos > 0)
      if (gazetteer.resolve(Kind::Source, scan::trim(title.substr(pos + sep.size()))))
        return std::string(scan::trim(title.substr(0, pos)));
  }
  return std::string(title);
}

std::optional<SourceRef> page_source(const std::optional<std::string>& name, std::string_view host,
                                     const entities::Gazetteer& gazetteer) {
  if (name && !scan::trim(*name).empty())
    if (const auto* e = gazetteer.resolve(Kind::Source, scan::trim(*name))) return from_entity(*e);
  if (auto s = source_from_host(host, gazetteer)) return s;
  if (name && !scan::trim(*name).empty()) return resolve_source(*name, gazetteer);
  return std::nullopt;
}

std::optional<SourceRef> detect_source(std::string_view body, const std::vector<Removal>& removed,
                                       const entities::Gazetteer& gazetteer) {
  for (const auto& r : removed) {
    if (!r.credit) continue;
    if (!r.source.empty()) {
      if (const auto* e = gazetteer.by_id(Kind::Source, r.source)) return from_entity(*e);
      if (const auto* e = gazetteer.resolve(Kind::Source, r.source)) return from_entity(*e);
      return SourceRef{r.source, r.source};
    }
    if (auto s = first_mention(r.text, gazetteer)) return s;
  }
  // The lead paragraph, after any headline or byline lines above it (lines without a
  // full stop). Later paragraphs quote other outlets ("وذكرت وكالة فارس، أن ...").
  constexpr std::size_t kLeadLines = 3;
  std::size_t seen = 0;
  for (const auto& l : scan::lines(body)) {
    auto line = scan::trim(body.substr(l.begin, l.end - l.begin));
    if (line.empty()) continue;
    if (seen++ == kLeadLines) break;
    if (auto s = from_lead(line, gazetteer)) return s;
    if (ends_paragraph(line)) break;
  }
  // Last, a credit pattern anywhere ("mehrnews.com", a dateline on a later line).
  for (const auto& m : gazetteer.find_sources(body))
    if (m.entity && m.kind == entities::MatchKind::Credit) return from_entity(*m.entity);
  return std::nullopt;
}

}  // namespace iran::corpus
