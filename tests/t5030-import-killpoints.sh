#!/bin/sh
# ucmig-import --xmpp killed with -9 at 20 points spread across a run
# (by the items it has journaled as confirmed), then the same command
# again: each time every roster ends exactly as an uninterrupted run
# leaves it (read back from ejabberd), and no item is confirmed twice.
# Each point has users of its own, so the points need no reset.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/ejabberd.sh"
. "$TEST_DIRECTORY/servers/latency-link.sh"
. "$TEST_DIRECTORY/lib-roster-kill.sh"
test_on_exit ejabberd_stop

POINTS=20
USERS=4          # per point
CONTACTS=20      # per user: 80 items a point, two rows (groups) each

# rows POINT: the point's users, each with CONTACTS contacts in two groups.
rows() {
	awk -v p="$1" -v u="$USERS" -v c="$CONTACTS" 'BEGIN {
		for (i = 1; i <= u; i++) for (j = 1; j <= c; j++) {
			printf "p%du%d,example.com,c%d,example.com,Contact %d,Team\r\n", p, i, j, j
			printf "p%du%d,example.com,c%d,example.com,Contact %d,Group %d\r\n", p, i, j, j, j % 3 }}'
}

# What every one of those rosters holds after an uninterrupted run.
expect_roster() {
	awk -v c="$CONTACTS" 'BEGIN { for (j = 1; j <= c; j++)
		printf "c%d@example.com|Contact %d|both|Group %d;Team\n", j, j, j % 3 }' | LC_ALL=C sort
}

test_setup "ejabberd with $((POINTS * USERS)) users" '
	ejabberd_start "$TRASH/ej" &&
	ej_register $(for p in $(seq 1 $POINTS); do seq -f "p${p}u%g" 1 $USERS; done) &&
	expect_roster >want
'

roster_link_setup


for p in $(seq 1 $POINTS); do
	# Points from 3 to 60 of the 80 items, spread evenly (later ones the
	# run may finish before the poll sees them).
	point=$(( 3 * p ))
	test_expect_success "kill -9 after $point of 80 items, then the same command: every roster exact" "
		rows $p >p$p.csv &&
		kill_at $point done p$p.journal $((USERS * CONTACTS)) ucmig-import --xmpp \"\$LINKED_URL\" \\
			--xmpp-user \"\$EJ_ADMIN\" --xmpp-password-file \"\$EJ_PWFILE\" --xmpp-concurrency 1 \\
			--journal p$p.journal p$p.csv &&
		ucmig-import --xmpp \"\$LINKED_URL\" --xmpp-user \"\$EJ_ADMIN\" --xmpp-password-file \"\$EJ_PWFILE\" \\
			--journal p$p.journal p$p.csv 2>err && cat err &&
		for i in \$(seq 1 $USERS); do ej_roster p${p}u\$i >got && test_cmp want got || exit 1; done &&
		twice done p$p.journal && test \$(journal_count done p$p.journal) -le $((USERS * CONTACTS))
	"
done

killed_enough 15

test_done
