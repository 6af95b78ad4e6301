#!/bin/sh
# reconcile.sh - ucmig-import --reconcile against the pipeline an
# administrator would write to compare the same two files: each side's
# rows reduced to their keys (owner and contact without case, the group),
# sorted and compared with comm(1). Input: ROWS rows (default 1,000,000:
# 10,000 owners x 100 contacts) as the source, and a target (the server's
# export) with 1 % of the rows missing and 1 % extra, both shuffled.
# ucmig-import also writes the per-owner report and the missing rows as
# BAT CSV, which comm cannot give; the counts of both are compared.
# Prints seconds and peak RSS; nothing passes or fails.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
rows=${ROWS:-1000000}
work=${BENCH_WORK:-$top/bench/work}/reconcile
mkdir -p "$work"
cd "$work"
. "$top/bench/lib.sh"

owners=$((rows / 100))
# shuffle SEED: the lines in an order of their own, the same every run.
shuffle() {
	awk -v seed="$1" 'BEGIN { srand(seed) } { printf "%.9f\t%s\n", rand(), $0 }' | LC_ALL=C sort -k1,1 | cut -f2-
}
if [ ! -s source.csv ] || [ "$(cat rows.txt 2>/dev/null)" != "$rows" ]; then
	awk -v o="$owners" 'BEGIN { for (u = 1; u <= o; u++) for (c = 1; c <= 100; c++)
		printf "user%d,example.com,contact%d,example.com,Contact Number %d,Team %d\n", u, (u + c) % o, c, c % 3 }' |
		shuffle 1 >source.csv
	awk 'NR % 100 != 7 { print } NR % 100 == 3 { sub(/,Team [0-9]+$/, ",Extra"); print }' source.csv |
		shuffle 2 >target.csv
	echo "$rows" >rows.txt
fi

run() { # name command...
	name=$1
	shift
	sync
	t0=$(now)
	"$@" || [ $? -eq 1 ]   # 1: rows are missing, as planted
	t1=$(now)
	awk -v n="$name" -v a="$t0" -v b="$t1" 'BEGIN { printf "%-40s %8.2fs\n", n, b - a }'
	bench_keep "$name" "$(elapsed "$t0" "$t1")"
}

peer() {
	for side in source target; do
		LC_ALL=C awk -F, '{ print tolower($1 "@" $2) "\t" tolower($3 "@" $4) "\t" $6 }' "$side.csv" |
			LC_ALL=C sort -u >"$side.keys"
	done
	LC_ALL=C comm -3 source.keys target.keys >comm.out
}

echo "# $rows rows of $owners owners; the target lacks 1 % and has 1 % more; $(nproc) cores"
run "ucmig-import --reconcile" /usr/bin/time -f %M -o rss.txt "$top/build/ucmig-import" -q --no-progress \
	--reconcile target.csv source.csv --missing missing.csv --report report.csv
run "awk | sort -u | comm -3 (keys only)" peer
missing=$(grep -c "" missing.csv)
comm_missing=$(grep -vc "^	" comm.out || true)
comm_extra=$(grep -c "^	" comm.out || true)
echo "ucmig-import: $missing missing rows, report of $(($(grep -c "" report.csv) - 1)) owners; comm: $comm_missing missing, $comm_extra extra"
rss=$(tail -n 1 rss.txt)
echo "ucmig-import peak RSS (with its sort): $rss KiB"
bench_row "ucmig-import --reconcile" "awk | sort -u | comm -3" "$(bench_ratio awk ucmig-import)" - "$rss"
