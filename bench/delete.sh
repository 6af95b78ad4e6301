#!/bin/sh
# delete.sh - ucmig-delete against what an administrator would run, on
# one database (a TDS test endpoint), USERS users (default 5,000, 10
# contacts each, each on the lists of the 10 before: a batch of
# colleagues):
#   (a) a sequential script: one bsqldb, one language batch per user
#       (look up the ResourceId, BEGIN TRANSACTION, the built-in
#       profile's delete statements, COMMIT), no guard: the script an
#       administrator would write (issue 27);
#   (b) the server's capacity: 4 such bsqldb on disjoint slices at once;
#   (c) ucmig-delete --parallel 4 (its default): resolving, the neighbour
#       reading, the Resource guard, journal, report;
#   (d) the same with --parallel 1, one transaction at a time as (a):
#       on this endpoint (Python, one interpreter lock) four connections
#       get less done than one, as (b) against (a) shows, which no real
#       server does; (d) against (a) is the like-for-like figure there.
# Each starts from a fresh database and is checked afterwards: no user
# homed, every Resource row there, one COMMIT per user. Then (a) to (c)
# again through a latency link (LINK_MS, default 1, each way).
#
# Next to the times, what a real server charges for, per user, read from
# the endpoint's log of each contender: requests (round trips),
# statements, and DDL statements. The endpoint's own cost per statement
# is Python's, not SQL Server's: the counts are what carries over.
# The interlocks' own costs (AD look-ups: see disable.sh) are left out
# with --skip-ad-check --no-backup --min-age 0. DELETE_ARGS adds options.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
users=${USERS:-5000}
work=${BENCH_WORK:-$top/bench/work}/delete
rm -rf "$work" && mkdir -p "$work"
cd "$work"
TDS_SERVERS_DIR=$top/tests/servers
TEST_DIRECTORY=$top/tests
. "$top/tests/servers/tds.sh"
. "$top/tests/servers/latency-link.sh"
. "$top/bench/lib.sh"
link_ms=${LINK_MS:-1}
export TDSVER=7.4
stop_all() {
	link_stop "$work/link"
	TDS_DIR=$work/db; tds_stop
}
trap stop_all EXIT

sh "$top/tests/servers/gen-rtc.sh" "$users" 10 >data.sql
seq -f "sip:user%05g@example.com" 1 "$users" >users.txt

# A fresh database; PORT: the one the contenders use (the link's when
# via_link is set).
fresh() {
	stop_all
	rm -rf "$work/db"
	TDS_PORT= ; tds_start "$work/db" --data data.sql; PORT=$TDS_PORT
	if [ -n "${via_link:-}" ]; then
		link_start "$work/link" "$PORT" "$link_ms"; PORT=$LINK_PORT
	fi
}

check() {
	left=$(/usr/bin/python3 -c "import sqlite3, sys; d = sqlite3.connect(sys.argv[1]); print(d.execute('SELECT COUNT(*) FROM HomedResource').fetchone()[0], d.execute('SELECT COUNT(*) FROM Resource').fetchone()[0])" "$work/db/rtc.db")
	commits=$(grep -c '^SQL COMMIT TRANSACTION' "$work/db/endpoint.log" || true)
	[ "$left $commits" = "0 $users $users" ] ||
		{ echo "bench: (homed, resources, commits) = $left $commits" >&2; exit 1; }
}

# Per user: requests, statements, DDL in the endpoint's log.
charges() {
	awk -v n="$users" '/^REQUEST (rpc|batch)/ { r++ } /^SQL / { s++ }
		/^SQL (CREATE|DROP|ALTER) / { d++ }
		END { printf "%.2f requests, %.2f statements, %.3f DDL a user", r / n, s / n, d / n }' "$work/db/endpoint.log"
}

ucmig() { # parallel
	rm -f delete.journal
	/usr/bin/time -f '%M %U %S' -o rss.txt "$top/build/ucmig-delete" -q --no-progress --skip-ad-check \
		--no-backup --min-age 0 --db-host 127.0.0.1 --db-port "$PORT" --db-user "$TDS_USER" \
		--db-password-file "$TDS_PWFILE" --journal delete.journal --report report.csv \
		--parallel "$1" ${DELETE_ARGS:-} users.txt
}

