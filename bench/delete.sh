#!/bin/sh
# delete.sh - ucmig-delete against what an administrator would run, in
# one run: USERS users (default 5,000, 10 contacts each) on two databases
# (two TDS test endpoints: a back end and a Front End), every contender
# sending the same per-user transaction (ucmig-delete's own, taken from
# the endpoint's log, with the ResourceId written in), one round trip
# each:
#   (a) a sequential script: one bsqldb per database, one database after
#       the other, one transaction per user (handed the ResourceIds);
#   (b) the servers' capacity: 4 bsqldb per database on disjoint slices,
#       all 8 at once;
#   (c) ucmig-delete: resolving, journal, every database at once through
#       --parallel 4 connections each, report.
# Each contender starts from fresh databases and is checked afterwards:
# no user homed, every Resource row there, one COMMIT per user and
# database. Then (a) to (c) again with a latency link (LINK_MS, default
# 1, each way) before each database. The interlocks' own costs (AD
# look-ups: see disable.sh) are left out with --skip-ad-check
# --no-backup --min-age 0. DELETE_ARGS adds options to ucmig-delete's
# (--parallel 8, say).
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
	link_stop "$work/link-be"; link_stop "$work/link-fe"
	TDS_DIR=$work/be; tds_stop; TDS_DIR=$work/fe; tds_stop
}
trap stop_all EXIT

sh "$top/tests/servers/gen-rtc.sh" "$users" 10 >data.sql
seq -f "sip:user%05g@example.com" 1 "$users" >users.txt

# Fresh databases; BE and FE: the ports the contenders use (the links'
# when via_link is set).
fresh() {
	stop_all
	rm -rf "$work/be" "$work/fe"
	TDS_PORT= ; tds_start "$work/be" --data data.sql; BE=$TDS_PORT
	TDS_PORT= ; tds_start "$work/fe" --data data.sql; FE=$TDS_PORT
	if [ -n "${via_link:-}" ]; then
		link_start "$work/link-be" "$BE" "$link_ms"; BE=$LINK_PORT
		link_start "$work/link-fe" "$FE" "$link_ms"; FE=$LINK_PORT
	fi
	printf '[backend]\nhost = 127.0.0.1\nport = %s\n[fe1]\nhost = 127.0.0.1\nport = %s\n' "$BE" "$FE" >pool.ini
}

check() {
	for db in be fe; do
		left=$(/usr/bin/python3 -c "import sqlite3, sys; d = sqlite3.connect(sys.argv[1]); print(d.execute('SELECT COUNT(*) FROM HomedResource').fetchone()[0], d.execute('SELECT COUNT(*) FROM Resource').fetchone()[0])" "$work/$db/rtc.db")
		commits=$(grep -c '^SQL COMMIT TRANSACTION' "$work/$db/endpoint.log" || true)
		[ "$left $commits" = "0 $users $users" ] ||
			{ echo "bench: $db has (homed, resources, commits) = $left $commits" >&2; exit 1; }
	done
}

ucmig() {
	rm -f delete.journal
	/usr/bin/time -f '%M %U %S' -o rss.txt "$top/build/ucmig-delete" -q --no-progress --skip-ad-check \
		--no-backup --min-age 0 --topology pool.ini --db-user "$TDS_USER" \
		--db-password-file "$TDS_PWFILE" --journal delete.journal --report report.csv ${DELETE_ARGS:-} users.txt
}

# The transaction as ucmig-delete sends it, from the endpoint's log of a
# one-user run: its statements, @id left in; the #tables it makes are
# dropped at the end (a language batch's #tables outlive it).
echo "sip:user00001@example.com" >one.txt
fresh
"$top/build/ucmig-delete" -q --no-progress --skip-ad-check --no-backup --min-age 0 --topology pool.ini \
	--db-user "$TDS_USER" --db-password-file "$TDS_PWFILE" --journal one.journal one.txt
awk '/^SQL SET XACT_ABORT ON$/ { keep = 1; n = 0 } keep && /^SQL / { s[n++] = substr($0, 5) }
	/^SQL COMMIT TRANSACTION$/ { keep = 0; out = ""; for (i = 0; i < n; i++) out = out (i ? "; " : "") s[i] }
	END { print out }' "$work/be/endpoint.log" >transaction.sql
drops=$(grep -o 'CREATE TABLE #[A-Za-z_]*' transaction.sql | sed 's/CREATE TABLE /DROP TABLE /' | paste -sd';' -)
[ -n "$drops" ] || { echo "bench: no transaction found in the endpoint's log" >&2; exit 1; }
# scripts: all.sql (every user), slice.0 .. slice.3 (every 4th user).
awk -v n="$users" -v drops="$drops" 'NR == 1 { t = $0 } END {
	for (i = 1; i <= n; i++) {
		b = t; gsub(/@id/, i, b)
		print b "; " drops "\ngo" > "all.sql"
		print b "; " drops "\ngo" > ("slice." (i % 4))
	}
}' transaction.sql

bsqldb_run() { # port script
	# (It says "@@rowcount not available" for every batch: errors are
	# checked on the databases afterwards.)
	bsqldb -S "127.0.0.1:$1" -U "$TDS_USER" -P "$TDS_PASSWORD" -D rtc -i "$2" -o /dev/null 2>>bsqldb.err
}

sequential() {
	bsqldb_run "$BE" all.sql
	bsqldb_run "$FE" all.sql
}

capacity() {
	pids=
	for port in "$BE" "$FE"; do
		for s in 0 1 2 3; do
			bsqldb_run "$port" "slice.$s" &
			pids="$pids $!"
		done
	done
	# Not a bare wait: the endpoints are this shell's children too.
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
	printf '%-54s %8ss %6.0f transactions/s\n' "$name" "$secs" "$(awk -v s="$secs" -v n="$users" 'BEGIN { print 2 * n / s }')"
	bench_keep "$name" "$secs"
}

# (a) to (c) once; $1 is "" (loopback) or "'" (link).
delete_round() {
	run "(a$1) bsqldb per database, one after the other" sequential
	run "(b$1) 4 x bsqldb per database, all at once (capacity)" capacity
	run "(c$1) ucmig-delete, every database at once" ucmig
	a=$(bench_seconds "(a$1)"); b=$(bench_seconds "(b$1)"); c=$(bench_seconds "(c$1)")
	read -r rss cpu_user cpu_sys <rss.txt
	echo "ucmig-delete is $(ratio "$a" "$c")x the sequential script and $(ratio "$b" "$c")x the capacity; peak RSS $(awk -v k="$rss" 'BEGIN { printf "%.1f MiB", k / 1024 }'), its own CPU $(awk -v u="$cpu_user" -v s="$cpu_sys" 'BEGIN { printf "%.2f s", u + s }')"
	eval "seq$2=\$(ratio \"\$a\" \"\$c\"); cap$2=\$(ratio \"\$b\" \"\$c\"); rss$2=\$rss"
}

echo "# ucmig-delete: $users users on 2 databases ($((2 * users)) transactions), $(nproc) cores"
delete_round "" _lo
echo "# the same through a latency link of $link_ms ms each way before each database"
via_link=1
delete_round "'" _link
via_link=
bench_row ucmig-delete "bsqldb script, a database at a time" "$seq_lo" "$seq_link" "$rss_link"
bench_row ucmig-delete "4 x bsqldb per database (capacity)" "$cap_lo" "$cap_link" "$rss_link"
