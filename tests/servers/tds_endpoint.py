#!/usr/bin/python3
"""tds_endpoint.py - a TDS 7.4 endpoint for ucmig's tests, backed by SQLite.

TEST EQUIPMENT, NOT PRODUCT. There is no SQL Server on these machines, so
the tests need something FreeTDS (the library and wire protocol ucmig uses
in production) can log into and query. The product's SQL is written for
Microsoft SQL Server; this endpoint accepts a subset of T-SQL and runs it
on SQLite. What it supports, exactly:

Protocol (MS-TDS 7.4; every packet type the tools send):
  - PRELOGIN: answers VERSION, ENCRYPTION=ENCRYPT_NOT_SUP, INSTOPT, MARS=0.
    A client that requires encryption therefore fails, as it should.
  - LOGIN7: user name and password (the TDS obfuscation undone) checked
    against --user/--password; wrong ones get error 18456, class 14.
    With --max-connections N a login beyond N open connections gets 17809,
    class 20, as on a server whose user connections are all taken.
    With --windows-only a SQL login gets 18452 ("not associated with a
    trusted SQL Server connection"), as a server set to Windows
    authentication only answers.
  - LOGIN7 with fIntSecurity: Windows authentication by NTLM
    (ntlm_server.py): the NEGOTIATE in the SSPI field is answered with an
    SSPI token holding the CHALLENGE, the client's SSPI message (packet
    0x11) holds the AUTHENTICATE. Only --windows-account DOMAIN\\user
    with --password, by NTLMv2, gets in; a wrong password is 18456, an
    NTLMv1 response or no --windows-account is 18452 (untrusted domain).
    The database asked for must be one of --databases (default rtc and
    rtclocal): another gets 4060 ("Cannot open database ... requested by
    the login"), class 11, then 18456, as SQL Server answers.
    Answers LOGINACK (TDS 7.4), ENVCHANGE database, collation, packet size.
  - SQL_BATCH: ALL_HEADERS skipped; the text split into statements on ';'
    (outside quotes); each statement's results are sent as COLMETADATA,
    ROW..., DONE with its row count (DONE_MORE between statements).
  - RPC: refused as SQL Server refuses it: a non-MAX NVARCHAR/VARCHAR
    parameter over 8,000 bytes (8016: the RPC stream is incorrect), more
    than 2,100 parameters (8003), a value for a parameter the @params
    declaration lacks (8144) or a declared parameter without a value
    (8178).
  - RPC: by name or ProcID (10 = sp_executesql). Parameter types: INTN,
    INT1/2/4/8, BIGINT, NVARCHAR and VARCHAR (also the (MAX) PLP form),
    NCHAR, CHAR, BITN. sp_executesql's @stmt and @params must be NVARCHAR
    or NCHAR, as SQL Server requires (error 214 otherwise); the statement's
    @names are bound as SQLite named parameters. Results as for a batch,
    with DONEINPROC, RETURNSTATUS and DONEPROC.
  - ATTENTION: acknowledged with DONE(ATTN).
  - Result column types: INTN (4 or 8 bytes) for integers, NVARCHAR(4000)
    for everything else; NULLs as NULL.
  - Errors: ERROR tokens with SQL Server's numbers where there is one:
    208 invalid object name, 207 invalid column name, 102 syntax,
    2627 unique key violation, 1205 deadlock victim (a real one, or injected), 1222 lock wait
    over 120 s, 50000 other.

T-SQL accepted (translated for SQLite; anything else goes to SQLite as is):
  - SET NOCOUNT ON|OFF, SET FMTONLY ON|OFF (metadata only, as freebcp asks
    with queryout), SET XACT_ABORT ON|OFF (an error rolls back the open
    transaction), SET TEXTSIZE n, SET ANSI_* / QUOTED_IDENTIFIER ...:
    recorded or ignored;
  - USE db / USE [db]: changes the current database name (ENVCHANGE);
  - BEGIN TRAN[SACTION], COMMIT [TRAN[SACTION]], ROLLBACK [TRAN[SACTION]]:
    connections interleave as on SQL Server at READ COMMITTED, with its
    row and range locks, waits and deadlock victims (1205): tds_locks.py;
  - table hints WITH (HOLDLOCK | SERIALIZABLE | NOLOCK | ...): for the
    locks, taken out of what SQLite runs;
  - DECLARE @v TYPE, ...; SELECT @v = expr, ... [FROM ...] (the last row's
    values; none leaves them as they were); variables live as long as the
    request. IF cond BEGIN ... END (no ELSE); RETURN ends the request;
    RAISERROR('text', severity, state) sends error 50000 and goes on, as
    on SQL Server (it neither ends the batch nor rolls anything back);
  - ISNULL(a, b) and N'text', as SQLite spells them;
    @@TRANCOUNT, @@VERSION, @@SPID and CONNECTIONPROPERTY('encrypt_option')
    (always 'FALSE') in a SELECT;
  - INFORMATION_SCHEMA.TABLES and INFORMATION_SCHEMA.COLUMNS (TABLE_NAME,
    COLUMN_NAME, DATA_TYPE, ORDINAL_POSITION, TABLE_SCHEMA, TABLE_TYPE);
  - EXEC[UTE] proc args and RPC calls of the procedures emulated below.
  - #tables (CREATE TABLE #t, DROP TABLE #t, #t in any statement): private
    to the connection; one made inside sp_executesql goes when that call
    ends; each CREATE makes it and each DROP drops it (what DDL costs, it
    costs); a rollback takes back the #tables its transaction made and
    dropped, and the rows it changed in them; a reference to one that is gone is 208, a CREATE of one that
    is there 2714, a DROP of one that is not 3701, as on SQL Server. A
    text column without COLLATE is refused (468: check_temp_collation).

Emulated stored procedures (SPEC.md section 6 reconstruction):
  RtcpDeleteHomedResourceTransaction(int), RtcpDeleteConferenceParticipant-
  ByEnterpriseId(int). RtcDeleteResource exists and deletes the Resource
  row (so a test can catch a tool that calls it).

Fault injection, for tests: --fail 'REGEX=NUMBER[:COUNT]' makes the next
COUNT statements (default 1, 0 = always) matching REGEX fail with error
NUMBER (1205 is a deadlock victim). --log FILE records every request
("REQUEST batch|rpc|login|prelogin": one round trip each, for the benches),
OPEN and CLOSE around each connection (the server done with it),
every statement and every RPC with its parameter types. A request's lines
are written together, before its reply and before each COMMIT: a
committed transaction is always in the log; one the endpoint was killed
in the middle of may not be (it rolled back).

Usage: tds_endpoint.py --db FILE --port N [--user U --password P]
       [--databases NAME,...] [--schema SQL] [--data SQL] [--fail RULE]...
       [--log FILE] [--windows-account DOMAIN\\user] [--windows-only] [--max-connections N]
It prints "ready PORT" on stdout once listening on 127.0.0.1.
"""

