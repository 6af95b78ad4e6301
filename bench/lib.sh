# lib.sh - what the benches share (sourced after $top and $work are set):
# the clock and the summary table `make bench` ends with.
#
# Every row of the table compares one tool with one peer (what an
# administrator would otherwise run, or the server's capacity: the peer
# in parallel processes on disjoint slices), as the peer's time divided
# by the tool's, on loopback and through the latency link: above 1 the
# tool is faster.

BENCH_TABLE=${BENCH_TABLE:-${BENCH_WORK:-$top/bench/work}/table.tsv}

now() { date +%s.%N; }

# elapsed T0 T1: seconds, three decimals.
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# ratio PEER_SECONDS TOOL_SECONDS
ratio() { awk -v p="$1" -v t="$2" 'BEGIN { printf "%.2f", p / t }'; }

# A contender's seconds are kept (in the bench's work directory) under
# the first word of its label: "(a')" of "(a') ldapmodify -f, one
# process", "bsqldb", "awk". Labels of one bench differ in that word.
# bench_keep LABEL SECONDS; bench_seconds LABEL; bench_ratio PEER TOOL
bench_keep() { echo "$2" >"time.${1%% *}"; }
bench_seconds() { cat "time.${1%% *}"; }
bench_ratio() { ratio "$(bench_seconds "$1")" "$(bench_seconds "$2")"; }

# bench_row TOOL PEER LOOPBACK_RATIO LINK_RATIO PEAK_RSS_KB ("-" where none)
bench_row() {
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$BENCH_TABLE"
}

# bench_table: the rows so far, aligned.
bench_table() {
	awk -F '\t' 'BEGIN {
		printf "%-30s %-44s %9s %9s %9s\n", "tool", "peer (its time / the tool'"'"'s)", "loopback", "link", "peak RSS"
	} {
		rss = $5 == "-" ? "-" : sprintf("%.1f MiB", $5 / 1024)
		printf "%-30s %-44s %9s %9s %9s\n", $1, $2, $3 == "-" ? "-" : $3 "x", $4 == "-" ? "-" : $4 "x", rss
	}' "$BENCH_TABLE"
}
