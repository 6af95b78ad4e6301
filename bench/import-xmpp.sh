#!/bin/sh
# import-xmpp.sh - ucmig-import --xmpp against the peers an administrator
# would use, in one run, into one ejabberd 23.01 on 127.0.0.1 (the test
# harness, tests/servers/ejabberd.sh), CONTACTS contacts in all (default
# 100,000: OWNERS=1000 owners x 100):
#   (a) one curl process, `curl -K` with the same add_rosteritem requests,
#       one kept-alive connection;
#   (b) the server's capacity: 8 such curl processes on disjoint slices;
#   (c) ucmig-import --xmpp (--xmpp-concurrency 8): the owner check, a roster
#       read per owner, one request per item, the journal and the report;
#       also at a tenth of the size, for peak RSS.
# Each contender gets a fresh server (empty spool) and owners of its own,
# so every item is new to it and none runs on the others' data. Every
# roster is read back afterwards and counted. Then (a) to (c) again at a
# tenth of the size through tests/servers/latency-link (LINK_MS, default
# 1, each way). Prints figures.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
owners=${OWNERS:-1000}
per=${PER:-100}
work=${BENCH_WORK:-$top/bench/work}/import-xmpp
rm -rf "$work" && mkdir -p "$work"
cd "$work"
EJ_SERVERS_DIR=$top/tests/servers
. "$top/tests/servers/ejabberd.sh"
TEST_DIRECTORY=$top/tests
. "$top/tests/servers/latency-link.sh"
. "$top/bench/lib.sh"
link_ms=${LINK_MS:-1}
trap 'link_stop "$work/link"; ejabberd_stop' EXIT

fresh_server() { # prefix count: an empty ejabberd with those owners
	ejabberd_stop || true
	rm -rf "$work/ej/spool"
	ejabberd_start "$work/ej" >/dev/null
	register "$1" "$2"
}

# curl config blocks: one POST each (url, user, header, data, next).
curl_config() { # prefix first last
	awk -v p="$1" -v a="$2" -v b="$3" -v c="$per" -v url="$EJ_URL" -v auth="$EJ_ADMIN:$EJ_PASSWORD" 'BEGIN {
		for (i = a; i <= b; i++) for (j = 1; j <= c; j++) {
			printf "url = \"%s/add_rosteritem\"\nuser = \"%s\"\nheader = \"Content-Type: application/json\"\n", url, auth
			printf "data = \"{\\\"localuser\\\":\\\"%s%d\\\",\\\"localhost\\\":\\\"example.com\\\",\\\"user\\\":\\\"k%d\\\",\\\"host\\\":\\\"example.com\\\",\\\"nick\\\":\\\"Contact %d\\\",\\\"group\\\":\\\"Team\\\",\\\"subs\\\":\\\"both\\\"}\"\n", p, i, j, j
			printf "output = \"/dev/null\"\nnext\n" }}'
}

register() { # prefix count
	awk -v p="$1" -v n="$2" -v url="$EJ_URL" -v auth="$EJ_ADMIN:$EJ_PASSWORD" 'BEGIN {
		for (i = 1; i <= n; i++) {
			printf "url = \"%s/register\"\nuser = \"%s\"\nheader = \"Content-Type: application/json\"\n", url, auth
			printf "data = \"{\\\"user\\\":\\\"%s%d\\\",\\\"host\\\":\\\"example.com\\\",\\\"password\\\":\\\"pw\\\"}\"\noutput = \"/dev/null\"\nnext\n", p, i }}' >reg.cfg
	curl -s --noproxy '*' -K reg.cfg 2>/dev/null || true
}

items_of() { # prefix count: roster items stored for prefix1..prefixN
	n=0
	for i in $(seq 1 "$2"); do
		k=$(ej_api get_roster "{\"user\":\"$1$i\",\"host\":\"example.com\"}" | grep -o '"jid"' | wc -l)
		n=$((n + k))
	done
	echo "$n"
}

report() { # name seconds items
	awk -v n="$1" -v s="$2" -v k="$3" 'BEGIN { printf "%-40s %8d items %8.2fs %8.0f items/s\n", n, k, s, k / s }'
	bench_keep "$1" "$2"
}