import argparse
import json
import re
import socket
import socketserver
import sqlite3
import struct
import sys
import threading
import time

import tds_locks
from ntlm_server import NtlmError, NtlmServer
from tds_locks import LockError

# Packet types
PT_SQL_BATCH, PT_RPC, PT_REPLY, PT_ATTENTION, PT_LOGIN7, PT_SSPI, PT_PRELOGIN = \
    0x01, 0x03, 0x04, 0x06, 0x10, 0x11, 0x12
# Tokens
T_COLMETADATA, T_ERROR, T_INFO, T_LOGINACK, T_ROW, T_ENVCHANGE = 0x81, 0xAA, 0xAB, 0xAD, 0xD1, 0xE3
T_DONE, T_DONEPROC, T_DONEINPROC, T_RETURNSTATUS, T_SSPI = 0xFD, 0xFE, 0xFF, 0x79, 0xED
DONE_FINAL, DONE_MORE, DONE_ERROR, DONE_COUNT, DONE_ATTN = 0x00, 0x01, 0x02, 0x10, 0x20
# Types
TY_INTN, TY_INT1, TY_INT2, TY_INT4, TY_INT8, TY_BITN = 0x26, 0x30, 0x34, 0x38, 0x7F, 0x68
TY_NVARCHAR, TY_NCHAR, TY_VARCHAR, TY_CHAR, TY_BIT = 0xE7, 0xEF, 0xA7, 0xAF, 0x32
COLLATION = b"\x09\x04\xd0\x00\x34"   # Latin1_General_CI_AS

LOCK = threading.Lock()


class TdsError(Exception):
    def __init__(self, number, message, severity=16):
        super().__init__(message)
        self.number, self.message, self.severity = number, message, severity


def ucs2(s):
    return s.encode("utf-16-le")


def b_varchar(s):
    return bytes([len(s)]) + ucs2(s)


def us_varchar(s):
    return struct.pack("<H", len(s)) + ucs2(s)


class Rules:
    """Fault injection: regex -> (error number, remaining count)."""

    def __init__(self, specs):
        self.rules = []
        for spec in specs or []:
            pattern, _, rest = spec.rpartition("=")
            number, _, count = rest.partition(":")
            self.rules.append([re.compile(pattern, re.I | re.S), int(number), int(count or 1)])

    def check(self, text):
        with LOCK:
            for rule in self.rules:
                if rule[0].search(text) and rule[2] != -1:
                    if rule[2] == 1:
                        rule[2] = -1      # used up
                    elif rule[2] > 1:
                        rule[2] -= 1
                    raise TdsError(rule[1], "injected error %d" % rule[1],
                                   13 if rule[1] == 1205 else 16)


SET_PREFIX = re.compile(r"(?is)^\s*(set\s+\w+\s+(?:on|off|\d+))\s+(?=\S)(.*)$")
SET_ALONE = re.compile(r"(?is)^\s*set\s+\w+\s+(?:on|off|\d+)\s*$")
SET_SUFFIX = re.compile(r"(?is)^(.*\S)\s+(set\s+\w+\s+(?:on|off|\d+))\s*$")


