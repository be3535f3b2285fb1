#!/usr/bin/env python3
"""Exits 1 (naming the first bad character) when stdin holds anything that could act on a
terminal: bytes that are not UTF-8, C0 controls but newline and tab, DEL, C1 controls, bidi
controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) or U+2028/U+2029.
--bold: our own bold on / off sequences (ESC [1m, ESC [0m) are allowed.
Used by the e2e tests on whatever the programs print."""
import re
import sys

data = sys.stdin.buffer.read()
if "--bold" in sys.argv[1:]:
    data = data.replace(b"\x1b[1m", b"").replace(b"\x1b[0m", b"")
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    print("not UTF-8 at byte %d: %r" % (e.start, data[max(0, e.start - 20):e.start + 20]), file=sys.stderr)
    sys.exit(1)
bad = re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]", text)
if bad:
    at = bad.start()
    print("raw U+%04X at character %d: %r" % (ord(bad.group()), at, text[max(0, at - 30):at + 30]), file=sys.stderr)
    sys.exit(1)