gen_csv() { # prefix owners
	awk -v p="$1" -v n="$2" -v c="$per" 'BEGIN { for (i = 1; i <= n; i++) for (j = 1; j <= c; j++)
		printf "%s%d,example.com,k%d,example.com,Contact %d,Team\r\n", p, i, j, j }'
}

ucmig() { # prefix owners name
	gen_csv "$1" "$2" >"$1.csv"
	rm -f "$1.journal"
	t0=$(now)
	/usr/bin/time -f '%M' -o "$1.rss" "$top/build/ucmig-import" -q --no-progress --xmpp "$URL" \
		--xmpp-user "$EJ_ADMIN" --xmpp-password-file "$EJ_PWFILE" --journal "$1.journal" "$1.csv"
	t1=$(now)
	report "$3" "$(echo "$t1 - $t0" | bc)" "$(items_of "$1" "$2")"
	echo "  peak RSS $(awk -v k="$(cat "$1.rss")" 'BEGIN { printf "%.1f MiB", k / 1024 }')"
}

# URL: ejabberd's API, or the link before it when via_link is set.
# (The config files name the URL, so they are made after the server.)
api_url() {
	URL=$EJ_URL
	if [ -n "${via_link:-}" ]; then
		link_stop "$work/link"
		link_start "$work/link" "$EJ_PORT" "$link_ms"
		URL=http://127.0.0.1:$LINK_PORT/api
	fi
}

# (a) to (c) for n owners; $1 the mark of the round ("" or "'"), $2 n.
import_round() {
	n=$2
	total=$((n * per))
	fresh_server a "$n"; api_url
	EJ_URL=$URL curl_config a 1 "$n" >a.cfg
	t0=$(now); curl -s --noproxy '*' -K a.cfg 2>/dev/null || true; t1=$(now)
	report "(a$1) one curl -K, one connection" "$(echo "$t1 - $t0" | bc)" "$(items_of a "$n")"

	fresh_server b "$n"; api_url
	slice=$(( (n + 7) / 8 ))
	for k in 0 1 2 3 4 5 6 7; do
		first=$((k * slice + 1)); last=$(((k + 1) * slice)); [ $last -le "$n" ] || last=$n
		if [ $first -le $last ]; then EJ_URL=$URL curl_config b $first $last >b$k.cfg; else : >b$k.cfg; fi
	done
	t0=$(now)
	pids=
	for k in 0 1 2 3 4 5 6 7; do
		curl -s --noproxy '*' -K b$k.cfg 2>/dev/null &
		pids="$pids $!"
	done
	for pid in $pids; do wait "$pid" || true; done   # not a bare wait: ejabberd is a child too
	t1=$(now)
	report "(b$1) 8 curl -K in parallel" "$(echo "$t1 - $t0" | bc)" "$(items_of b "$n")"

	fresh_server c "$n"; api_url
	ucmig c "$n" "(c$1) ucmig-import --xmpp (8 in flight)"
	a=$(bench_seconds "(a$1)"); b=$(bench_seconds "(b$1)"); c=$(bench_seconds "(c$1)")
	echo "ucmig-import is $(ratio "$a" "$c")x one curl and $(ratio "$b" "$c")x 8 in parallel"
}

echo "# $owners owners x $per contacts = $((owners * per)) items; $(nproc) cores; ejabberd 23.01 on loopback, fresh for each"
import_round "" "$owners"
lo_one=$(bench_ratio "(a)" "(c)"); lo_eight=$(bench_ratio "(b)" "(c)")
fresh_server d $((owners / 10))
URL=$EJ_URL
ucmig d $((owners / 10)) "(c) at a tenth of the size"
# Through the link one curl pays a round trip per item: a tenth of the
# owners keeps it to about half a minute.
echo "# $((owners / 10)) owners x $per contacts through a latency link of $link_ms ms each way"
via_link=1
import_round "'" $((owners / 10))
via_link=
bench_row ucmig-import "one curl -K, one connection" "$lo_one" "$(bench_ratio "(a')" "(c')")" "$(cat c.rss)"
bench_row ucmig-import "8 x curl -K (capacity)" "$lo_eight" "$(bench_ratio "(b')" "(c')")" "$(cat c.rss)"
