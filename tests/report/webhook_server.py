#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# A throw-away webhook receiver for the report tests: listens on 127.0.0.1 (random port, printed
# on stdout), answers the first FAILS POSTs with 500 and the rest with 200, appends each body
# to OUT (one line each), and exits after LIMIT seconds whatever happens.
import http.server
import sys
import threading

fails = int(sys.argv[1])
out = sys.argv[2]
limit = float(sys.argv[3]) if len(sys.argv) > 3 else 30
seen = 0


class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global seen
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        seen += 1
        with open(out, "ab") as f:
            f.write(body.replace(b"\n", b" ") + b"\n")
        code = 500 if seen <= fails else 200
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *a):
        pass


srv = http.server.HTTPServer(("127.0.0.1", 0), H)
sys.stdout.write("%d\n" % srv.server_address[1])
sys.stdout.flush()
threading.Timer(limit, srv.shutdown).start()
srv.serve_forever()
