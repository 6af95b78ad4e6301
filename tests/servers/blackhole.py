#!/usr/bin/python3
"""blackhole.py - a server that accepts connections and never answers.

TEST EQUIPMENT. Stands for a domain controller, SQL Server or HTTP server
that is up enough to accept a TCP connection but then says nothing (hung,
overloaded, or a firewall that lets SYN through and drops the rest). A
tool must give up after its timeout, never hang.

Usage: blackhole.py --port N [--record FILE]
Reads whatever arrives (appended to FILE with --record, so a test can
see what a tool sent: which password went to which server), and never
answers, over TCP and over UDP on the same
port (a DNS server that swallows questions); prints "ready PORT" on
stdout once listening on 127.0.0.1; stops on SIGTERM.
"""

import argparse
import socket
import sys
import threading


RECORD_LOCK = threading.Lock()


def swallow(conn, record):
    with conn:
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                if record:
                    with RECORD_LOCK, open(record, "ab") as f:
                        f.write(data)
        except OSError:
            pass


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--record", help="append every byte received to this file")
    args = p.parse_args()
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", args.port))
    except OSError as e:
        print("cannot listen on 127.0.0.1:%d: %s" % (args.port, e), file=sys.stderr)
        return 69
    s.listen(64)
    # UDP: bound and never read, so datagrams vanish without the "port
    # unreachable" that would answer them at once.
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", args.port))
    except OSError as e:
        print("cannot bind UDP 127.0.0.1:%d: %s" % (args.port, e), file=sys.stderr)
        return 69
    print("ready %d" % args.port, flush=True)
    while True:
        conn, _ = s.accept()
        threading.Thread(target=swallow, args=(conn, args.record), daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
