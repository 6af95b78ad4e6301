#!/usr/bin/python3
"""link_probe.py - the two ends of a connection through the latency link,
for tests/t0130-latency-link.sh.

  link_probe.py echo                 echo server on 127.0.0.1, prints
                                     "ready PORT", serves until killed
  link_probe.py rtt PORT N           N round trips of 100 bytes; prints
                                     the mean in milliseconds
  link_probe.py bulk PORT MIB        MIB of random bytes sent and echoed
                                     back at once; prints "intact" or
                                     "corrupt", and the MiB/s each way
  link_probe.py halfclose PORT       send, shut the write side, read the
                                     echo to EOF: prints "intact"
"""
import hashlib
import os
import socket
import sys
import threading
import time


def echo():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    print("ready", listener.getsockname()[1], flush=True)

    def serve(conn):
        with conn:
            while True:
                data = conn.recv(1 << 16)
                if not data:
                    break
                conn.sendall(data)
            conn.shutdown(socket.SHUT_WR)

    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


def connect(port):
    s = socket.create_connection(("127.0.0.1", int(port)), timeout=30)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def recv_exactly(s, n):
    got = b""
    while len(got) < n:
        chunk = s.recv(n - len(got))
        if not chunk:
            raise SystemExit("connection closed early")
        got += chunk
    return got


def rtt(port, rounds):
    s = connect(port)
    recv_exactly(s, 0)
    s.sendall(b"w" * 100)          # the first one opens the relay's far side
    recv_exactly(s, 100)
    start = time.monotonic()
    for _ in range(int(rounds)):
        s.sendall(b"x" * 100)
        recv_exactly(s, 100)
    print("%.3f" % ((time.monotonic() - start) / int(rounds) * 1000))


def bulk(port, mib):
    s = connect(port)
    data = os.urandom(int(mib) << 20)
    back = hashlib.sha256()
    count = [0]

    def reader():
        while count[0] < len(data):
            chunk = s.recv(1 << 20)
            if not chunk:
                break
            back.update(chunk)
            count[0] += len(chunk)

    t = threading.Thread(target=reader)
    start = time.monotonic()
    t.start()
    s.sendall(data)
    t.join()
    secs = time.monotonic() - start
    ok = count[0] == len(data) and back.digest() == hashlib.sha256(data).digest()
    print("intact" if ok else "corrupt", "%.0f" % (int(mib) / secs))


def halfclose(port):
    s = connect(port)
    data = os.urandom(200000)
    s.sendall(data)
    s.shutdown(socket.SHUT_WR)
    got = b""
    while True:
        chunk = s.recv(1 << 16)
        if not chunk:
            break
        got += chunk
    print("intact" if got == data else "corrupt")


if __name__ == "__main__":
    {"echo": echo, "rtt": rtt, "bulk": bulk, "halfclose": halfclose}[sys.argv[1]](*sys.argv[2:])
