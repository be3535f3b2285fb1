#!/usr/bin/env python3
"""Writes the first N usable articles of SaudiNewsNet (Arabic) and of Reuters-21578
(English) from the shared data sets as a corpus folder, with sidecars (date, source,
lang). Used by the shard tests and scripts/bench.

Usage: shared_corpus.py DATA_DIR OUT_DIR N [--skip M]
"""
import json
import lzma
import os
import sys

MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


def write(out, sub, ident, text, meta):
    d = os.path.join(out, sub, ident[-2:])
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, ident + ".txt"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(d, ident + ".txt.meta"), "w", encoding="utf-8") as f:
        f.write("".join("%s: %s\n" % kv for kv in meta.items() if kv[1]))


def main():
    data, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    skip = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == "--skip" else 0
    count = 0
    with lzma.open(os.path.join(data, "saudinewsnet/saudinewsnet.jsonl.xz"), "rt") as f:
        for line in f:
            r = json.loads(line)
            if not r.get("content", "").strip():
                continue
            count += 1
            if count <= skip:
                continue
            write(out, "saudinewsnet", r["id"], r["title"] + "\n\n" + r["content"] + "\n",
                  {"lang": "ar", "date": r.get("date_extracted", "")[:10], "source": r.get("source", "")})
            if count == skip + n:
                break
    count = 0
    with lzma.open(os.path.join(data, "reuters21578/reuters21578.jsonl.xz"), "rt") as f:
        for line in f:
            r = json.loads(line)
            if not r.get("body", "").strip():
                continue
            count += 1
            if count <= skip:
                continue
            d, mon, y = r["date"].split()[0].split("-")
            write(out, "reuters", r["id"], (r.get("title") or "") + "\n\n" + r["body"] + "\n",
                  {"lang": "en", "date": "%s-%02d-%02d" % (y, MONTHS[mon.upper()], int(d)), "source": "reuters"})
            if count == skip + n:
                break


if __name__ == "__main__":
    main()