# The administrator's script: per user one batch, the built-in profile's
# [list delete] with @id looked up first. all.sql, slice.0 .. slice.3.
awk '/^\[list delete\]/ { on = 1; next } /^\[/ { on = 0 } on && /=/ { sub(/^[^=]*= */, ""); s = s $0 "; " }
	END { print s }' "$top/delete/profiles/rtc.profile" >steps.sql
awk -v n="$users" 'NR == 1 { steps = $0 } END {
	for (i = 1; i <= n; i++) {
		b = sprintf("DECLARE @id INT; SELECT @id = ResourceId FROM Resource WHERE UserAtHost = N'"'"'user%05d@example.com'"'"'; BEGIN TRANSACTION; %sCOMMIT TRANSACTION\ngo", i, steps)
		print b > "all.sql"
		print b > ("slice." (i % 4))
	}
}' steps.sql

bsqldb_run() { # script
	# (It says "@@rowcount not available" for every batch: errors are
	# checked on the database afterwards.)
	bsqldb -S "127.0.0.1:$PORT" -U "$TDS_USER" -P "$TDS_PASSWORD" -D rtc -i "$1" -o /dev/null 2>>bsqldb.err
}

sequential() {
	bsqldb_run all.sql
}

capacity() {
	pids=
	for s in 0 1 2 3; do
		bsqldb_run "slice.$s" &
		pids="$pids $!"
	done
	# Not a bare wait: the endpoint is this shell's child too.
	for p in $pids; do
		wait "$p"
	done
}

run() { # name command...
	name=$1
	shift
	fresh
	t0=$(now)
	"$@"
	t1=$(now)
	check
	secs=$(elapsed "$t0" "$t1")
	printf '%-50s %8ss %6.0f users/s  %s\n' "$name" "$secs" "$(awk -v s="$secs" -v n="$users" 'BEGIN { print n / s }')" "$(charges)"
	bench_keep "$name" "$secs"
}

# (a) to (c) once; $1 is "" (loopback) or "'" (link).
delete_round() {
	run "(a$1) bsqldb, the administrator's script" sequential
	run "(b$1) 4 x bsqldb on slices, at once (capacity)" capacity
	run "(d$1) ucmig-delete --parallel 1" ucmig 1
	run "(c$1) ucmig-delete --parallel 4 (default)" ucmig 4
	a=$(bench_seconds "(a$1)"); b=$(bench_seconds "(b$1)"); c=$(bench_seconds "(c$1)"); d=$(bench_seconds "(d$1)")
	read -r rss cpu_user cpu_sys <rss.txt
	echo "ucmig-delete is $(ratio "$a" "$c")x the sequential script and $(ratio "$b" "$c")x the capacity; with --parallel 1 $(ratio "$a" "$d")x the script; peak RSS $(awk -v k="$rss" 'BEGIN { printf "%.1f MiB", k / 1024 }'), its own CPU $(awk -v u="$cpu_user" -v s="$cpu_sys" 'BEGIN { printf "%.2f s", u + s }')"
	eval "seq$2=\$(ratio \"\$a\" \"\$c\"); cap$2=\$(ratio \"\$b\" \"\$c\"); one$2=\$(ratio \"\$a\" \"\$d\"); rss$2=\$rss"
}

echo "# ucmig-delete: $users users on one database, $(nproc) cores"
delete_round "" _lo
echo "# the same through a latency link of $link_ms ms each way"
via_link=1
delete_round "'" _link
via_link=
bench_row ucmig-delete "bsqldb, the administrator's script" "$seq_lo" "$seq_link" "$rss_link"
bench_row ucmig-delete "4 x bsqldb on slices (capacity)" "$cap_lo" "$cap_link" "$rss_link"
bench_row "ucmig-delete --parallel 1" "bsqldb, the administrator's script" "$one_lo" "$one_link" "$rss_link"
