#!/bin/sh
# import-xmpp.sh - ucmig-import --xmpp against the peers an administrator
# would use, in one run, into one ejabberd 23.01 on 127.0.0.1 (the test
# harness, tests/servers/ejabberd.sh), CONTACTS contacts in all (default
# 100,000: OWNERS=1000 owners x 100):
#   (a) one curl process, `curl -K` with the same add_rosteritem requests,
#       one kept-alive connection;
#   (b) the server's capacity: 8 such curl processes on disjoint slices;
#   (c) ucmig-import --xmpp (--concurrency 8): the owner check, a roster
#       read per owner, one request per item, the journal and the report;
#       also at a tenth of the size, for peak RSS.
# Each contender gets a fresh server (empty spool) and owners of its own,
# so every item is new to it and none runs on the others' data. Every
# roster is read back afterwards and counted. Prints figures.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
owners=${OWNERS:-1000}
per=${PER:-100}
work=${BENCH_WORK:-$top/bench/work}/import-xmpp
rm -rf "$work" && mkdir -p "$work"
cd "$work"
EJ_SERVERS_DIR=$top/tests/servers
. "$top/tests/servers/ejabberd.sh"
trap ejabberd_stop EXIT
now() { date +%s.%N; }

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
}

total=$((owners * per))
echo "# $owners owners x $per contacts = $total items; $(nproc) cores; ejabberd 23.01 on loopback, fresh for each"

fresh_server a "$owners"
curl_config a 1 "$owners" >a.cfg
t0=$(now); curl -s --noproxy '*' -K a.cfg 2>/dev/null || true; t1=$(now)
report "(a) one curl -K, one connection" "$(echo "$t1 - $t0" | bc)" "$(items_of a "$owners")"

fresh_server b "$owners"
slice=$(( (owners + 7) / 8 ))
for k in 0 1 2 3 4 5 6 7; do
	first=$((k * slice + 1)); last=$(((k + 1) * slice)); [ $last -le "$owners" ] || last=$owners
	[ $first -le $last ] && curl_config b $first $last >b$k.cfg || : >b$k.cfg
done
t0=$(now)
pids=
for k in 0 1 2 3 4 5 6 7; do
	curl -s --noproxy '*' -K b$k.cfg 2>/dev/null &
	pids="$pids $!"
done
for pid in $pids; do wait "$pid" || true; done   # not a bare wait: ejabberd is a child too
t1=$(now)
report "(b) 8 curl -K in parallel" "$(echo "$t1 - $t0" | bc)" "$(items_of b "$owners")"

gen_csv() { # prefix owners
	awk -v p="$1" -v n="$2" -v c="$per" 'BEGIN { for (i = 1; i <= n; i++) for (j = 1; j <= c; j++)
		printf "%s%d,example.com,k%d,example.com,Contact %d,Team\r\n", p, i, j, j }'
}
ucmig() { # prefix owners name
	gen_csv "$1" "$2" >"$1.csv"
	t0=$(now)
	/usr/bin/time -f '%M' -o "$1.rss" "$top/build/ucmig-import" -q --no-progress --xmpp "$EJ_URL" \
		--user "$EJ_ADMIN" --password-file "$EJ_PWFILE" --journal "$1.journal" "$1.csv"
	t1=$(now)
	report "$3" "$(echo "$t1 - $t0" | bc)" "$(items_of "$1" "$2")"
	echo "  peak RSS $(awk -v k="$(cat "$1.rss")" 'BEGIN { printf "%.1f MiB", k / 1024 }')"
}
fresh_server c "$owners"
ucmig c "$owners" "(c) ucmig-import --xmpp (8 in flight)"
fresh_server d $((owners / 10))
ucmig d $((owners / 10)) "(c) at a tenth of the size"
