#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A scripted HTTP server for the fetcher's tests (Python 3 standard library only).

Binds 127.0.0.1 on a free port, prints the port on the first line of stdout, serves until
--timeout seconds have passed (then exits by itself, so a crashed test leaves nothing behind).
Behaviour is chosen by path (see ROUTES below) or, with --script FILE, by a JSON object
{"/path": [{"status": 200, "headers": {...}, "body": "...", "delay": 0.1}, ...]} whose responses
are served in order, the last one repeating. /_hits?path=P answers {"count": n, "times": [...]}
so tests can check what reached the server and when. --tls CERT KEY serves HTTPS instead.
POST to any path is a webhook receiver: the first --post-fail N posts get 500, the rest 200, and
with --post-log FILE each body is appended to FILE as one line (newlines made spaces).
"""
import argparse
import email.utils
import gzip
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
HITS = {}  # path (without query) -> list of arrival times
COUNTS = {}  # full path with query -> hits, for "first this, then that" routes
SCRIPT = {}
BOMBS = {}
INFLIGHT = {"now": 0, "max": 0}  # concurrent requests to /hold, for the limit tests
POSTS = {"seen": 0, "fail": 0, "log": None}  # the webhook receiver (do_POST)

ROBOTS = b"""# robots.txt for the hugi tests
User-agent: *
Disallow: /

