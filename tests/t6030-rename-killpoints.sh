#!/bin/sh
# ucmig-rename --xmpp killed with -9 at 20 points spread across a run (by
# the old items it has journaled as deleted), then the same command
# again: each time every roster ends exactly as an uninterrupted run
# leaves it (read back from ejabberd): each contact under its new ID with
# its nickname, groups and subscription, the old ID gone, nothing twice.
# Each point renames contacts of its own, so the points need no reset.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/ejabberd.sh"
. "$TEST_DIRECTORY/servers/latency-link.sh"
. "$TEST_DIRECTORY/lib-roster-kill.sh"
test_on_exit ejabberd_stop

POINTS=20
USERS=4          # per point
CONTACTS=10      # per user: 40 items a point to rename

test_setup "ejabberd with $((POINTS * USERS)) users, each holding its point's old IDs" '
	ejabberd_start "$TRASH/ej" &&
	ej_register $(for p in $(seq 1 $POINTS); do seq -f "p${p}u%g" 1 $USERS; done) &&
	awk -v n="$POINTS" -v u="$USERS" -v c="$CONTACTS" "BEGIN {
		for (p = 1; p <= n; p++) for (i = 1; i <= u; i++) for (j = 1; j <= c; j++) {
			printf \"p%du%d,example.com,p%dc%d,example.com,Old %d,Team,from\\r\\n\", p, i, p, j, j
			printf \"p%du%d,example.com,p%dc%d,example.com,Old %d,Group %d,from\\r\\n\", p, i, p, j, j, j % 3 }}" >rosters.csv &&
	ucmig-import --xmpp "$EJ_URL" --xmpp-user "$EJ_ADMIN" --xmpp-password-file "$EJ_PWFILE" \
		--journal setup.journal rosters.csv
'

roster_link_setup


for p in $(seq 1 $POINTS); do
	point=$(( 2 * p - 1 ))      # 1 to 39 of the 40 items
	test_expect_success "kill -9 after $point of 40 old items deleted, then the same command: every roster exact" "
		{ printf 'Contact ID,New Contact ID\\n'
		  for j in \$(seq 1 $CONTACTS); do echo p${p}c\$j@example.com,p${p}n\$j@example.com; done; } >p$p.map &&
		for j in \$(seq 1 $CONTACTS); do echo \"p${p}n\$j@example.com|Old \$j|from|Group \$((j % 3));Team\"; done |
			LC_ALL=C sort >want$p || exit 1
		kill_at $point deleted p$p.journal $((USERS * CONTACTS)) ucmig-rename --xmpp \"\$LINKED_URL\" \\
			--xmpp-user \"\$EJ_ADMIN\" --xmpp-password-file \"\$EJ_PWFILE\" --xmpp-concurrency 1 \\
			--map p$p.map --journal p$p.journal &&
		ucmig-rename --xmpp \"\$LINKED_URL\" --xmpp-user \"\$EJ_ADMIN\" --xmpp-password-file \"\$EJ_PWFILE\" \\
			--map p$p.map --journal p$p.journal 2>err && cat err &&
		for i in \$(seq 1 $USERS); do ej_roster p${p}u\$i >got && test_cmp want$p got || exit 1; done &&
		twice deleted p$p.journal
	"
done

killed_enough 15

test_done
