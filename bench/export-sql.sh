#!/bin/sh
# export-sql.sh - ucmig-export from the back-end database against
# FreeTDS's own batch clients, in one run, on the TDS test endpoint
# (tests/servers/tds_endpoint.py) holding USERS x CONTACTS contacts
# (default 20,000 x 50 = 1,000,000; 1.5 rows each after the group join):
#   freebcp "<joined query>" queryout FILE -c   (asks SET FMTONLY ON first)
#   bsqldb  with the same query, output to /dev/null (it pads every column
#           to its declared width: about 3 GB at full size otherwise)
#   ucmig-export: one query (the profile's export-all) streaming every
#                 homed user, the groups and contacts ordered by owner,
#                 into BAT rows; with a list, the list into #ucmig_users
#                 first; peak RSS at 1/10 and full size.
# All three read the same rows through the same endpoint, whose Python
# row encoding is the common ceiling: the ratios are the point. Then the
# full size again through tests/servers/latency-link (LINK_MS, default 1,
# each way), as a back end a network away.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
users=${USERS:-20000}
per=${CONTACTS:-50}
work=${BENCH_WORK:-$top/bench/work}/export-sql
rm -rf "$work" && mkdir -p "$work"
cd "$work"
TDS_SERVERS_DIR=$top/tests/servers
TEST_DIRECTORY=$top/tests
. "$top/tests/servers/tds.sh"
. "$top/tests/servers/latency-link.sh"
. "$top/bench/lib.sh"
link_ms=${LINK_MS:-1}
trap 'link_stop "$work/link"; tds_stop' EXIT

# The single join that gives what a BAT row needs: the owner's and the
# buddy's addresses, the nickname and the group's name, one row per group.
query="SELECT o.UserAtHost, b.UserAtHost, c.DisplayName, g.DisplayName FROM Contact c JOIN Resource o ON o.ResourceId = c.OwnerId JOIN HomedResource h ON h.ResourceId = c.OwnerId JOIN Resource b ON b.ResourceId = c.BuddyId LEFT JOIN ContactGroupAssoc a ON a.OwnerId = c.OwnerId AND a.BuddyId = c.BuddyId LEFT JOIN ContactGroup g ON g.OwnerId = a.OwnerId AND g.GroupNumber = a.GroupNumber ORDER BY c.OwnerId, c.BuddyId, a.GroupNumber"
export TDSVER=7.4

measure() { # name rows command...
	name=$1
	rows=$2
	shift 2
	t0=$(now)
	"$@"
	t1=$(now)
	awk -v n="$name" -v a="$t0" -v b="$t1" -v r="$rows" 'BEGIN {
		s = b - a; printf "%-42s %9d rows %8.2fs %10.0f rows/s\n", n, r, s, r / s }'
	bench_keep "$name" "$(elapsed "$t0" "$t1")"
}

freebcp_out() {
	freebcp "$query" queryout bcp.out -c -S "127.0.0.1:$PORT" -U "$TDS_USER" -P "$TDS_PASSWORD" >bcp.log
}

ucmig() { # [USERLIST]
	/usr/bin/time -f '%M' -o rss.txt "$top/build/ucmig-export" -q --no-progress \
		--db-host 127.0.0.1 --db-port "$PORT" --db-user "$TDS_USER" \
		--db-password-file "$TDS_PWFILE" -o ucmig.csv "$@"
}

# Requests the endpoint served since the log was emptied: each is a round
# trip, which is what a real server over a real network charges for.
trips() {
	awk -v n="$1" '/^REQUEST (batch|rpc)/ { q++ } /^REQUEST/ { r++ }
		END { printf "  %-32s %d queries, %d round trips with the login\n", n, q, r }' "$TDS_LOG"
}

run_size() { # users [link]: the contenders; PORT the endpoint's or the link's
	sh "$top/tests/servers/gen-rtc.sh" "$1" "$per" >data.sql
	link_stop "$work/link"
	tds_stop
	tds_start "$work/tds" --data data.sql
	PORT=$TDS_PORT
	where=
	if [ -n "${2:-}" ]; then
		link_start "$work/link" "$TDS_PORT" "$link_ms"
		PORT=$LINK_PORT
		where=", through a $link_ms ms link"
	fi
	joined=$(( $1 * per + $1 * per / 2 ))
	echo "# $1 users x $per contacts = $(( $1 * per )) contacts, $joined joined rows; $(nproc) cores$where"
	: >"$TDS_LOG"; measure "freebcp queryout -c" "$joined" freebcp_out; trips freebcp
	: >"$TDS_LOG"; measure "bsqldb" "$joined" \
		sh -c "echo '$query' | bsqldb -S 127.0.0.1:$PORT -U $TDS_USER -P '$TDS_PASSWORD' >/dev/null 2>&1"
	trips bsqldb
	: >"$TDS_LOG"; measure "ucmig-export (BAT rows)" "$joined" ucmig; trips ucmig-export
	rss=$(cat rss.txt)
	echo "ucmig-export: $(wc -l <ucmig.csv) BAT rows written, peak RSS $(awk -v k="$rss" 'BEGIN { printf "%.1f MiB", k / 1024 }')"
	seq -f "sip:user%05g@example.com" 1 "$1" >users.txt
	: >"$TDS_LOG"; measure "ucmig-export+USERLIST (every user listed)" "$joined" ucmig users.txt
	trips "ucmig-export, list"
	vs_bsqldb=$(bench_ratio bsqldb ucmig-export)
	vs_freebcp=$(bench_ratio freebcp ucmig-export)
	listed_vs_bsqldb=$(bench_ratio bsqldb ucmig-export+USERLIST)
}

run_size $((users / 10))
run_size "$users"
lo_bsqldb=$vs_bsqldb lo_freebcp=$vs_freebcp lo_listed=$listed_vs_bsqldb
run_size "$users" link
bench_row ucmig-export "bsqldb, the same join" "$lo_bsqldb" "$vs_bsqldb" "$rss"
bench_row ucmig-export "freebcp queryout, the same join" "$lo_freebcp" "$vs_freebcp" "$rss"
bench_row "ucmig-export USERLIST" "bsqldb, the same join" "$lo_listed" "$listed_vs_bsqldb" "$rss"