User-agent: hugi
Disallow: /private
Allow: /private/open
Allow: /
"""

KOREAN = "<html><head><meta charset=\"euc-kr\"><title>\ud6c4\uae30</title></head>" \
         "<body><p>\ubc30\uc1a1\uc774 \ub108\ubb34 \ub2a6\uc5b4\uc694</p></body></html>\n"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hugi-test/1"

    def log_message(self, fmt, *args):  # quiet: tests read stdout for the port only
        pass

    def reply(self, status, body=b"", ctype="text/plain; charset=utf-8", headers=None):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with LOCK:
            POSTS["seen"] += 1
            seen = POSTS["seen"]
            if POSTS["log"]:
                with open(POSTS["log"], "ab") as f:
                    f.write(body.replace(b"\n", b" ") + b"\n")
        self.reply(500 if seen <= POSTS["fail"] else 200, b"ok")

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(u.query))
        path = u.path
        now = time.time()
        with LOCK:
            HITS.setdefault(path, []).append(now)
            COUNTS[self.path] = COUNTS.get(self.path, 0) + 1
            n = COUNTS[self.path]
        if path in SCRIPT:
            steps = SCRIPT[path]
            step = steps[min(n, len(steps)) - 1]
            time.sleep(step.get("delay", 0))
            self.reply(step.get("status", 200), step.get("body", "").encode(),
                       step.get("content_type", "text/plain"), step.get("headers"))
            return
        getattr(self, "route_" + path.strip("/").replace("/", "_").replace(".", "_"),
                self.route_404)(q, n)

    def route_404(self, q, n):
        self.reply(404, b"not found\n")

    def route__hits(self, q, n):
        with LOCK:
            times = list(HITS.get(q.get("path", ""), []))
        self.reply(200, json.dumps({"count": len(times), "times": times}).encode(),
                   "application/json")

    def route_hold(self, q, n):
        with LOCK:
            INFLIGHT["now"] += 1
            INFLIGHT["max"] = max(INFLIGHT["max"], INFLIGHT["now"])
        time.sleep(float(q.get("s", "0.2")))
        with LOCK:
            INFLIGHT["now"] -= 1
        self.reply(200, b"held\n")

    def route__maxinflight(self, q, n):
        with LOCK:
            m = INFLIGHT["max"]
            INFLIGHT["max"] = 0
        self.reply(200, b"%d" % m)

    def route_deflatebomb(self, q, n):
        import zlib
        mb = int(q.get("mb", "8"))
        key = ("deflate", mb)
        with LOCK:
            if key not in BOMBS:
                BOMBS[key] = zlib.compress(b"\0" * (mb << 20), 9)
            body = BOMBS[key]
        self.reply(200, body, "text/html", {"Content-Encoding": "deflate"})

    def route_ok(self, q, n):
        self.reply(200, b"hello\n")

    def route_echo(self, q, n):
        body = {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}}
        self.reply(200, json.dumps(body).encode(), "application/json")

    def route_robots_txt(self, q, n):
        host = (self.headers.get("Host") or "").split(":")[0]
        if host.startswith("r404."):
            self.reply(404, b"no robots here\n")
        elif host.startswith("r500."):
            self.reply(500, b"oops\n")
        elif host.startswith("rmoved."):
            self.reply(301, b"", headers={"Location": "/moved/robots.txt"})
        elif host.startswith("slow."):
            self.reply(200, b"User-agent: *\nCrawl-delay: 0.5\n")
        else:
            self.reply(200, ROBOTS)

    def route_moved_robots_txt(self, q, n):
        self.reply(200, ROBOTS)

    def route_private_x(self, q, n):
        self.reply(200, b"secret\n")

    def route_private_open(self, q, n):
        self.reply(200, b"open\n")

    def route_retry429(self, q, n):
        if n == 1:
            self.reply(429, b"slow down\n", headers={"Retry-After": q.get("ra", "2")})
        else:
            self.reply(200, b"ok after 429\n")

    def route_retry429date(self, q, n):
        if n == 1:
            when = email.utils.formatdate(time.time() + float(q.get("ra", "2")), usegmt=True)
            self.reply(429, b"slow down\n", headers={"Retry-After": when})
        else:
            self.reply(200, b"ok after 429\n")

    def route_retry503(self, q, n):
        if n <= int(q.get("fails", "1")):
            self.reply(503, b"busy\n")
        else:
            self.reply(200, b"ok after 503\n")

    def route_always500(self, q, n):
        self.reply(500, b"broken\n")

    def route_slow(self, q, n):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        try:
            for _ in range(1000):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.5)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route_loop(self, q, n):
        self.reply(302, b"", headers={"Location": "/loop"})

    def route_tofile(self, q, n):
        self.reply(302, b"", headers={"Location": "file:///etc/passwd"})

    def route_toftp(self, q, n):
        self.reply(302, b"", headers={"Location": "ftp://127.0.0.1/pub/x"})

    def route_goto(self, q, n):
        self.reply(int(q.get("status", "302")), b"", headers={"Location": q.get("to", "/ok")})

    def route_redirect(self, q, n):
        self.reply(301, b"", headers={"Location": "/ok"})

    def route_gzip(self, q, n):
        raw = json.dumps({"reviews": [{"id": i, "text": "good " * 20} for i in range(50)]})
        body = raw.encode()
        if "gzip" in (self.headers.get("Accept-Encoding") or ""):
            self.reply(200, gzip.compress(body), "application/json",
                       {"Content-Encoding": "gzip", "X-Raw-Length": str(len(body))})
        else:
            self.reply(200, body, "application/json", {"X-Raw-Length": str(len(body))})

    def route_bomb(self, q, n):
        mb = int(q.get("mb", "8"))
        with LOCK:
            if mb not in BOMBS:
                BOMBS[mb] = gzip.compress(b"\0" * (mb << 20), 9)
            body = BOMBS[mb]
        self.reply(200, body, "text/html", {"Content-Encoding": "gzip"})

    def route_big(self, q, n):
        self.reply(200, b"a" * (int(q.get("kb", "2048")) << 10))

    def route_bigchunked(self, q, n):
        # no Content-Length: only counting what arrives can stop it
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"b" * 65536
        try:
            for _ in range(int(q.get("kb", "2048")) // 64):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route_etag(self, q, n):
        if self.headers.get("If-None-Match") == '"v1"':
            self.reply(304, b"", None, {"ETag": '"v1"'})
        else:
            self.reply(200, b"etag body\n", headers={"ETag": '"v1"'})

    def route_lastmod(self, q, n):
        lm = "Mon, 15 Jan 2024 09:30:00 GMT"
        if self.headers.get("If-Modified-Since") == lm:
            self.reply(304, b"", None, {"Last-Modified": lm})
        else:
            self.reply(200, b"lastmod body\n", headers={"Last-Modified": lm})

    def route_pages(self, q, n):
        page = int(q.get("page", "1"))
        items = [page * 10 + i for i in range(3)] if 1 <= page <= 5 else []
        self.reply(200, json.dumps({"page": page, "items": items}).encode(), "application/json")

    def route_cursor(self, q, n):
        cur = q.get("cursor", "c1")
        k = int(cur[1:]) if cur[1:].isdigit() else 0
        nxt = "c%d" % (k + 1) if 1 <= k < 5 else None
        items = [k * 10 + i for i in range(3)] if 1 <= k <= 5 else []
        self.reply(200, json.dumps({"items": items, "next": nxt}).encode(), "application/json")

    def route_samecursor(self, q, n):
        self.reply(200, json.dumps({"items": [1], "next": "again"}).encode(), "application/json")

    def route_links(self, q, n):
        k = int(q.get("n", "1"))
        nxt = "links?n=%d" % (k + 1) if k < 5 else None
        self.reply(200, json.dumps({"items": [k], "next": nxt}).encode(), "application/json")

    def route_shop(self, q, n):
        # a product page with JSON-LD reviews and a rel=next link, 3 pages
        page = int(q.get("page", "1"))
        reviews = [{"@type": "Review", "author": {"@type": "Person", "name": "buyer%d" % k},
                    "reviewRating": {"@type": "Rating", "ratingValue": 1 + (page + k) % 5},
                    "datePublished": "2024-01-%02d" % (page * 2 + k),
                    "reviewBody": "page %d review %d" % (page, k)} for k in range(2)]
        ld = json.dumps({"@context": "https://schema.org", "@type": "Product", "name": "Kettle",
                         "review": reviews})
        nxt = '<link rel="next" href="/shop?page=%d">' % (page + 1) if page < 3 else ""
        body = ('<html><head>%s<script type="application/ld+json">%s</script></head>'
                '<body><h1>Kettle</h1></body></html>' % (nxt, ld))
        self.reply(200, body.encode(), "text/html; charset=utf-8")

    def route_youtube(self, q, n):
        # commentThreads: 5 pages chained by nextPageToken
        tok = q.get("pageToken", "p1")
        k = int(tok[1:]) if tok[1:].isdigit() else 1
        items = [{"kind": "youtube#commentThread", "id": "t%d" % k,
                  "snippet": {"topLevelComment": {"kind": "youtube#comment", "id": "c%d" % k,
                              "snippet": {"textOriginal": "comment %d" % k,
                                          "textDisplay": "<b>comment %d</b>" % k,
                                          "authorDisplayName": "viewer%d" % k,
                                          "publishedAt": "2024-02-0%dT10:00:00Z" % k,
                                          "likeCount": k}}}}]
        body = {"kind": "youtube#commentThreadListResponse", "items": items}
        if k < 5:
            body["nextPageToken"] = "p%d" % (k + 1)
        self.reply(200, json.dumps(body).encode(), "application/json; charset=UTF-8")

    def route_krshop(self, q, n):
        # EUC-KR only declared in the HTTP header: the extractor must get the charset from us
        ld = ('{"@type":"Product","name":"\ud654\ubd84","review":[{"@type":"Review",'
              '"author":"\uae40\ubbfc\uc218","reviewRating":{"ratingValue":1},'
              '"reviewBody":"\ubc30\uc1a1\uc774 \ub108\ubb34 \ub2a6\uc5b4\uc694"}]}')
        ld = json.loads(json.dumps(json.loads(ld), ensure_ascii=False))
        body = ('<html><head><script type="application/ld+json">%s</script></head></html>'
                % json.dumps(ld, ensure_ascii=False))
        self.reply(200, body.encode("euc-kr"), "text/html; charset=EUC-KR")

    def route_euckr(self, q, n):
        self.reply(200, KOREAN.encode("euc-kr"), "text/html; charset=EUC-KR")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients hanging up on purpose (size caps, timeouts) are the point of some tests


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--script")
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="serve HTTPS")
    ap.add_argument("--post-fail", type=int, default=0, help="answer the first N POSTs with 500")
    ap.add_argument("--post-log", help="append each POST body to this file, one line each")
    args = ap.parse_args()
    POSTS["fail"] = args.post_fail
    POSTS["log"] = args.post_log
    if args.script:
        with open(args.script, encoding="utf-8") as f:
            SCRIPT.update(json.load(f))
    srv = Server(("127.0.0.1", 0), Handler)
    if args.tls:
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    print(srv.server_address[1], flush=True)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    time.sleep(args.timeout)
    srv.shutdown()


if __name__ == "__main__":
    main()
