"""tds_locks.py - SQL Server's transactions at READ COMMITTED, over SQLite,
for the TDS test endpoint (tds_endpoint.py).

TEST EQUIPMENT. SQLite lets one connection write at a time and keeps the
file locked until it commits; SQL Server locks rows, and connections
interleave. A stand-in that ran one transaction at a time hid a race
that stopped ucmig-delete on a real server (issue 27), so this one runs
transactions the way SQL Server does at its default isolation:

  - Every statement runs on the shared database at once and is visible
    to the next statement of any connection: a transaction's changes are
    written through, each statement in its own SQLite transaction, with
    a before-image of every row it changes in ucmig_endpoint_undo (temp
    triggers on the connection; the same SQLite transaction as the
    change, so a killed endpoint loses neither). COMMIT forgets the
    session's images; ROLLBACK, a lost connection or a restart after a
    kill puts them back, newest first.
  - Isolation is by locks, as on SQL Server. A changed row is locked
    exclusively (X) until the transaction ends. A statement that reads
    or changes rows blocks while another transaction holds X on a row it
    would touch: the rows an index seek reaches (a column = value, or IN
    a list of values, on a column an index or key of the table starts
    with), else every row of the table (a scan). So an uncommitted change
    is never read; it is waited for. A read's own locks (S) end with the
    statement (READ COMMITTED), except under WITH (HOLDLOCK) or
    (SERIALIZABLE) in a transaction: then the range it read stays locked
    until the transaction ends, and another transaction's insert, update
    or delete of a row in that range waits for it. WITH (NOLOCK) reads
    what is there.
  - A new row whose key another transaction holds (it deleted the row,
    not yet committed) waits for that transaction, as a key lock makes
    it wait on SQL Server.
  - Waiting sessions form a graph; a cycle is a deadlock: the session in
    it with the least to roll back (the fewest changed rows; the one
    asking, on a tie) is the victim, its transaction rolled back and its
    request answered 1205, as SQL Server's lock monitor does, and as late:
    it looks every 5 s, every 100 ms for 10 s after it found one. A lock
    waited for longer than LOCK_WAIT_MAX seconds is 1222 (SQL Server
    waits for ever by default; a stand-in that hung would hide nothing
    more, and tells the test why).

Stricter than SQL Server where the reading of a statement cannot be sure:
an OR anywhere, a join on columns, a table with no usable condition, all
touch the whole table. DDL is not undone by a rollback; #tables (private
to a connection) take no locks.

Less concurrent than SQL Server in one respect, which no test may lean
on: a statement runs whole, alone (one SQLite connection at a time), so
no other connection's commit lands between the rows one statement reads,
as it can on SQL Server at READ COMMITTED (a row's S lock ends when the
row is read). Races between statements are what this endpoint shows;
one inside a statement needs its reads held (HOLDLOCK) on SQL Server,
as the delete guard's are. Not modelled either: lock escalation (SQL
Server locks a whole table once a statement holds about 5,000 locks of
it), which would only make a real server wait more.
"""

import json
import re
import threading
import time

# One statement on the storage at a time, and the waits for locks.
ENGINE = threading.Condition(threading.RLock())
LOCK_WAIT_MAX = 120.0
DEADLOCK_MONITOR_S = 5.0
UNDO_TABLE = "ucmig_endpoint_undo"


class LockError(Exception):
    def __init__(self, number, message, severity):
        super().__init__(message)
        self.number, self.message, self.severity = number, message, severity


def norm(value):
    """Values as the database's collation compares them: without case."""
    return value.lower() if isinstance(value, str) else value