def split_columns(text):
    """The column definitions of CREATE TABLE (...), split on top-level commas."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    return parts + [cur]


def split_statements(sql):
    """Statements of a batch: split on ';' outside quotes, and SET option
    statements written before or after another without a ';' (T-SQL needs
    none; freebcp sends 'SET FMTONLY ON <query> SET FMTONLY OFF')."""
    out = []
    for stmt in split_on_semicolons(sql):
        head, tail = [], []
        while True:
            m = SET_PREFIX.match(stmt)
            if not m:
                break
            head.append(m.group(1))
            stmt = m.group(2)
        while not SET_ALONE.match(stmt):
            m = SET_SUFFIX.match(stmt)
            if not m:
                break
            tail.insert(0, m.group(2))
            stmt = m.group(1)
        out += head + [stmt] + tail
    return [s.strip() for s in out if s.strip()]


IF_BLOCK = re.compile(r"(?is)^if\s+(.*?)\s+begin\b(?!\s+tran)\s*(.*)$")


def group_blocks(statements):
    """split_statements' statements with IF cond BEGIN ... END made one
    item each: ("if", cond, [items], []). No ELSE, no IF without BEGIN
    (the tools send neither)."""
    tokens = []
    for stmt in statements:
        m = IF_BLOCK.match(stmt)
        if m:
            tokens.append(("if", m.group(1)))
            if m.group(2).strip():
                tokens.append(m.group(2).strip())
        elif re.match(r"(?is)^end$", stmt):
            tokens.append(("end",))
        else:
            tokens.append(stmt)
    pos = 0

    def items(inside):
        nonlocal pos
        out = []
        while pos < len(tokens):
            token = tokens[pos]
            pos += 1
            if token == ("end",):
                if inside:
                    return out
                raise TdsError(156, "Incorrect syntax near the keyword 'END'.")
            out.append(("if", token[1], items(True), []) if isinstance(token, tuple) else token)
        if inside:
            raise TdsError(102, "Incorrect syntax near the end of the batch: BEGIN without END.")
        return out
    return items(False)


def select_assignments(sql):
    """SELECT @a = expr, @b = expr [FROM ...]: the variables and the query
    that gives their values, or None for any other statement."""
    m = re.match(r"(?is)^select\s+(@\w+\s*=.*)$", sql)
    if not m:
        return None
    body, depth, end = m.group(1), 0, None
    for token in re.finditer(r"(?i)[()]|\bfrom\b", body):
        if token.group(0) == "(":
            depth += 1
        elif token.group(0) == ")":
            depth -= 1
        elif depth == 0:
            end = token.start()
            break
    select_list, rest = (body, "") if end is None else (body[:end], body[end:])
    names, exprs = [], []
    for item in split_columns(select_list):
        a = re.match(r"(?s)^\s*@(\w+)\s*=\s*(.*\S)\s*$", item)
        if not a:
            raise TdsError(141, "A SELECT statement that assigns a value to a variable must not be combined "
                           "with data-retrieval operations.")
        names.append(a.group(1))
        exprs.append(a.group(2))
    return names, "SELECT " + ", ".join(exprs) + " " + rest


def split_on_semicolons(sql):
    if "'" not in sql and '"' not in sql:
        # Nothing quoted (the tools' own statements): the character loop
        # below was the costliest Python function of the delete bench.
        return [s.strip() for s in sql.split(";") if s.strip()]
    out, cur, quote = [], [], None
    for ch in sql:
        if quote:
            cur.append(ch)
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
            cur.append(ch)
        elif ch == ";":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [s.strip() for s in out if s.strip()]


TRANSLATED = {}                 # statement -> translate_statement's answer
TRANSLATED_MAX = 10000


def translate_statement(sql):
    """A statement's T-SQL turned into SQLite's, but for what depends on
    the session (@@TRANCOUNT). Remembered: the tools send the same texts
    again and again with other parameters."""
    text = TRANSLATED.get(sql)
    if text is not None:
        return text
    # The database's own collation, which this endpoint's is: without
    # case, as Latin1_General_CI_AS.
    text = re.sub(r"(?i)\bcollate\s+database_default\b", "COLLATE NOCASE", tds_locks.strip_hints(sql))
    text = re.sub(r"#(\w+)", r'temp."#\1"', text)
    text = re.sub(r"(?i)\bisnull\s*\(", "IFNULL(", text)
    text = re.sub(r"(?<![\w'])N'", "'", text)      # N'...': all text is Unicode here
    text = re.sub(r"(?i)@@version", "'Microsoft SQL Server (ucmig TDS endpoint on SQLite)'", text)
    text = re.sub(r"(?i)@@spid", "1", text)
    # This endpoint never encrypts, and says so.
    text = re.sub(r"(?i)connectionproperty\s*\(\s*'encrypt_option'\s*\)", "'FALSE'", text)
    with LOCK:
        if len(TRANSLATED) < TRANSLATED_MAX:
            TRANSLATED[sql] = text
    return text


class Session:
    def __init__(self, server, sock):
        self.server, self.sock = server, sock
        self.db = sqlite3.connect(server.args.db, isolation_level=None, check_same_thread=False,
                                  timeout=30)
        self.db.execute("PRAGMA foreign_keys=OFF")
        # A commit survives the endpoint being killed (the WAL is written),
        # not the machine losing power: tests stop processes, not machines,
        # and an fsync per commit made this stand-in slower than any
        # SQL Server's log flush.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("ATTACH DATABASE ? AS INFORMATION_SCHEMA", (server.catalog_path,))
        self.spid = server.next_spid()
        self.sid = "%d.%d" % (server.started, self.spid)
        tds_locks.install_triggers(self.db, server.catalog, self.sid)
        # Rows of #tables a transaction changed, for its rollback (a
        # #table is the connection's own and dies with it: no locks, and
        # no need to outlive a killed endpoint).
        self.db.execute("CREATE TEMP TABLE ucmig_temp_undo (seq INTEGER PRIMARY KEY, tbl TEXT, op TEXT, "
                        "rid INTEGER, old TEXT)")
        self.undo_seq = 0             # tds_locks: the last change of the transaction
        self.locked_rows = 0          # tds_locks: rows it holds (deadlock victims)
        self.dbname = "master"
        self.nocount = False
        self.fmtonly = False
        self.xact_abort = False
        self.trancount = 0
        self.bound = {}               # the request's parameters and variables
        self.temp_tables = set()      # #tables in scope (what SQL Server has)
        self.temp_made = set()        # made in the open transaction
        self.temp_dropped = {}        # dropped in it: name -> the name SQLite keeps it under
        self.temp_serial = 0
        self.last_text = None
        self.out = bytearray()
        self.log_lines = []           # written at each reply (write_log)

    # ---- the log ---------------------------------------------------------
    def log(self, line):
        self.log_lines.append(line)

    def write_log(self):
        """One write(2) per request instead of one per line (twenty per
        delete transaction). Called before each reply, so a client that
        has its answer finds its lines there, and before each COMMIT, so
        a committed transaction is always logged."""
        if self.log_lines:
            self.server.log("\n".join(self.log_lines))
            self.log_lines = []

    # ---- packets -------------------------------------------------------
    def read_message(self):
        data, ptype = bytearray(), None
        while True:
            header = self.recv_exact(8)
            if header is None:
                return None, None
            ptype, status, length = header[0], header[1], struct.unpack(">H", header[2:4])[0]
            data += self.recv_exact(length - 8) or b""
            if status & 0x01:
                return ptype, bytes(data)

    def recv_exact(self, n):
        buf = bytearray()
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                return None
            buf += chunk
        return bytes(buf)

    def flush(self, ptype=PT_REPLY):
        self.write_log()
        size, payload, packet_id = 4096 - 8, bytes(self.out), 1
        chunks = [payload[i:i + size] for i in range(0, len(payload), size)] or [b""]
        for i, chunk in enumerate(chunks):
            status = 0x01 if i == len(chunks) - 1 else 0x00
            self.sock.sendall(struct.pack(">BBHHBB", ptype, status, len(chunk) + 8, 0, packet_id & 0xFF, 0)
                              + chunk)
            packet_id += 1
        self.out = bytearray()

    # ---- tokens --------------------------------------------------------
    def done(self, token, status, count=0):
        self.out += struct.pack("<BHHQ", token, status, 0xC1, count)

    def error(self, number, message, severity=16, state=1):
        body = struct.pack("<iBB", number, state, severity) + us_varchar(message) \
            + b_varchar("ucmig-tds-endpoint") + b_varchar("") + struct.pack("<i", 1)
        self.out += bytes([T_ERROR]) + struct.pack("<H", len(body)) + body

    def envchange(self, kind, new, old):
        body = bytes([kind]) + b_varchar(new) + b_varchar(old)
        self.out += bytes([T_ENVCHANGE]) + struct.pack("<H", len(body)) + body

    def result_set(self, names, rows, types):
        self.out += bytes([T_COLMETADATA]) + struct.pack("<H", len(names))
        for name, ty in zip(names, types):
            self.out += struct.pack("<IH", 0, 0x0009)          # usertype, flags: nullable|updateable
            if ty == "int":
                self.out += bytes([TY_INTN, 8])
            else:
                size = self.server.column_size(name)
                self.out += bytes([TY_NVARCHAR]) + struct.pack("<H", size) + COLLATION
            self.out += b_varchar(name)
        for row in rows:
            self.out.append(T_ROW)
            for value, ty in zip(row, types):
                if value is None:
                    self.out += b"\x00" if ty == "int" else b"\xff\xff"
                elif ty == "int":
                    self.out += b"\x08" + struct.pack("<q", int(value))
                else:
                    raw = ucs2(str(value))
                    self.out += struct.pack("<H", len(raw)) + raw

    # ---- handshake -----------------------------------------------------
    def prelogin(self, data):
        options = [(0, struct.pack(">IH", 0x10000FA0, 0)), (1, b"\x02"), (2, b"\x00"), (4, b"\x00")]
        offset = len(options) * 5 + 1
        head, body = bytearray(), bytearray()
        for token, value in options:
            head += struct.pack(">BHH", token, offset + len(body), len(value))
            body += value
        self.out += head + b"\xff" + body
        self.flush()

    def login(self, data):
        def field(index):
            off, length = struct.unpack_from("<HH", data, 36 + 4 * index)
            return data[off:off + 2 * length]
        args = self.server.args
        database = field(8).decode("utf-16-le")
        if data[25] & 0x80:                         # OptionFlags2 fIntSecurity
            user = self.windows_login(data)
            if user is None:
                return False
        else:
            user = field(1).decode("utf-16-le")
            pw = bytes((((b ^ 0xA5) << 4) & 0xF0) | (((b ^ 0xA5) >> 4) & 0x0F) for b in field(2)).decode("utf-16-le")
            if args.windows_only:
                return self.refuse_login(user, 18452, "Login failed for user '%s'. The user is not associated "
                                         "with a trusted SQL Server connection." % user)
            if (args.user and user != args.user) or (args.password is not None and pw != args.password):
                return self.refuse_login(user, 18456, "Login failed for user '%s'." % user)
        if args.max_connections and self.server.sessions > args.max_connections:
            # SQL Server's answer once its user connections are all taken.
            self.log("LOGIN FAILED %s (connections)" % user)
            self.error(17809, "Could not connect because the maximum number of '%d' user connections has "
                       "already been reached. The system administrator can use sp_configure to increase "
                       "the maximum value. The connection has been closed." % args.max_connections, 20)
            self.done(T_DONE, DONE_ERROR)
            self.flush()
            return False
        if database and database.lower() not in args.databases.lower().split(","):
            self.log("LOGIN FAILED %s (database %s)" % (user, database))
            self.error(4060, 'Cannot open database "%s" requested by the login. The login failed.' % database, 11)
            return self.refuse_login(user, 18456, "Login failed for user '%s'." % user)
        self.log("LOGIN %s" % user)
        ack = bytes([1]) + bytes([0x74, 0x00, 0x00, 0x04]) + b_varchar("Microsoft SQL Server") + bytes([16, 0, 0x0F, 0xA0])
        self.out += bytes([T_LOGINACK]) + struct.pack("<H", len(ack)) + ack
        self.dbname = database or "rtc"
        self.envchange(1, self.dbname, "master")
        coll = bytes([7, len(COLLATION)]) + COLLATION + b"\x00"
        self.out += bytes([T_ENVCHANGE]) + struct.pack("<H", len(coll)) + coll
        self.envchange(4, "4096", "4096")
        self.done(T_DONE, DONE_FINAL)
        self.flush()
        return True

    def refuse_login(self, user, number, message):
        self.log("LOGIN FAILED %s (%d)" % (user, number))
        self.error(number, message, 14)
        self.done(T_DONE, DONE_ERROR)
        self.flush()
        return False

    def windows_login(self, data):
        """NTLM inside LOGIN7 (MS-TDS 2.2.6.4, MS-NLMP): the NEGOTIATE in the
        SSPI field, our CHALLENGE in an SSPI token, the client's AUTHENTICATE
        in an SSPI message. Returns DOMAIN\\user, or None once refused."""
        args = self.server.args
        ib, cb = struct.unpack_from("<HH", data, 78)
        if cb == 0xFFFF and len(data) >= 94:
            cb = struct.unpack_from("<I", data, 90)[0]
        if not args.windows_account:
            return self.refuse_login("(Windows)", 18452, "Login failed. The login is from an untrusted domain "
                                     "and cannot be used with Integrated authentication.") and None
        ntlm = NtlmServer(args.windows_account, args.password or "")
        try:
            token = ntlm.challenge(data[ib:ib + cb])
        except NtlmError as e:
            self.log("LOGIN FAILED (Windows): %s" % e)
            return self.refuse_login("(Windows)", 18452, "Login failed. The login is from an untrusted domain "
                                     "and cannot be used with Integrated authentication.") and None
        self.out += bytes([T_SSPI]) + struct.pack("<H", len(token)) + token
        self.flush()
        ptype, auth = self.read_message()
        self.log("REQUEST sspi")
        if ptype != PT_SSPI:
            self.log("LOGIN FAILED (Windows): packet type %s instead of SSPI" % ptype)
            return None
        try:
            return ntlm.verify(auth)
        except NtlmError as e:
            self.log("LOGIN FAILED (Windows): %s" % e)
            who = str(e).split(":")[0]
            if "NTLMv1" in str(e) or "anonymous" in str(e):
                return self.refuse_login(who, 18452, "Login failed. The login is from an untrusted domain "
                                         "and cannot be used with Integrated authentication.") and None
            return self.refuse_login(who, 18456, "Login failed for user '%s'." % who) and None

    # ---- SQL -----------------------------------------------------------
    def column_types(self, names, rows):
        types = []
        for i, name in enumerate(names):
            values = [r[i] for r in rows if r[i] is not None]
            if values:
                types.append("int" if all(isinstance(v, int) for v in values) else "str")
            else:
                types.append(self.server.column_type(name))
        return types

    def run_items(self, items, more, in_proc):
        """Run a request's statements (group_blocks' items); False once a
        RETURN ended the request. more: DONE_MORE after the last one too."""
        for i, item in enumerate(items):
            last_more = more or i < len(items) - 1
            if isinstance(item, tuple):               # IF cond BEGIN ... END [ELSE ...]
                _, cond, then, otherwise = item
                self.log("SQL IF " + " ".join(cond.split()))
                taken = self.query_value("SELECT CASE WHEN " + cond + " THEN 1 ELSE 0 END")
                if not self.run_items(then if taken else otherwise, last_more, in_proc):
                    return False
            elif re.match(r"(?is)^return\b", item):
                self.log("SQL RETURN")
                return False
            else:
                self.run_statement(item, last_more, in_proc)
        return True

    def query_value(self, sql):
        """The first column of a query's first row, run under the locks."""
        text = self.sqlite_text(sql)
        row = tds_locks.execute(self, sql, lambda db: self.sqlite(db, text).fetchone())
        return row[0] if row else None

    def sqlite_text(self, sql):
        text = translate_statement(sql)
        if "@@" in text:
            text = re.sub(r"(?i)@@trancount", str(self.trancount), text)
        self.last_text = text
        return text

    def sqlite(self, db, text):
        try:
            return db.execute(text, self.bound)
        except sqlite3.Error as e:
            raise self.translate(e)

    def run_statement(self, sql, more, in_proc):
        """Run one statement; append its tokens. more: DONE_MORE follows."""
        done_token = T_DONEINPROC if in_proc else T_DONE
        more_flag = DONE_MORE if more else 0
        self.log("SQL " + " ".join(sql.split()))
        self.server.rules.check(sql)
        m = re.match(r"(?is)^set\s+(\w+)\s+(on|off|\S+)$", sql)
        if m:
            opt, val = m.group(1).lower(), m.group(2).lower()
            if opt == "nocount":
                self.nocount = val == "on"
            elif opt == "fmtonly":
                self.fmtonly = val == "on"
            elif opt == "xact_abort":
                self.xact_abort = val == "on"
            self.done(done_token, more_flag)
            return
        m = re.match(r"(?is)^use\s+\[?([^\]\s;]+)\]?$", sql)
        if m:
            old, self.dbname = self.dbname, m.group(1)
            self.envchange(1, self.dbname, old)
            self.done(done_token, more_flag)
            return
        m = re.match(r"(?is)^(begin|commit|rollback)(\s+tran(saction)?)?(\s+\w+)?$", sql)
        if m:
            self.transaction_statement(m.group(1).lower())
            self.done(done_token, more_flag)
            return
        m = re.match(r"(?is)^declare\s+(.*)$", sql)
        if m:
            # Variables live as long as the request, NULL until set.
            for name in re.findall(r"@(\w+)", m.group(1)):
                self.bound[name] = None
            return
        m = re.match(r"(?is)^raiserror\s*\(\s*N?'((?:[^']|'')*)'\s*,\s*(\d+)\s*,\s*\d+\s*\)(\s+with\s+\w+)?$", sql)
        if m:
            # RAISERROR reports and goes on: it neither ends the batch nor,
            # XACT_ABORT or not, rolls anything back (SQL Server's rules).
            message, severity = m.group(1).replace("''", "'"), int(m.group(2))
            self.log("ERROR 50000 %s" % message)
            self.error(50000, message, severity)
            self.done(done_token, more_flag | (DONE_ERROR if severity > 10 else 0))
            return
        m = re.match(r"(?is)^exec(ute)?\s+(\w+)\s*(.*)$", sql)
        if m:
            args = [a.strip() for a in m.group(3).split(",") if a.strip()]
            values = [self.bound.get(a[1:]) if a.startswith("@") else int(a) for a in args]
            self.call_procedure(m.group(2), values, more_flag, True)
            return
        if "#" in sql and self.temp_table_statement(sql, done_token, more_flag):
            return
        assign = select_assignments(sql)
        if assign:
            names, query = assign
            text = self.sqlite_text(query)
            rows = tds_locks.execute(self, sql, lambda db: self.sqlite(db, text).fetchall())
            for row in rows[-1:]:                     # the last row's values, none: unchanged
                self.bound.update(zip(names, row))
            self.done_count(done_token, more_flag, len(rows))
            return
        text = self.sqlite_text(sql)

        def run(db):
            cur = self.sqlite(db, text)
            names = [d[0] for d in cur.description] if cur.description else None
            rows = [] if (self.fmtonly or names is None) else cur.fetchall()
            return names, rows, cur.rowcount if names is None else len(rows)
        names, rows, count = tds_locks.execute(self, sql, run)
        if names is not None:
            self.result_set(names, rows, self.column_types(names, rows))
            self.log("  -> %d rows" % len(rows))
        self.done_count(done_token, more_flag, max(count, 0))

    def transaction_statement(self, word):
        if word == "begin":
            if self.trancount == 0:
                self.temp_made, self.temp_dropped = set(), {}
                self.db.execute("DELETE FROM temp.ucmig_temp_undo")
            self.trancount += 1
        elif word == "commit":
            if self.trancount == 0:
                raise TdsError(3902, "The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.")
            self.trancount -= 1
            if self.trancount == 0:
                self.write_log()
                tds_locks.commit(self)
                for kept in self.temp_dropped.values():
                    self.db.execute('DROP TABLE temp."%s"' % kept)
                self.temp_made, self.temp_dropped = set(), {}
        else:
            if self.trancount == 0:
                raise TdsError(3903, "The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION.")
            self.rollback()

    def done_count(self, token, more_flag, count):
        """A statement's DONE, with its row count unless NOCOUNT is on."""
        self.done(token, more_flag | (0 if self.nocount else DONE_COUNT), count)

    def rollback(self):
        tds_locks.rollback(self)
        self.trancount = 0
        # SQL Server brings back the #tables the transaction dropped, their
        # rows as they were, and drops those it made.
        for name, kept in self.temp_dropped.items():
            self.db.execute('ALTER TABLE temp."%s" RENAME TO "#%s"' % (kept, name))
            self.temp_tables.add(name)
        for name, op, rid, old in self.db.execute("SELECT tbl, op, rid, old FROM temp.ucmig_temp_undo "
                                                  "ORDER BY seq DESC").fetchall():
            if name not in self.temp_tables or name in self.temp_made:
                continue
            cols = [r[1] for r in self.db.execute('PRAGMA temp.table_info("#%s")' % name)]
            if op == "I":
                self.db.execute('DELETE FROM temp."#%s" WHERE rowid = ?' % name, (rid,))
            elif op == "D":
                self.db.execute('INSERT INTO temp."#%s" (rowid, %s) VALUES (?, %s)'
                                % (name, ", ".join('"%s"' % c for c in cols), ", ".join("?" * len(cols))),
                                [rid] + json.loads(old))
            else:
                self.db.execute('UPDATE temp."#%s" SET %s WHERE rowid = ?'
                                % (name, ", ".join('"%s" = ?' % c for c in cols)), json.loads(old) + [rid])
        self.db.execute("DELETE FROM temp.ucmig_temp_undo")
        for name in list(self.temp_made):
            self.drop_temp(name)
        self.temp_made, self.temp_dropped = set(), {}

    def log_temp_changes(self, name):
        """Triggers that keep the before-image of #name's changed rows."""
        cols = [r[1] for r in self.db.execute('PRAGMA temp.table_info("#%s")' % name)]
        old = "json_array(%s)" % ", ".join('old."%s"' % c for c in cols)
        for event, op, rid, image in (("INSERT", "I", "new.rowid", "NULL"), ("DELETE", "D", "old.rowid", old),
                                      ("UPDATE", "U", "old.rowid", old)):
            self.temp_serial += 1         # a dropped #t kept till COMMIT keeps its triggers
            self.db.execute('CREATE TEMP TRIGGER "#%s~%d" AFTER %s ON "#%s" BEGIN INSERT INTO ucmig_temp_undo '
                            "(tbl, op, rid, old) VALUES ('%s', '%s', %s, %s); END"
                            % (name, self.temp_serial, event, name, name, op, rid, image))

    def drop_temp(self, name):
        """#name goes: at once, or, in a transaction, once it commits."""
        self.temp_tables.discard(name)
        if self.trancount and name not in self.temp_made:
            kept = "#%s~dropped~%d" % (name, len(self.temp_dropped))
            self.db.execute('ALTER TABLE temp."#%s" RENAME TO "%s"' % (name, kept))
            self.temp_dropped[name] = kept
        else:
            self.temp_made.discard(name)
            self.db.execute('DROP TABLE IF EXISTS temp."#%s"' % name)

    def temp_table_statement(self, sql, done_token, more_flag):
        """Keeps SQL Server's rules for #tables (module docstring). Returns
        True if the statement (a CREATE or DROP of one) has been answered.
        Each CREATE makes the table and each DROP, or the end of its
        scope, drops it, as on SQL Server: DDL costs what it costs."""
        create = re.match(r"(?is)^create\s+table\s+#(\w+)\s*\((.*)\)$", sql)
        drop = re.match(r"(?is)^drop\s+table\s+#(\w+)$", sql)
        made = create.group(1) if create else None
        for name in re.findall(r"#(\w+)", sql):
            if name != made and name not in self.temp_tables:
                if drop:
                    raise TdsError(3701, "Cannot drop the table '#%s', because it does not exist or you do "
                                   "not have permission." % name, 11)
                raise TdsError(208, "Invalid object name '#%s'." % name)
        if not (create or drop):
            return False
        if drop:
            self.drop_temp(drop.group(1))
            self.done_count(done_token, more_flag, 0)
            return True
        name, columns = create.groups()
        if name in self.temp_tables:
            raise TdsError(2714, "There is already an object named '#%s' in the database." % name)
        self.check_temp_collation(name, columns)
        try:
            self.db.execute(translate_statement(sql))
        except sqlite3.Error as e:
            raise self.translate(e)
        self.log_temp_changes(name)
        self.temp_tables.add(name)
        if self.trancount:
            self.temp_made.add(name)
        self.done_count(done_token, more_flag, 0)
        return True

    def check_temp_collation(self, table, columns):
        """A #table's text columns take tempdb's collation, which on many
        servers is not the database's; comparing them with the database's
        columns is then error 468. This endpoint plays such a server and
        refuses a text column of a #table without an explicit COLLATE."""
        for column in split_columns(columns):
            words = column.split()
            if len(words) < 2 or not re.match(r"(?i)n?(var)?char|n?text", words[1]):
                continue
            if not re.search(r"(?i)\bcollate\b", column):
                raise TdsError(468, 'Cannot resolve the collation conflict between "SQL_Latin1_General_CP1_CI_AS" '
                               'and "Latin1_General_CI_AS" in the equal to operation. (column %s of #%s has '
                               "tempdb's collation; this endpoint wants COLLATE DATABASE_DEFAULT)"
                               % (words[0], table))

    def translate(self, e):
        msg = str(e)
        if "no such table" in msg:
            return TdsError(208, "Invalid object name '%s'." % msg.split(":")[-1].strip())
        if "no such column" in msg:
            return TdsError(207, "Invalid column name '%s'." % msg.split(":")[-1].strip())
        if "syntax error" in msg:
            return TdsError(102, "Incorrect syntax: %s" % msg)
        if "UNIQUE constraint" in msg:
            return TdsError(2627, "Violation of PRIMARY KEY constraint: %s" % msg, 14)
        if "CHECK constraint failed" in msg:
            table = re.search(r'"#?(\w+)"', self.last_text or "")
            return TdsError(547, 'The INSERT statement conflicted with the CHECK constraint on table "#%s".'
                            % (table.group(1) if table else "?"))
        if "already exists" in msg:
            return TdsError(2714, "There is already an object named '%s' in the database." % msg.split()[1])
        return TdsError(50000, msg)

    def sql_batch(self, data):
        text = data[struct.unpack_from("<I", data, 0)[0]:].decode("utf-16-le")
        self.bound = {}
        try:
            self.run_items(group_blocks(split_statements(text)), True, False)
            self.done(T_DONE, DONE_FINAL)
        except (TdsError, LockError) as e:
            self.fail_request(e, T_DONE)
        self.flush()

    def fail_request(self, e, token):
        # A deadlock victim's transaction is gone; with XACT_ABORT ON any
        # error rolls the whole transaction back, as on SQL Server.
        if self.trancount and (e.number == 1205 or self.xact_abort):
            self.rollback()
        self.log("ERROR %d %s" % (e.number, e.message))
        self.error(e.number, e.message, e.severity)
        self.done(token, DONE_ERROR)

    # ---- RPC -----------------------------------------------------------
    def read_value(self, data, pos):
        """TYPE_INFO and value of one parameter: returns (type name, value, pos)."""
        ty = data[pos]
        pos += 1
        if ty in (TY_INTN, TY_BITN):
            pos += 1                                  # max length
            length = data[pos]
            pos += 1
            if length == 0:
                return "int", None, pos
            return "int", int.from_bytes(data[pos:pos + length], "little", signed=True), pos + length
        fixed = {TY_INT1: 1, TY_INT2: 2, TY_INT4: 4, TY_INT8: 8, TY_BIT: 1}
        if ty in fixed:
            n = fixed[ty]
            return "int", int.from_bytes(data[pos:pos + n], "little", signed=True), pos + n
        if ty in (TY_NVARCHAR, TY_NCHAR, TY_VARCHAR, TY_CHAR):
            maxlen = struct.unpack_from("<H", data, pos)[0]
            pos += 2 + 5                              # max length, collation
            wide = ty in (TY_NVARCHAR, TY_NCHAR)
            name = "nvarchar" if wide else "varchar"
            if maxlen == 0xFFFF:                      # PLP (MAX)
                total = struct.unpack_from("<Q", data, pos)[0]
                pos += 8
                if total == 0xFFFFFFFFFFFFFFFF:
                    return name, None, pos
                raw = bytearray()
                while True:
                    chunk = struct.unpack_from("<I", data, pos)[0]
                    pos += 4
                    if chunk == 0:
                        break
                    raw += data[pos:pos + chunk]
                    pos += chunk
            else:
                length = struct.unpack_from("<H", data, pos)[0]
                pos += 2
                if length == 0xFFFF:
                    return name, None, pos
                if maxlen > 8000 or length > 8000:
                    # Non-MAX character data holds at most 8,000 bytes; SQL
                    # Server refuses the whole RPC (longer needs (MAX), PLP).
                    raise RpcTooLong(ty)
                raw = data[pos:pos + length]
                pos += length
            return name, raw.decode("utf-16-le" if wide else "latin-1"), pos
        raise TdsError(8016, "The incoming RPC has a parameter of type 0x%02X this endpoint does not support." % ty)

    def rpc(self, data):
        pos = struct.unpack_from("<I", data, 0)[0]
        namelen = struct.unpack_from("<H", data, pos)[0]
        pos += 2
        if namelen == 0xFFFF:
            procid = struct.unpack_from("<H", data, pos)[0]
            pos += 2
            proc = {10: "sp_executesql"}.get(procid, "proc#%d" % procid)
        else:
            proc = data[pos:pos + 2 * namelen].decode("utf-16-le")
            pos += 2 * namelen
        pos += 2                                      # option flags
        params = []
        try:
            while pos < len(data) and data[pos] not in (0x80, 0xFF):
                nlen = data[pos]
                pname = data[pos + 1:pos + 1 + 2 * nlen].decode("utf-16-le")
                pos += 1 + 2 * nlen + 1               # name, status flags
                try:
                    ty, value, pos = self.read_value(data, pos)
                except RpcTooLong as e:
                    raise TdsError(8016, 'The incoming tabular data stream (TDS) remote procedure call (RPC) '
                                   'protocol stream is incorrect. Parameter %d ("%s"): Data type 0x%02X has an '
                                   'invalid data length or metadata length.' % (len(params) + 1, pname, e.ty))
                params.append((pname, ty, value))
            if len(params) > 2100:
                raise TdsError(8003, "The incoming request has too many parameters. The server supports a "
                               "maximum of 2100 parameters. Reduce the number of parameters and resend the request.")
        except TdsError as e:
            self.log("RPC %s refused: %d" % (proc, e.number))
            self.fail_request(e, T_DONEPROC)
            self.flush()
            return
        self.log("RPC %s %s" % (proc, " ".join("%s:%s" % (n or "?", t) for n, t, _ in params)))
        self.log("  values " + repr([v for _, _, v in params[2:]])[:300])
        try:
            if proc.lower() == "sp_executesql":
                self.executesql(params)
            else:
                self.bound = {}
                self.call_procedure(proc, [v for _, _, v in params], 0, False)
                self.out += bytes([T_RETURNSTATUS]) + struct.pack("<i", 0)
                self.done(T_DONEPROC, DONE_FINAL)
        except (TdsError, LockError) as e:
            self.fail_request(e, T_DONEPROC)
        self.flush()

    def executesql(self, params):
        if not params or params[0][1] != "nvarchar":
            raise TdsError(214, "Procedure expects parameter '@statement' of type 'ntext/nchar/nvarchar'.")
        if len(params) > 1 and params[1][1] != "nvarchar":
            raise TdsError(214, "Procedure expects parameter '@params' of type 'ntext/nchar/nvarchar'.")
        stmt = params[0][2]
        bound = {}
        declared = re.findall(r"@(\w+)", params[1][2]) if len(params) > 1 else []
        for name, _, value in params[2:]:
            if name.lstrip("@").lower() not in (d.lower() for d in declared):
                raise TdsError(8144, "Procedure or function sp_executesql has too many arguments specified.")
            bound[name.lstrip("@")] = value
        for d in declared:
            if d not in bound:
                raise TdsError(8178, "The parameterized query '(%s' expects the parameter '@%s', which was "
                               "not supplied." % (params[1][2][:80], d))
        self.bound = bound
        outer_temps = set(self.temp_tables)
        try:
            self.run_items(group_blocks(split_statements(stmt)), True, True)
        finally:
            # A #table made inside sp_executesql goes when its scope ends.
            for name in self.temp_tables - outer_temps:
                self.drop_temp(name)
        self.out += bytes([T_RETURNSTATUS]) + struct.pack("<i", 0)
        self.done(T_DONEPROC, DONE_FINAL)

    def call_procedure(self, name, args, more_flag, in_batch):
        self.server.rules.check("EXEC " + name)
        proc = PROCEDURES.get(name.lower())
        if proc is None:
            raise TdsError(2812, "Could not find stored procedure '%s'." % name)
        outer = self.bound
        self.bound = dict(outer, **{"p%d" % i: v for i, v in enumerate(args)})
        try:
            count = tds_locks.execute(self, "; ".join(proc),
                                      lambda db: sum(max(self.sqlite(db, st).rowcount, 0) for st in proc))
        finally:
            self.bound = outer
        if in_batch:
            self.done(T_DONEINPROC, more_flag | DONE_COUNT, count)

    # ---- loop ----------------------------------------------------------
    def serve(self):
        while True:
            ptype, data = self.read_message()
            if ptype is None:
                break
            # One request, one round trip: what a real server charges for.
            self.log("REQUEST %s" % {PT_SQL_BATCH: "batch", PT_RPC: "rpc", PT_LOGIN7: "login",
                                            PT_PRELOGIN: "prelogin"}.get(ptype, "other"))
            if ptype == PT_PRELOGIN:
                self.prelogin(data)
            elif ptype == PT_LOGIN7:
                if not self.login(data):
                    break
            elif ptype == PT_SQL_BATCH:
                self.sql_batch(data)
            elif ptype == PT_RPC:
                self.rpc(data)
            elif ptype == PT_ATTENTION:
                self.done(T_DONE, DONE_ATTN)
                self.flush()
        if self.trancount:
            self.rollback()
        self.db.close()


