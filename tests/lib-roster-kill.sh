# lib-roster-kill.sh - the kill -9 campaigns of the live-roster tools
# (t5030 import, t6030 rename), after servers/ejabberd.sh and
# servers/latency-link.sh and an ejabberd_start.
#
#   journal_count WORD FILE    records of FILE that start with WORD (0 before it exists)
#   roster_link_setup          a test_setup: a 2 ms link each way in front of
#                              ejabberd; sets LINKED_URL. Each request then
#                              takes a few ms, so a kill lands near its point
#                              instead of after the run's end on a fast
#                              machine. The journal names the URL it was
#                              written against: the re-run goes through it too.
#   kill_at POINT WORD JOURNAL TOTAL TOOL ARGS...
#                              TOOL (the binary itself, in the background) killed
#                              with -9 once JOURNAL holds POINT WORD records;
#                              a run killed before its end (fewer than TOTAL)
#                              is noted in killed-points
#   twice WORD JOURNAL         fails naming any (owner, item) with two WORD records
#   killed_enough N            a test: at least N runs were killed before their end

journal_count() {
	_jc_n=$(grep -c "^$1" "$2" 2>/dev/null)
	echo "${_jc_n:-0}"
}

roster_link_setup() {
	test_setup 'a latency link of 2 ms each way in front of ejabberd' '
		link_start "$TRASH/link" "$EJ_PORT" 2 && echo "http://127.0.0.1:$LINK_PORT/api" >link/url
	'
	test_on_exit link_stop "$TRASH/link"
	LINKED_URL=$(cat link/url)
}

kill_at() {
	_ka_point=$1 _ka_word=$2 _ka_journal=$3 _ka_total=$4
	shift 4
	"$@" 2>/dev/null &
	_ka_pid=$!
	_ka_n=0
	while [ "$(journal_count "$_ka_word" "$_ka_journal")" -lt "$_ka_point" ] && kill -0 $_ka_pid 2>/dev/null &&
	      [ $_ka_n -lt 2000 ]; do
		sleep 0.01
		_ka_n=$((_ka_n + 1))
	done
	kill -9 $_ka_pid 2>/dev/null
	wait $_ka_pid
	_ka_at=$(journal_count "$_ka_word" "$_ka_journal")
	echo "killed at $_ka_at $_ka_word"
	[ "$_ka_at" -ge "$_ka_total" ] || echo "$_ka_journal" >>killed-points
}

twice() {
	awk -v w="$1" '$1 == w { if (seen[$2 " " $3]++) { print "twice:", $2, $3; bad = 1 } } END { exit bad }' "$2"
}

killed_enough() {
	test_expect_success "at least $1 of the runs were killed before their end (not finished first)" "
		test \"\$(wc -l <killed-points)\" -ge $1
	"
}