class Catalog:
    """The main database's tables as the lock manager sees them: columns,
    the columns an index can seek on, and the keys a new row may collide on."""

    def __init__(self, db):
        self.names, self.columns, self.seek, self.keys = {}, {}, {}, {}
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> ?",
                                   (UNDO_TABLE,)):
            t = table.lower()
            info = db.execute('PRAGMA table_info("%s")' % table).fetchall()
            cols = [r[1].lower() for r in info]
            self.names[t], self.columns[t] = table, cols
            pk = [r[1].lower() for r in sorted(info, key=lambda r: r[5]) if r[5]]
            seek, keys = set(), []
            if pk:
                seek.add(pk[0])
                keys.append(tuple(cols.index(c) for c in pk))
            for _, index, unique, *_ in db.execute('PRAGMA index_list("%s")' % table):
                icols = [r[2].lower() for r in db.execute('PRAGMA index_info("%s")' % index)]
                if icols and icols[0]:
                    seek.add(icols[0])
                    if unique:
                        keys.append(tuple(cols.index(c) for c in icols))
            self.seek[t], self.keys[t] = seek, keys

    def table(self, word):
        """The table a word of SQL names ([dbo].[Contact], rtc.dbo.Contact), or None."""
        name = re.sub(r'[\[\]"]', "", word).split(".")[-1].lower()
        return name if name in self.names else None


# ---- what a statement touches ---------------------------------------------

NOT_ALIAS = ("where|with|set|on|inner|left|right|cross|outer|full|join|output|values|from|select|order|"
             "group|having|union|in|and|or|not|exists|top")
TABLE_REF = re.compile(r'(?i)\b(from|join|into|update|delete(?:\s+top\s*\(\s*\d+\s*\))?(?:\s+from)?)\s+'
                       r'((?:[\[\]"\w]+\.)*[\[\]"\w]+)'
                       r'(?:\s+(?:as\s+)?(?!(?:%s)\b)(\w+))?'
                       r'(\s+with\s*\(\s*[\w\s,]+\))?' % NOT_ALIAS)
EQUALS = re.compile(r"(?i)(?:(\w+)\.)?\[?(\w+)\]?\s*=\s*(@\w+|-?\d+\b|N?'(?:[^']|'')*')")
IN_LIST = re.compile(r"(?i)(?:(\w+)\.)?\[?(\w+)\]?\s+in\s*\(\s*((?:@\w+|-?\d+|N?'(?:[^']|'')*')"
                     r"(?:\s*,\s*(?:@\w+|-?\d+|N?'(?:[^']|'')*'))*)\s*\)")
HINTS = re.compile(r"(?i)\bwith\s*\(\s*((?:nolock|holdlock|serializable|updlock|rowlock|readcommitted|"
                   r"readcommittedlock|readuncommitted|repeatableread|paglock|tablock)"
                   r"(?:\s*,\s*(?:nolock|holdlock|serializable|updlock|rowlock|readcommitted|readcommittedlock|"
                   r"readuncommitted|repeatableread|paglock|tablock))*)\s*\)")


WRITE_WORD = re.compile(r"(?i)\b(insert|update|delete|merge|truncate)\b")


def strip_hints(sql):
    """The statement without SQL Server's table hints, for SQLite."""
    return HINTS.sub("", sql)


def literal(text, params):
    if text.startswith("@"):
        return norm(params.get(text[1:]))
    if text[0] in "'N":
        return norm(text[text.index("'") + 1:-1].replace("''", "'"))
    return int(text)


