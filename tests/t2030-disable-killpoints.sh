#!/bin/sh
# ucmig-disable killed with -9 at 20 points spread across a batch of
# 2,000 users (by the changes confirmed in its journal), then the same
# command again: each time every user ends FALSE, exactly as after an
# uninterrupted run, and slapd's own log shows one modify per entry.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
. "$TEST_DIRECTORY/lib-disable.sh"
test_on_exit slapd_stop
SLAPD_DEBUG=256
USERS=2000
POINTS=20

# Changes confirmed so far: the journal's done records. (Begin records
# are written ahead in blocks of 1,024, so they would not spread kills.)
confirmed() {
	awk '/^done/ { n++ } END { print n + 0 }' "$1" 2>/dev/null || echo 0
}

# From all TRUE, start a run and kill -9 it after POINT confirmations.
# On a loaded machine the run may end before the shell's poll sees the
# point: then it is tried again with half the point, up to three times,
# so the kill always lands mid-run (and the test fails if it cannot).
kill_at() {
	_point=$1
	for _try in 1 2 3; do
		{ ! test -e k.journal || dis --undo k.journal 2>/dev/null; } &&
		rm -f k.journal && : >"$SLAPD_DIR/slapd.log" || return 1
		dis_bg --in-flight 1 --journal k.journal all.txt 2>/dev/null
		_n=0
		while test "$(confirmed k.journal)" -lt "$_point" && kill -0 "$DIS_PID" 2>/dev/null && test $_n -lt 3000; do
			sleep 0.002; _n=$((_n + 1))
		done
		kill -9 "$DIS_PID" 2>/dev/null; wait "$DIS_PID"
		_at=$(confirmed k.journal)
		echo "killed after $_at confirmations (try $_try)"
		test "$_at" -lt "$USERS" && return 0
		_point=$((_point / 2))
	done
	return 1
}

test_setup "slapd with $USERS users" '
	slapd_setup "$TRASH/ldap" && slapd_add_users $USERS && slapd_start &&
	seq -f "sip:user%05g@example.com" 1 $USERS >all.txt
'

test_expect_success 'an uninterrupted run, for comparison' '
	dis --journal ref.journal all.txt 2>/dev/null &&
	ldap_state >reference &&
	test "$(grep -c " FALSE\$" reference)" -eq $USERS &&
	dis --undo ref.journal 2>/dev/null
'

# Kill points: seeded, spread over the first 90 % of a run's
# confirmations (the last ones go by faster than a shell can poll), so
# early, middle and late kills all happen. Each starts from all TRUE.
i=0
while [ $i -lt $POINTS ]; do
	i=$((i + 1))
	point=$(( (USERS * 9 / 10 * i / (POINTS + 1)) + (i * 37 % 23) ))
	test_expect_success "kill -9 after $point confirmed changes, then resume: the same end state" "
		kill_at $point &&
		dis --journal k.journal all.txt 2>err || { cat err; exit 1; }
		ldap_state >state && test_cmp reference state &&
		mods_per_entry >mods && test \$(wc -l <mods) -eq $USERS &&
		test \$(awk '\$1 != 1' mods | wc -l) -eq 0
	"
done

test_done
