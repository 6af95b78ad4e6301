#!/bin/sh
# rename.sh - ucmig-rename --map against the tools an administrator would
# use, in one run, on the same input and map: Miller (mlr, a replacement
# join) and awk (the map in an associative array). Input: SIZE_MB of BAT
# contact CSV (default 1024) with a header line, a map of MAP entries
# (default 100,000) of which about one in five rows hits one. Each output
# is compared with ucmig-rename's. Prints MB/s; nothing passes or fails.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
size_mb=${SIZE_MB:-1024}
entries=${MAP:-100000}
work=${BENCH_WORK:-$top/bench/work}/rename
mkdir -p "$work"
cd "$work"
. "$top/bench/lib.sh"

# Rows: owner uN, contact cM (M up to 5 x the map's size), one a line.
if [ ! -s in.csv ] || [ "$(cat in.size 2>/dev/null)" != "$size_mb" ]; then
	awk -v mb="$size_mb" -v e="$entries" 'BEGIN {
		srand(1); print "User ID,User Domain,Contact ID,Contact Domain,Nickname,Group Name"
		limit = mb * 1048576; n = 0
		while (n < limit) {
			line = sprintf("u%d,example.com,c%d,example.com,Contact Number %d,Team %d", int(rand() * 50000), k = int(rand() * e * 5), k, k % 7)
			print line; n += length(line) + 1 }}' >in.csv
	echo "$size_mb" >in.size
fi
awk -v e="$entries" 'BEGIN { print "Contact ID,New Contact ID"; for (i = 0; i < e; i++) printf "c%d@example.com,contact.%d@corp.example.com\n", i * 5, i }' >map.csv
# The peers get the map as they like it best: key, new ID, new domain.
awk -F, 'NR > 1 { split($2, a, "@"); printf "%s,%s,%s\n", tolower($1), a[1], a[2] }' map.csv >map.awk
{ echo "key,nid,ndom"; cat map.awk; } >map.mlr
bytes=$(stat -c %s in.csv)

run() { # name command...
	name=$1
	shift
	sync                  # no contender pays for another's writeback
	t0=$(now)
	"$@"
	t1=$(now)
	awk -v n="$name" -v a="$t0" -v b="$t1" -v by="$bytes" 'BEGIN {
		s = b - a; printf "%-28s %8.2fs %8.1f MB/s\n", n, s, by / 1048576 / s }'
	bench_keep "$name" "$(elapsed "$t0" "$t1")"
}

echo "# $(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }') MB, $(($(wc -l <in.csv) - 1)) rows, map of $entries; $(nproc) cores"
run "ucmig-rename" "$top/build/ucmig-rename" -q --map map.csv -o out.ucmig in.csv
run "awk (map in an array)" sh -c 'LC_ALL=C awk -F, -v OFS=, "NR == FNR { m[\$1] = \$2 FS \$3; next }
	FNR > 1 { k = tolower(\$3 \"@\" \$4); if (k in m) { split(m[k], v, FS); \$3 = v[1]; \$4 = v[2] } } { print }" map.awk in.csv >out.awk'
run "mlr (join)" sh -c 'mlr --csv put "\$key = tolower(\${Contact ID} . \"@\" . \${Contact Domain})" \
	then join --ur -j key -f map.mlr \
	then put "if (is_present(\$nid)) { \${Contact ID} = \$nid; \${Contact Domain} = \$ndom }" \
	then cut -x -f key,nid,ndom in.csv >out.mlr'
cmp -s out.ucmig out.awk && echo "awk output identical" || echo "awk output DIFFERS"
cmp -s out.ucmig out.mlr && echo "mlr output identical" || echo "mlr output differs (see out.mlr)"
rss=$(/usr/bin/time -f %M "$top/build/ucmig-rename" -q --map map.csv -o /dev/null in.csv 2>&1 | tail -1)
echo "ucmig-rename peak RSS: $rss KiB"
# Files only: no server, so no link column.
bench_row ucmig-rename "awk, the map in an array" "$(bench_ratio awk ucmig-rename)" - "$rss"
bench_row ucmig-rename "mlr join" "$(bench_ratio mlr ucmig-rename)" - "$rss"
