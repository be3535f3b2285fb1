#!/usr/bin/env python3
"""API checks for `iransearch serve`, run by test_serve.sh.

Usage: serve_api.py IRANIDX IRANSEARCH CORPUS DB WORK
Starts the server on a free port of 127.0.0.1 (--listen 127.0.0.1:0, the port read from
its first line), calls every endpoint, compares /api/search with `iransearch --json` on
the same parameters, feeds it bad input, reindexes under it, and stops it by PID.
"""
import http.client
import json
import re
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

IRANIDX, IRANSEARCH, CORPUS, DB, WORK = sys.argv[1:6]
# Settings and state of our own: no config file, saved search or IRANIDX_DB of the
# machine (or of a test running beside this one) reaches these programs.
os.environ["XDG_CONFIG_HOME"] = os.path.join(WORK, "xdg-config")
os.environ["XDG_STATE_HOME"] = os.path.join(WORK, "xdg-state")
os.environ.pop("IRANIDX_DB", None)
os.environ.pop("IRANIDX_CORPUS", None)
failures = []
checks = 0


def check(ok, what, detail=""):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
        print("FAIL: " + what + (("\n  " + str(detail)[:1500]) if detail != "" else ""), file=sys.stderr)


class Server:
    def __init__(self, db, *extra, args=None, env=None):
        self.log = open(os.path.join(WORK, "serve-%d.err" % time.monotonic_ns()), "w+")
        if args is None:
            args = ["--db", db, "--listen", "127.0.0.1:0", *extra]
        self.proc = subprocess.Popen([IRANSEARCH, "serve", *args], stdout=subprocess.DEVNULL, stderr=self.log,
                                     env=dict(os.environ, **(env or {})))
        deadline = time.time() + 120  # a loaded machine: the gazetteer takes a while to load
        self.port = None
        while time.time() < deadline and self.port is None:
            self.log.seek(0)
            # Whole lines only: the server may still be writing the last one.
            for line in self.log.read().split("\n")[:-1]:
                m = re.search(r"serving http://127\.0\.0\.1:(\d+)/", line)
                if m:
                    self.port = int(m.group(1))
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        if self.port is None:
            self.stop()
            self.log.seek(0)
            raise SystemExit("the server did not start: " + self.log.read())

    def get(self, path, headers=None, method="GET"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request(method, path, headers=headers or {})
        r = conn.getresponse()
        body = r.read()
        conn.close()
        return r.status, r.getheader("Content-Type", ""), body

    def json(self, path, **kw):
        status, ctype, body = self.get(path, **kw)
        try:
            return status, json.loads(body)
        except ValueError:
            return status, {"unparsable": body[:300].decode("utf-8", "replace"), "content-type": ctype}

    def stop(self):
        os.kill(self.proc.pid, signal.SIGTERM)
        try:
            return self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(self.proc.pid, signal.SIGKILL)
            return None


def api_path(endpoint, params):
    return "/api/" + endpoint + "?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def cli_json(params):
    """The same search on the command line: repeated keys become repeated flags."""
    args = [IRANSEARCH, "--db", DB, "--json"]
    query = None
    for key, value in params:
        if key == "q":
            query = value
        elif key in ("facets", "any", "all_copies"):  # flags
            if value == "1":
                args.append("--" + key.replace("_", "-"))
        else:
            args += ["--" + key.replace("_", "-"), value]
    if query is not None:
        args += ["--", query]
    out = subprocess.run(args, capture_output=True)
    return out.returncode, out.stdout, out.stderr


def build(*extra):
    out = subprocess.run([IRANIDX, "--corpus", CORPUS, "--db", DB, "build", *extra], capture_output=True, text=True)
    check(out.returncode == 0, "iranidx build " + " ".join(extra), out.stderr)


ARTICLES = sum(1 for _, _, files in os.walk(CORPUS) for f in files if f.endswith(".txt"))
server = Server(DB)
try:
    # ---- health, and the page's files -------------------------------------------------
    status, health = server.json("/api/health")
    check(status == 200 and health.get("status") == "ok" and health.get("articles") == ARTICLES, "health", health)
    status, ctype, body = server.get("/")
    check(status == 200 and "text/html" in ctype and b"app.js" in body, "GET / serves the page", (status, ctype))
    for f, kind in (("/app.js", "javascript"), ("/style.css", "text/css")):
        status, ctype, _ = server.get(f)
        check(status == 200 and kind in ctype, "GET " + f, (status, ctype))
    status, ctype, _ = server.get("/../../etc/passwd")
    check(status in (400, 404), "no path out of the page's folder", status)

    # ---- /api/search is `iransearch --json` ---------------------------------------------
    same = [
        [("q", "Qatar")],
        [("q", "Iran"), ("country", "QA")],
        [("lang", "ar")],
        [("q", "foreign minister"), ("sort", "date"), ("limit", "3"), ("offset", "1")],
        [("country", "قطر")],
        [("country", "IR"), ("country", "QA")],
        [("country", "Qatar,Oman")],
        [("from", "2022-01"), ("to", "2022-06")],
        [("q", "العلاقات"), ("histogram", "month")],
        [("official", "raisi"), ("histogram", "year"), ("facets", "1")],
        [("source", "mehr,irna"), ("sort", "relevance")],
        [("q", "title:sanctions OR country:tajikistan")],
        [("sort", "oldest")], [("sort", "newest"), ("limit", "2")],
        [("q", "Qatar zzzznothing")], [("q", "Qatar zzzznothing"), ("any", "1")],
        [("q", "Rowhani")],
        [("like", "003_21b21bc7e96fc0af.txt")], [("like", "003_21b21bc7e96fc0af.txt"), ("lang", "en")],
        [("all_copies", "1")], [("facet_limit", "2")], [("histogram", "week")], [("histogram", "day")],
        [],
    ]
    for params in same:
        status, ctype, body = server.get(api_path("search", params))
        code, out, err = cli_json(params)
        check(status == 200 and "application/json" in ctype, f"search {params}: 200 JSON", (status, body[:300]))
        check(body == out, f"search {params}: byte for byte the CLI's --json", (body[:400], out[:400], err))
        if status == 200:
            doc = json.loads(body)
            check(doc["version"] == 1 and "facets" in doc, f"search {params}: version and facets", doc.keys())
    status, doc = server.json(api_path("search", [("q", "Qatar"), ("histogram", "month")]))
    check("histogram" in doc and doc["histogram"]["unit"] == "month", "histogram=month", doc.get("histogram"))
    # An unknown name and a bad date: 400, as the CLI's exit 2.
    for params, words in (([("country", "Atlantis")], "Atlantis"), ([("from", "2021-13")], "2021-13"),
                          ([("from", "2022-05"), ("to", "2021-01")], "after"), ([("sort", "sideways")], "sort"),
                          ([("histogram", "decade")], "histogram"), ([("limit", "5000")], "limit"),
                          ([("offset", "-1")], "offset"), ([("limit", "ten")], "limit"),
                          ([("q", "country:Atlantis")], "Atlantis"), ([("facets", "maybe")], "facets"),
                          ([("like", "no/such.txt")], "no/such.txt"), ([("any", "2")], "any")):
        status, doc = server.json(api_path("search", params))
        check(status == 400 and doc.get("status") == 400 and words in doc.get("error", ""),
              f"search {params}: 400 naming '{words}'", (status, doc))
        if params[0][0] in ("country", "from"):
            code, _, _ = cli_json(params)
            check(code == 2, f"the CLI refuses {params} too", code)

    # ---- /api/article ------------------------------------------------------------------
    status, a = server.json(api_path("article", [("path", "003_21b21bc7e96fc0af.txt"), ("q", "Qatar talks")]))
    check(status == 200 and a.get("path") == "003_21b21bc7e96fc0af.txt" and "QA" in a.get("countries", []),
          "article by path: metadata and entities", a)
    if status == 200:
        text = "".join(s["text"] for s in a["segments"])
        with open(os.path.join(CORPUS, "003_21b21bc7e96fc0af.txt"), encoding="utf-8") as f:
            raw = f.read()
        check(len(text) > 1000 and text.split()[:5] == raw.split()[:5], "article: the whole text", text[:200])
        marked = [s["text"] for s in a["segments"] if s.get("highlight")]
        check(a["highlights"] == len(marked) and any(m.lower() == "talks" for m in marked),
              "article: the query's words highlighted", marked[:10])
        check("Qatar" in a["country_names"] and a["source"] == "mehr" and a["date"] == "2022-05",
              "article: names, source, date", a)
        status, b = server.json(api_path("article", [("id", str(a["id"]))]))
        check(status == 200 and b["path"] == a["path"] and b["highlights"] == 0, "article by id, no highlights", b)
    status, a = server.json(api_path("article", [("path", "ar_qatar_talks.txt"), ("q", "قطر")]))
    check(status == 200 and a.get("lang") == "ar" and a.get("highlights", 0) >= 1, "Arabic article highlighted", a)
    for params, want in (([("path", "no/such.txt")], 404), ([("id", "99999")], 404), ([], 400),
                         ([("id", "x1")], 400), ([("path", "a"), ("path", "b")], 400), ([("id", "0")], 404)):
        status, doc = server.json(api_path("article", params))
        check(status == want and doc.get("status") == want and doc.get("error"), f"article {params}: {want}", (status, doc))

    # ---- /api/suggest ------------------------------------------------------------------
    for typed, field, ident in (("qat", "country", "QA"), ("قط", "country", "QA"), ("Qatari", "country", "QA"),
                                ("raisi", "official", "ebrahim-raisi"), ("رئيسي", "official", "ebrahim-raisi"),
                                ("tajik", "country", "TJ"), ("press", "source", "presstv"), ("mehr", "source", "mehr")):
        status, doc = server.json(api_path("suggest", [("q", typed)]))
        got = [(s["field"], s["id"]) for s in doc.get("suggestions", [])]
        check(status == 200 and (field, ident) in got[:3], f"suggest '{typed}' → {field} {ident}", got)
    status, doc = server.json(api_path("suggest", [("q", "qat")]))
    check(doc["suggestions"][0]["count"] >= 2, "suggestions carry the article count", doc)
    for typed in ("", "x" * 100, "zzzzzz"):
        status, doc = server.json(api_path("suggest", [("q", typed)]))
        check(status == 200 and doc["suggestions"] == [], f"suggest {typed[:10]!r}: nothing", doc)
    status, doc = server.json(api_path("suggest", [("q", "a"), ("limit", "3")]))
    check(status == 200 and len(doc["suggestions"]) <= 3, "suggest limit", doc)
    status, doc = server.json("/api/saved")
    check(status == 200 and doc.get("saved") == [], "no saved searches yet: an empty list", doc)
    out = subprocess.run([IRANSEARCH, "--db", DB, "--save", "qatar-ar", "Qatar", "--lang", "ar", "--from", "2022"],
                         capture_output=True, text=True)
    check(out.returncode == 0, "iransearch --save", out.stderr)
    status, doc = server.json("/api/saved")
    saved = doc.get("saved", [])
    check(status == 200 and len(saved) == 1 and saved[0]["name"] == "qatar-ar" and saved[0]["query"] == "Qatar"
          and saved[0]["params"]["lang"] == ["ar"] and saved[0]["params"]["from"] == "2022",
          "a saved search is listed with its words and filters, without a restart", doc)

    # ---- bad input: 400 with a JSON error, and the server lives on ------------------------
    bad = [
        ("/api/search?q=%ff%fe", 400, "UTF-8"),
        ("/api/search?country=%c3%28", 400, "UTF-8"),
        ("/api/search?q%ff=1", 400, "UTF-8"),
        ("/api/search?bogus=1", 400, "unknown parameter"),
        ("/api/search?q=a&q=b", 400, "2 times"),
        ("/api/search?" + "&".join("country=c%d" % i for i in range(20)), 400, "20 times"),
        ("/api/search?" + "&".join("country=c%d" % i for i in range(70)), 400, "too many"),
        ("/api/search?q=" + "a" * 3000, 400, "too long"),
        ("/api/search?q=" + "word+" * 4000, 400, ""),
        # Under the byte bound but over the term bound (the query cost grows with its terms).
        ("/api/search?q=" + "+".join("w%d" % i for i in range(300)), 400, "300 terms"),
        ("/api/suggest?q=" + "%d8%a7" * 2000, 400, "too long"),
        ("/api/nope", 404, ""),
        ("/api/article?id=99999999999999999999", 400, ""),
    ]
    for path, want, words in bad:
        status, doc = server.json(path)
        check(status == want and doc.get("status") == want and words in doc.get("error", ""),
              f"{path[:60]}...: {want} naming '{words}'", (status, doc))
    status, doc = server.json("/api/search", method="POST")
    check(status == 405 and doc.get("status") == 405, "POST: 405", (status, doc))
    status, doc = server.json("/api/health", headers={"Host": "attacker.example:8080"})
    check(status == 403, "a foreign Host header (DNS rebinding): 403", (status, doc))
    status, doc = server.json("/api/health", headers={"Host": "localhost:%d" % server.port})
    check(status == 200, "Host: localhost is fine", (status, doc))
    check(server.proc.poll() is None, "the server survived the bad input")

    # ---- many requests at once -----------------------------------------------------------
    expected = {}
    queries = [[("q", "Iran")], [("country", "QA")], [("q", "العلاقات")], [("lang", "en"), ("sort", "date")]]
    for params in queries:
        expected[str(params)] = server.get(api_path("search", params))[2]
    errors = []

    def client(n):
        for i in range(15):
            params = queries[(n + i) % len(queries)]
            try:
                status, _, body = server.get(api_path("search", params))
                if status != 200 or body != expected[str(params)]:
                    errors.append((params, status, body[:200]))
            except Exception as e:  # noqa: BLE001 - any failure counts
                errors.append((params, repr(e)))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(not errors, "8 clients at once: every answer 200 and the same as alone", errors[:3])

    # ---- a reindex under the running server ------------------------------------------------
    path = os.path.join(CORPUS, "new_article.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("A new article about the Zanzibarquux talks between Iran and Oman, published in 2023.\n" * 3)
    status, doc = server.json(api_path("search", [("q", "zanzibarquux")]))
    check(status == 200 and doc["total"] == 0, "before the build: not found", doc.get("total"))
    build()
    status, doc = server.json(api_path("search", [("q", "zanzibarquux")]))
    check(status == 200 and doc["total"] == 1 and doc["hits"][0]["path"] == "new_article.txt",
          "after an incremental build: found, no restart", doc.get("total"))
    status, health = server.json("/api/health")
    check(health.get("articles") == ARTICLES + 1, "health counts the new article", health)
    with open(os.path.join(CORPUS, "second.txt"), "w", encoding="utf-8") as f:
        f.write("Quuxzanzibar is another new word, from a full rebuild.\n")
    build("--full")
    status, doc = server.json(api_path("search", [("q", "quuxzanzibar")]))
    check(status == 200 and doc["total"] == 1, "after a full rebuild (new generation): found", doc.get("total"))
    os.remove(path)
    build("--full")
    build("--full")  # twice: the generation the server first opened is gone now
    status, doc = server.json(api_path("search", [("q", "zanzibarquux")]))
    check(status == 200 and doc["total"] == 0, "a removed article is gone after two full rebuilds", doc)
    status, ctype, body = server.get(api_path("search", [("q", "Qatar")]))
    check(body == cli_json([("q", "Qatar")])[1], "still the CLI's answer after the rebuilds", body[:300])
finally:
    code = server.stop()
check(code == 0, "SIGTERM stops the server with exit 0", code)

# ---- no index yet: 503, then the first build is picked up --------------------------------
empty = os.path.join(WORK, "later-index")
server = Server(empty)
try:
    status, doc = server.json("/api/health")
    check(status == 503 and doc.get("status") == "no index", "no index: health 503", (status, doc))
    status, doc = server.json(api_path("search", [("q", "Iran")]))
    check(status == 503 and "iranidx build" in doc.get("error", ""), "no index: search 503 saying what to do", (status, doc))
    status, ctype, body = server.get("/")
    check(status == 200, "no index: the page still loads", status)
    out = subprocess.run([IRANIDX, "--corpus", CORPUS, "--db", empty, "build"], capture_output=True, text=True)
    check(out.returncode == 0, "the first build", out.stderr)
    status, doc = server.json(api_path("search", [("q", "Iran")]))
    check(status == 200 and doc["total"] > 0, "the first build is served without a restart", (status, doc))
finally:
    server.stop()

# ---- settings as the search reads them: IRANIDX_DB, a config file -------------------------
home = os.path.join(WORK, "home")
os.makedirs(home, exist_ok=True)
server = Server(None, args=["--listen", "127.0.0.1:0"], env={"IRANIDX_DB": DB, "XDG_CONFIG_HOME": home})
try:
    status, health = server.json("/api/health")
    check(status == 200 and health.get("articles", 0) >= ARTICLES, "IRANIDX_DB names the index", (status, health))
finally:
    server.stop()
config = os.path.join(WORK, "serve.toml")
with open(config, "w") as f:
    f.write('db = "%s"\nlisten = "127.0.0.1:0"\n' % DB)
server = Server(None, args=["--config", config], env={"XDG_CONFIG_HOME": home})
try:
    status, health = server.json("/api/health")
    check(status == 200, "a config file sets db and listen", (status, health))
finally:
    server.stop()
with open(config, "w") as f:
    f.write('dbb = "x"\n')
out = subprocess.run([IRANSEARCH, "serve", "--config", config], capture_output=True, text=True, timeout=20)
check(out.returncode == 2 and "serve.toml:1" in out.stderr and "dbb" in out.stderr, "an unknown config key: exit 2 naming file, line, key",
      (out.returncode, out.stderr))

# ---- SIGTERM right after the first line (before the server loop runs) still stops it -----
codes = []
for _ in range(5):
    quick = Server(DB)
    codes.append(quick.stop())
check(codes == [0] * 5, "SIGTERM as soon as the address is printed: exit 0, every time", codes)

# ---- start-up errors ----------------------------------------------------------------------
for args, words in ((["--listen", "127.0.0.1:99999"], "port"), (["--listen", "nonsense:x"], "port"),
                    (["--web", os.path.join(WORK, "nowhere")], "index.html"), (["--threads", "0"], "threads")):
    out = subprocess.run([IRANSEARCH, "serve", "--db", DB, *args], capture_output=True, text=True, timeout=20)
    check(out.returncode == 2 and words in out.stderr, f"serve {args}: exit 2 naming '{words}'", (out.returncode, out.stderr))
blocker = Server(DB)
try:
    out = subprocess.run([IRANSEARCH, "serve", "--db", DB, "--listen", "127.0.0.1:%d" % blocker.port],
                         capture_output=True, text=True, timeout=20)
    check(out.returncode == 2 and "cannot listen" in out.stderr, "a port in use: exit 2", (out.returncode, out.stderr))
finally:
    blocker.stop()

print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
