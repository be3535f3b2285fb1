// Which outlet published an article: named in its metadata, or credited by its text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/boilerplate.h"

namespace iran::entities {
class Gazetteer;
}

namespace iran::corpus {

struct SourceRef {
  std::string id;    // slug
  std::string name;  // display name
};

// A `source:` value: any name or slug the gazetteer knows; an unknown outlet is kept,
// slugified, with the name as written (new outlets must not stop indexing).
SourceRef resolve_source(std::string_view given, const entities::Gazetteer& gazetteer);

// A page's or feed's outlet: the name it gives (og:site_name, the channel's title) when
// the gazetteer knows it, else the host of its address mapped through the gazetteer's
// credits ("en.mehrnews.com" → mehr), else the name as written (slugified), else nullopt.
std::optional<SourceRef> page_source(const std::optional<std::string>& name, std::string_view host,
                                     const entities::Gazetteer& gazetteer);

// A page title without the outlet's name the site put before or after it ("وكالة مهر
// للأنباء - HEADLINE", "HEADLINE | Tehran Times"), when the gazetteer knows the outlet.
std::string strip_outlet_name(std::string_view title, const entities::Gazetteer& gazetteer);

// The outlet a host name belongs to ("www.presstv.ir", "english.aljazeera.net"): the
// host and each parent domain are tried against the gazetteer's names and credits.
std::optional<SourceRef> source_from_host(std::string_view host, const entities::Gazetteer& gazetteer);

// The outlet an article credits, most credible evidence first: credits and licences in
// its stripped boilerplate; the agency of a dateline ("Tehran(IP):", "(MNA)") or an
// opening attribution ("وأفادت وكالة مهر للأنباء، انه") in its first three lines (a
// headline may come first); any credit pattern of the gazetteer elsewhere in the body
// ("mehrnews.com"). Outlets merely mentioned in the story ("told IRIB News", "photo by
// Fars") are not its publisher: nullopt then.
std::optional<SourceRef> detect_source(std::string_view body, const std::vector<Removal>& removed,
                                       const entities::Gazetteer& gazetteer);

}  // namespace iran::corpus