# The procedures, as the statements they run (@p0: the first argument),
# each call one statement for the locks: what it touches is what they do.
PROCEDURES = {
    "rtcpdeletehomedresourcetransaction": [
        "DELETE FROM HomedResource WHERE ResourceId = @p0",
        "DELETE FROM ContactGroupAssoc WHERE OwnerId = @p0",
        "DELETE FROM Contact WHERE OwnerId = @p0",
        "DELETE FROM ContactGroup WHERE OwnerId = @p0",
        "DELETE FROM Container WHERE OwnerId = @p0"],
    "rtcpdeleteconferenceparticipantbyenterpriseid": [],
    "rtcdeleteresource": ["DELETE FROM Resource WHERE ResourceId = @p0"],
}


class RpcTooLong(Exception):
    """A non-MAX character parameter over 8,000 bytes (SQL Server: 8016)."""
    def __init__(self, ty):
        super().__init__(ty)
        self.ty = ty


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, args):
        self.args = args
        self.rules = Rules(args.fail)
        self.sessions = 0             # connections open now
        self.spids = 50               # the last session id given
        self.started = int(time.time() * 1000) % 1000000000
        self.logfile = open(args.log, "a", buffering=1) if args.log else None
        self.prepare_database()
        super().__init__(("127.0.0.1", args.port), Handler)

    def next_spid(self):
        with LOCK:
            self.spids += 1
            return self.spids

    def log(self, line):
        if self.logfile:
            with LOCK:
                self.logfile.write(line + "\n")

    def prepare_database(self):
        db = sqlite3.connect(self.args.db, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        for path in (self.args.schema, self.args.data):
            if path:
                with open(path) as f:
                    db.executescript(f.read())
        # What transactions open when the endpoint was killed had changed
        # goes back, as SQL Server's recovery rolls them back.
        tds_locks.create_undo_table(db)
        self.catalog = tds_locks.Catalog(db)
        self.locks = tds_locks.Locks(self.catalog)
        tds_locks.undo(db, self.catalog)
        # The catalog views SQL Server has, as tables in a side database.
        self.catalog_path = self.args.db + ".catalog"
        cat = sqlite3.connect(self.catalog_path, isolation_level=None)
        cat.executescript("""
            DROP TABLE IF EXISTS TABLES; DROP TABLE IF EXISTS COLUMNS;
            CREATE TABLE TABLES (TABLE_CATALOG TEXT, TABLE_SCHEMA TEXT, TABLE_NAME TEXT, TABLE_TYPE TEXT);
            CREATE TABLE COLUMNS (TABLE_CATALOG TEXT, TABLE_SCHEMA TEXT, TABLE_NAME TEXT,
                                  COLUMN_NAME TEXT, ORDINAL_POSITION INTEGER, DATA_TYPE TEXT);""")
        self.types = {}
        self.sizes = {}
        for table in sorted(self.catalog.names.values()):
            cat.execute("INSERT INTO TABLES VALUES ('rtc','dbo',?,'BASE TABLE')", (table,))
            for cid, col, decl, *_ in db.execute("PRAGMA table_info(%s)" % table):
                dtype = "int" if "INT" in (decl or "").upper() else "nvarchar"
                m = re.search(r"\((\d+)\)", decl or "")
                self.sizes.setdefault(col.lower(), 2 * int(m.group(1)) if m else 8000)
                cat.execute("INSERT INTO COLUMNS VALUES ('rtc','dbo',?,?,?,?)", (table, col, cid + 1, dtype))
                self.types.setdefault(col.lower(), "int" if dtype == "int" else "str")
        cat.close()
        db.close()

    def column_type(self, name):
        return self.types.get(name.lower(), "str")

    def column_size(self, name):
        """Bytes an NVARCHAR result column is declared with: the schema's
        size for a known column name, else nvarchar(4000)."""
        return self.sizes.get(name.lower(), 8000)


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        # OPEN and CLOSE bracket each connection in the log: a client killed
        # mid-request leaves the server finishing it, as SQL Server does,
        # and a test waits for CLOSE before it reads the server's state.
        self.server.log("OPEN")
        with LOCK:
            self.server.sessions += 1
        session = None
        try:
            session = Session(self.server, self.request)
            session.serve()
        except (ConnectionError, OSError):
            pass
        finally:
            if session:
                session.write_log()
            with LOCK:
                self.server.sessions -= 1
            self.server.log("CLOSE")


def main():
    p = argparse.ArgumentParser(description="TDS 7.4 test endpoint on SQLite (test equipment)")
    p.add_argument("--db", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--schema")
    p.add_argument("--data")
    p.add_argument("--fail", action="append")
    p.add_argument("--databases", default="rtc,rtclocal")
    p.add_argument("--log")
    p.add_argument("--windows-account", help="DOMAIN\\user whose Windows (NTLMv2) login succeeds, with --password")
    p.add_argument("--windows-only", action="store_true", help="refuse SQL logins (18452)")
    p.add_argument("--max-connections", type=int, default=0,
                   help="refuse logins beyond N open connections (17809), as SQL Server's user connections")
    args = p.parse_args()
    try:
        server = Server(args)
    except OSError as e:
        print("cannot listen on 127.0.0.1:%d: %s" % (args.port, e), file=sys.stderr)
        return 69
    print("ready %d" % args.port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