class Access:
    """What one statement touches: per table a list of (column index,
    value) any of which a row must match, or None for every row; the
    tables read under HOLDLOCK and under NOLOCK."""

    PLANS = {}                  # statement text -> its plan (values unbound)

    def __init__(self, catalog, sql, params):
        plan = Access.PLANS.get(sql)
        if plan is None:
            plan = Access.plan(catalog, sql)
            if len(Access.PLANS) < 10000:
                Access.PLANS[sql] = plan
        tables, self.holdlock, self.nolock = plan
        self.tables = {t: None if conds is None else [(i, literal(v, params)) for i, v in conds]
                       for t, conds in tables.items()}

    @staticmethod
    def plan(catalog, sql):
        """The tables, each with its seek conditions as (column index,
        value text) or None for a scan; the HOLDLOCK and NOLOCK tables."""
        tables, holdlock, nolock, aliases = {}, set(), set(), {}
        for verb, word, alias, hint in TABLE_REF.findall(sql):
            t = catalog.table(word)
            if t is None or verb.lower() == "into":
                continue                # INSERT INTO t reads no row of t: its new rows are checked as written
            tables.setdefault(t, [])
            aliases[t] = t
            if alias:
                aliases[alias.lower()] = t
            hint = hint.lower()
            if "holdlock" in hint or "serializable" in hint or "repeatableread" in hint:
                holdlock.add(t)
            if "nolock" in hint or "readuncommitted" in hint:
                nolock.add(t)
        if not tables or re.search(r"(?i)\bor\b", sql):
            return dict.fromkeys(tables), holdlock, nolock       # an OR: every row, a scan
        conds = [(q, c, [v]) for q, c, v in EQUALS.findall(sql)]
        conds += [(q, c, re.findall(r"@\w+|-?\d+|N?'(?:[^']|'')*'", vs)) for q, c, vs in IN_LIST.findall(sql)]
        for qual, col, values in conds:
            col = col.lower()
            targets = [aliases.get(qual.lower())] if qual else list(tables)
            for t in targets:
                if t in tables and col in catalog.seek[t]:
                    index = catalog.columns[t].index(col)
                    tables[t] += [(index, v) for v in values]
        return {t: conds or None for t, conds in tables.items()}, holdlock, nolock

    @staticmethod
    def matches(pred, row):
        return row is not None and (pred is None or any(row[i] == v for i, v in pred))


# ---- the lock manager -------------------------------------------------------

