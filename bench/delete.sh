#!/bin/sh
# delete.sh - ucmig-delete of USERS users (default 5,000, 10 contacts
# each) on two databases (two TDS test endpoints: a back end and a Front
# End) in one run: users per second per database, and peak RSS. Every
# user's data must be gone and every Resource row still there afterwards.
# The interlocks' own costs (AD lookups: see disable.sh) are left out
# with --skip-ad-check --no-backup --min-age 0.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
users=${USERS:-5000}
work=${BENCH_WORK:-$top/bench/work}/delete
rm -rf "$work" && mkdir -p "$work"
cd "$work"
TDS_SERVERS_DIR=$top/tests/servers
. "$top/tests/servers/tds.sh"
stop_all() { TDS_DIR=$work/be; tds_stop; TDS_DIR=$work/fe; tds_stop; }
trap stop_all EXIT

sh "$top/tests/servers/gen-rtc.sh" "$users" 10 >data.sql
TDS_PORT= ; tds_start "$work/be" --data data.sql; BE=$TDS_PORT
TDS_PORT= ; tds_start "$work/fe" --data data.sql; FE=$TDS_PORT
printf '[backend]\nhost = 127.0.0.1\nport = %s\n[fe1]\nhost = 127.0.0.1\nport = %s\n' "$BE" "$FE" >pool.ini
seq -f "sip:user%05g@example.com" 1 "$users" >users.txt

t0=$(date +%s.%N)
/usr/bin/time -f '%M' -o rss.txt "$top/build/ucmig-delete" -q --no-progress --skip-ad-check --no-backup \
	--min-age 0 --topology pool.ini --db-user "$TDS_USER" --db-password-file "$TDS_PWFILE" \
	--journal delete.journal --report report.csv users.txt
t1=$(date +%s.%N)
for db in be fe; do
	left=$(/usr/bin/python3 -c "import sqlite3, sys; d = sqlite3.connect(sys.argv[1]); print(d.execute('SELECT COUNT(*) FROM HomedResource').fetchone()[0], d.execute('SELECT COUNT(*) FROM Resource').fetchone()[0])" "$work/$db/rtc.db")
	[ "$left" = "0 $users" ] || { echo "bench: $db has (homed, resources) = $left" >&2; exit 1; }
done
trips=$(cat "$work/be/endpoint.log" "$work/fe/endpoint.log" | grep -c '^REQUEST \(batch\|rpc\)')
echo "# requests (round trips) on both databases: $trips, $(awk -v t="$trips" -v n="$users" 'BEGIN { printf "%.2f", t / (2 * n) }') per user and database"
awk -v a="$t0" -v b="$t1" -v n="$users" -v rss="$(cat rss.txt)" 'BEGIN {
	s = b - a
	printf "# ucmig-delete: %d users on 2 databases (%d transactions)\n", n, 2 * n
	# The databases are done one after the other.
	printf "%.2f s: %.0f transactions/s (each database in turn at that many users/s), %.0f users/s through both; peak RSS %.1f MiB\n",
		s, 2 * n / s, n / s, rss / 1024 }'
