#include "index/ingest.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "index/schema.h"

namespace iran::index {

std::string ingest_stamp_now() {
  static long long last_us = 0;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  long long us = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  if (us <= last_us) us = last_us + 1;
  last_us = us;
  const std::time_t seconds = static_cast<std::time_t>(us / 1000000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, us % 1000000);
  return buf;
}

std::unordered_map<std::string, std::string> ingest_stamps(const Xapian::Database& db) {
  std::unordered_map<Xapian::docid, std::string> by_docid;
  for (auto v = db.valuestream_begin(schema::kIndexedSlot); v != db.valuestream_end(schema::kIndexedSlot); ++v)
    by_docid.emplace(v.get_docid(), *v);
  std::unordered_map<std::string, std::string> stamps;
  if (by_docid.empty()) return stamps;
  const std::string prefix(schema::kIdPrefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const auto it = by_docid.find(*db.postlist_begin(*t));
    if (it != by_docid.end()) stamps.emplace(*t, it->second);
  }
  return stamps;
}

std::string latest_ingest_stamp(const Xapian::Database& db) {
  return db.get_doccount() ? db.get_value_upper_bound(schema::kIndexedSlot) : std::string();
}

}  // namespace iran::index