class Locks:
    """Who holds what; all under ENGINE."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.x = {}            # table -> {rowid: [session, old row, new row]}
        self.ranges = {}       # table -> [(session, pred)]
        self.waiting = {}      # session -> set of sessions it waits for
        self.victims = set()
        self.last_deadlock = -60.0

    # -- conflicts --
    def read_blockers(self, session, access):
        out = set()
        for t, pred in access.tables.items():
            if t in access.nolock:
                continue
            for owner, old, new in self.x.get(t, {}).values():
                if owner is not session and (Access.matches(pred, old) or Access.matches(pred, new)):
                    out.add(owner)
        return out

    def write_blockers(self, session, written):
        out = set()
        for t, rowid, old, new in written:
            held = self.x.get(t, {})
            other = held.get(rowid)
            if other and other[0] is not session:
                out.add(other[0])
            for owner, pred in self.ranges.get(t, []):
                if owner is not session and (Access.matches(pred, old) or Access.matches(pred, new)):
                    out.add(owner)
            if new is not None:
                for key in self.catalog.keys.get(t, []):
                    mine = tuple(new[i] for i in key)
                    for owner, o, n in held.values():
                        if owner is not session and any(r is not None and tuple(r[i] for i in key) == mine
                                                        for r in (o, n)):
                            out.add(owner)
        return out

    # -- taking and letting go --
    def hold_rows(self, session, written):
        for t, rowid, old, new in written:
            held = self.x.setdefault(t, {})
            if rowid in held and held[rowid][0] is session:
                held[rowid][2] = new
            else:
                held[rowid] = [session, old, new]
            session.locked_rows += 1

    def hold_ranges(self, session, access):
        for t in access.holdlock:
            self.ranges.setdefault(t, []).append((session, access.tables[t]))

    def release(self, session):
        for held in self.x.values():
            for rowid in [r for r, v in held.items() if v[0] is session]:
                del held[rowid]
        for t, ranges in self.ranges.items():
            self.ranges[t] = [r for r in ranges if r[0] is not session]
        session.locked_rows = 0
        self.victims.discard(session)
        ENGINE.notify_all()

    # -- waiting --
    def monitor_interval(self):
        """SQL Server's lock monitor looks for cycles every 5 s, and every
        100 ms for a while after it found one."""
        return 0.1 if time.monotonic() - self.last_deadlock < 10 else DEADLOCK_MONITOR_S

    def wait(self, session, blockers, deadline, since):
        """Wait (ENGINE held) until something is let go; 1205 if this
        wait closes a cycle, the monitor has looked (since: when the
        statement began to wait), and this session is its victim."""
        self.waiting[session] = blockers
        session.log("LOCK WAIT for %s" % " ".join(sorted("spid %d" % b.spid for b in blockers)))
        now = time.monotonic()
        look_at = since + self.monitor_interval()
        cycle = self.cycle_through(session) if now >= look_at else None
        if cycle:
            self.last_deadlock = now
            victim = min(cycle, key=lambda s: (s.locked_rows, s is not session))
            if victim is session:
                del self.waiting[session]
                raise deadlock_victim(session)
            self.victims.add(victim)
            ENGINE.notify_all()
        left = deadline - now
        if left > 0:
            ENGINE.wait(min(left, look_at - now) if now < look_at else left)
        self.waiting.pop(session, None)
        if session in self.victims:
            self.victims.discard(session)
            raise deadlock_victim(session)
        if time.monotonic() >= deadline:
            raise LockError(1222, "Lock request time out period exceeded.", 16)

    def cycle_through(self, start):
        """The sessions of a wait-for cycle through start, or None."""
        path, seen = [start], set()

        def visit(s):
            for b in self.waiting.get(s, ()):
                if b is start:
                    return True
                if b not in seen:
                    seen.add(b)
                    path.append(b)
                    if visit(b):
                        return True
                    path.pop()
            return False
        return list(path) if visit(start) else None


def deadlock_victim(session):
    return LockError(1205, "Transaction (Process ID %d) was deadlocked on lock resources with another "
                     "process and has been chosen as the deadlock victim. Rerun the transaction."
                     % session.spid, 13)


# ---- the undo log -------------------------------------------------------------

def create_undo_table(db):
    db.execute("CREATE TABLE IF NOT EXISTS %s (seq INTEGER PRIMARY KEY, session TEXT, tbl TEXT, op TEXT, "
               "rid INTEGER, old TEXT, new TEXT)" % UNDO_TABLE)


def install_triggers(db, catalog, session_id):
    """Temp triggers on this connection that write each changed row's
    before-image (and after-image, for the locks) to the undo log."""
    db.execute("CREATE TEMP TABLE ucmig_logging (session TEXT, logging INTEGER)")
    db.execute("INSERT INTO temp.ucmig_logging VALUES (?, 1)", (session_id,))
    for t, real in catalog.names.items():
        cols = catalog.columns[t]
        old = "json_array(%s)" % ", ".join('old."%s"' % c for c in cols)
        new = "json_array(%s)" % ", ".join('new."%s"' % c for c in cols)
        for event, op, o, n, rid in (("DELETE", "D", old, "NULL", "old.rowid"),
                                     ("UPDATE", "U", old, new, "old.rowid"),
                                     ("INSERT", "I", "NULL", new, "new.rowid")):
            db.execute('CREATE TEMP TRIGGER "ucmig_undo_%s_%s" AFTER %s ON main."%s" '
                       "WHEN (SELECT logging FROM temp.ucmig_logging) BEGIN "
                       "INSERT INTO %s (session, tbl, op, rid, old, new) VALUES "
                       "((SELECT session FROM temp.ucmig_logging), '%s', '%s', %s, %s, %s); END"
                       % (t, op, event, real, UNDO_TABLE, t, op, rid, o, n))


def rows_of(text):
    return None if text is None else [norm(v) for v in json.loads(text)]


def written_since(db, session_id, seq):
    """(table, rowid, old row, new row) of each change since seq, and the last seq."""
    out = []
    for s, t, rid, old, new in db.execute("SELECT seq, tbl, rid, old, new FROM %s WHERE session = ? AND seq > ? "
                                          "ORDER BY seq" % UNDO_TABLE, (session_id, seq)):
        out.append((t, rid, rows_of(old), rows_of(new)))
        seq = s
    return out, seq


def undo(db, catalog, session_id=None):
    """Put back what the session (every session: None) changed, newest
    first, and forget it; one SQLite transaction."""
    where, args = ("WHERE session = ?", (session_id,)) if session_id else ("", ())
    db.execute("BEGIN")
    try:
        logging = db.execute("SELECT name FROM sqlite_temp_master WHERE name = 'ucmig_logging'").fetchone()
        if logging:
            db.execute("UPDATE temp.ucmig_logging SET logging = 0")
        for t, op, rid, old in db.execute("SELECT tbl, op, rid, old FROM %s %s ORDER BY seq DESC"
                                          % (UNDO_TABLE, where), args).fetchall():
            real, cols = catalog.names[t], catalog.columns[t]
            if op == "I":
                db.execute('DELETE FROM main."%s" WHERE rowid = ?' % real, (rid,))
            elif op == "D":
                db.execute('INSERT INTO main."%s" (rowid, %s) VALUES (?, %s)'
                           % (real, ", ".join('"%s"' % c for c in cols), ", ".join("?" * len(cols))),
                           [rid] + json.loads(old))
            else:
                db.execute('UPDATE main."%s" SET %s WHERE rowid = ?'
                           % (real, ", ".join('"%s" = ?' % c for c in cols)), json.loads(old) + [rid])
        db.execute("DELETE FROM %s %s" % (UNDO_TABLE, where), args)
        if logging:
            db.execute("UPDATE temp.ucmig_logging SET logging = 1")
        db.execute("COMMIT")
    except Exception:
        db.execute("ROLLBACK")
        raise


def forget(db, session_id):
    db.execute("DELETE FROM %s WHERE session = ?" % UNDO_TABLE, (session_id,))


# ---- one statement ---------------------------------------------------------------

def execute(session, sql, run):
    """Run one statement of session (tds_endpoint.Session) under the locks:
    sql is its T-SQL (for what it touches), run(db) runs it on SQLite and
    returns what the caller needs. A statement that changes rows runs in a
    SQLite savepoint and is taken back if its rows are another
    transaction's; then it waits, and runs again."""
    server = session.server
    locks, catalog, db = server.locks, server.catalog, session.db
    access = Access(catalog, sql, session.bound)
    deadline = time.monotonic() + LOCK_WAIT_MAX
    since = None
    # A change anywhere in the statement (WITH ... DELETE, INSERT ... SELECT)
    # takes the path that checks its rows; a read that changed rows all
    # the same is refused below rather than let through unlocked.
    writes = bool(WRITE_WORD.search(sql))
    with ENGINE:
        while True:
            if session in locks.victims:
                locks.victims.discard(session)
                raise deadlock_victim(session)
            blockers = locks.read_blockers(session, access)
            if not blockers and not writes:
                result = run(db)
                if written_since(db, session.sid, session.undo_seq)[0]:
                    raise LockError(50000, "endpoint: a statement changed rows without a word that says "
                                    "so (tds_locks.WRITE_WORD); teach the endpoint", 16)
                if session.trancount:
                    locks.hold_ranges(session, access)
                return result
            if not blockers:
                db.execute("SAVEPOINT ucmig_statement")
                try:
                    result = run(db)
                    written, seq = written_since(db, session.sid, session.undo_seq)
                    blockers = locks.write_blockers(session, written)
                except BaseException:
                    db.execute("ROLLBACK TO ucmig_statement")
                    db.execute("RELEASE ucmig_statement")
                    raise
                if not blockers:
                    if session.trancount:
                        locks.hold_rows(session, written)
                        locks.hold_ranges(session, access)
                        session.undo_seq = seq
                    else:
                        forget(db, session.sid)           # its own transaction, committed
                    db.execute("RELEASE ucmig_statement")
                    return result
                db.execute("ROLLBACK TO ucmig_statement")
                db.execute("RELEASE ucmig_statement")
            since = since or time.monotonic()
            locks.wait(session, blockers, deadline, since)


def commit(session):
    with ENGINE:
        forget(session.db, session.sid)
        session.undo_seq = 0
        session.server.locks.release(session)


def rollback(session):
    with ENGINE:
        undo(session.db, session.server.catalog, session.sid)
        session.undo_seq = 0
        session.server.locks.release(session)
