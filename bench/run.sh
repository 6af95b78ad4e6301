#!/bin/sh
# run.sh - `make bench`: reproducible figures for bench/README.md.
#
# Export: a generated Export-CsUserData ZIP of USERS users x 50 contacts
# (default 100,000 users: 5,000,000 contacts), one a tenth of that, and
# one with a tenth of the users but ten times the contacts each, each
# exported with ucmig-export pinned to one core: contacts per second and
# peak RSS (GNU time), so flat memory shows as equal RSS.
# Nothing here is a pass/fail test: it prints figures.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
users=${USERS:-100000}
per=${CONTACTS:-50}
work=${BENCH_WORK:-$top/bench/work}
mkdir -p "$work"
: >"$work/table.tsv"
cc -O2 -o "$work/gen-userdata" "$top/bench/gen-userdata.c"

timer=/usr/bin/time
[ -x "$timer" ] || { echo "bench: GNU time is needed: apt-get install time" >&2; exit 69; }
pin=
command -v taskset >/dev/null && pin="taskset -c 0"

make_zip() { # users contacts -> path
	zip=$work/userdata-$1x$2.zip
	if [ ! -s "$zip" ]; then
		"$work/gen-userdata" "$1" "$2" >"$work/DocItemSet.xml"
		(cd "$work" && rm -f "$zip" && zip -q -1 "$zip" DocItemSet.xml && rm -f DocItemSet.xml)
	fi
	echo "$zip"
}

export_once() { # users contacts-per-user
	zip=$(make_zip "$1" "$2")
	$timer -f '%e %M' -o "$work/time.txt" $pin \
		"$top/build/ucmig-export" --userdata "$zip" -o "$work/out.csv" --no-progress 2>"$work/err.txt"
	read -r secs rss_kb <"$work/time.txt"
	rows=$(wc -l <"$work/out.csv")
	contacts=$(( $1 * $2 ))
	rate=$(awk -v c="$contacts" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? c / s : 0) }')
	printf '%-28s %10s contacts %9s rows %7ss %10s contacts/s  peak RSS %6.1f MiB\n' \
		"export $1 users x $2" "$contacts" "$rows" "$secs" "$rate" \
		"$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')"
	rm -f "$work/out.csv"
}

echo "# ucmig-export from Export-CsUserData ZIP, one core ($(nproc) cores on this machine)"
export_once $((users / 10)) "$per"
export_once "$users" "$per"          # ten times the users
export_once $((users / 10)) $((per * 10))  # ten times the contacts per user

echo
sh "$top/bench/disable.sh"

echo
sh "$top/bench/export-sql.sh"
echo
sh "$top/bench/delete.sh"

echo
sh "$top/bench/import-xmpp.sh"

echo
sh "$top/bench/rename.sh"

echo
sh "$top/bench/reconcile.sh"

echo
sh "$top/bench/batch.sh"

echo
echo "# Summary: each peer's time divided by the tool's (above 1x the tool is faster);"
echo "# link: through tests/servers/latency-link, ${LINK_MS:-1} ms each way; - where the tool has no server"
BENCH_TABLE=$work/table.tsv
. "$top/bench/lib.sh"
bench_table
