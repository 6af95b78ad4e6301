#!/usr/bin/python3
"""blackhole.py - a server that accepts connections and never answers.

TEST EQUIPMENT. Stands for a domain controller, SQL Server or HTTP server
that is up enough to accept a TCP connection but then says nothing (hung,
overloaded, or a firewall that lets SYN through and drops the rest). A
tool must give up after its timeout, never hang.

Usage: blackhole.py --port N
Reads and discards whatever arrives, over TCP and over UDP on the same
port (a DNS server that swallows questions); prints "ready PORT" on
stdout once listening on 127.0.0.1; stops on SIGTERM.
"""

import argparse
import socket
import sys
import threading


def swallow(conn):
    with conn:
        try:
            while conn.recv(65536):
                pass
        except OSError:
            pass


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--port", type=int, required=True)
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
        threading.Thread(target=swallow, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
