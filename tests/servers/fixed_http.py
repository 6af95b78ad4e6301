#!/usr/bin/python3
"""fixed_http.py - an HTTP server that answers each API method as told.

TEST EQUIPMENT. Stands for an XMPP server's admin API (ejabberd's
mod_http_api) that answers wrongly in a way the real one is not easily
made to: a 404 or 500 where a list of users belongs, a 401 half way, a
body that is no roster. What a tool does then is what the test reads.

Usage: fixed_http.py --port N --answers FILE --login FILE [--record FILE] [--delay SECONDS]
FILE has a line per method, "METHOD CODE BODY" (the body to the end of
the line, maybe empty): a POST to .../METHOD gets CODE and BODY (METHOD
"*" for any other; the default is 404 with an empty body), each after
--delay seconds (a slow server). A BODY "@bytes N" is a JSON list of
one string, N bytes in all (an answer larger than any the API gives).
Every request line and body is appended to FILE.

As strict as ejabberd where a tool could lean on it: Basic
authentication must be --login's "user:password" (first line), else 401
as ejabberd answers a wrong login; a body that is no JSON object is 400,
as mod_http_api answers bad arguments. Only then does the answers file
speak. Prints "ready PORT" on stdout once listening on
127.0.0.1; stops on SIGTERM.
"""

import argparse
import base64
import json
import http.server
import sys
import threading
import time

LOCK = threading.Lock()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--answers", required=True)
    p.add_argument("--login", required=True)
    p.add_argument("--record")
    p.add_argument("--delay", type=float, default=0.0)
    args = p.parse_args()
    with open(args.login) as f:
        login = "Basic " + base64.b64encode(f.readline().rstrip("\n").encode()).decode()
    answers = {}
    with open(args.answers) as f:
        for line in f:
            parts = line.rstrip("\n").split(" ", 2)
            if len(parts) >= 2:
                body = (parts[2] if len(parts) > 2 else "").encode()
                if body.startswith(b"@bytes "):
                    body = b'["' + b"u" * (int(body[7:]) - 4) + b'"]'
                answers[parts[0]] = (int(parts[1]), body)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n)
            method = self.path.rstrip("/").rsplit("/", 1)[-1]
            if args.record:
                with LOCK, open(args.record, "ab") as f:
                    f.write(b"POST %s %s\n" % (self.path.encode(), body))
            code, answer = answers.get(method, answers.get("*", (404, b"")))
            if self.headers.get("Authorization") != login:
                code, answer = 401, b""
            else:
                try:
                    if not isinstance(json.loads(body), dict):
                        raise ValueError
                except ValueError:
                    code, answer = 400, b'{"status":"error","code":1,"message":"bad arguments"}'
            if args.delay:
                time.sleep(args.delay)
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            try:
                self.wfile.write(answer)
            except (BrokenPipeError, ConnectionResetError):
                pass                    # the client stopped reading

        def log_message(self, *a):
            pass

    try:
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    except OSError as e:
        print("cannot listen on 127.0.0.1:%d: %s" % (args.port, e), file=sys.stderr)
        return 69
    print("ready %d" % args.port, flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
