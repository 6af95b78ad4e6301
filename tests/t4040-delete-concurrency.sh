#!/bin/sh
# Transactions side by side, as on SQL Server at READ COMMITTED (issue 27):
# first the TDS endpoint's own locking, with two connections put in a
# known order (tds-query's touch:/wait: steps), then ucmig-delete with
# --parallel 4 over users who are on each other's lists, and with a user
# who stays on the Microsoft server editing a list mid-run. The
# databases and the endpoint's log are read back.
#
# gen-rtc.sh 400 20: user r has users r+1 .. r+20 on the list (mod 400),
# so 20 users have user 1 on theirs (381 .. 400).
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/tds.sh"

test_on_exit tds_stop
q() {
	"$BUILD/tds-query" 127.0.0.1 "$TDS_PORT" "$TDS_USER" "$TDS_PWFILE" "$@"
}
count() {
	/usr/bin/python3 -c "import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$TRASH/tds/rtc.db" "$1"
}
pointing_at_1="SELECT COUNT(*) FROM Contact WHERE BuddyId = 1 AND OwnerId <> 1"

test_setup '400 users of 20 contacts each' '
	sh "$TEST_DIRECTORY/servers/gen-rtc.sh" 400 20 >data.sql &&
	tds_start "$TRASH/tds" --data data.sql
'

test_expect_success 'a change committed by another connection is seen by the next statement: two plain counts differ (the old guard fired on this)' '
	rm -f a1 b1 || exit 1
	q "batch:BEGIN TRANSACTION" "$pointing_at_1" touch:a1 wait:b1 "$pointing_at_1" "batch:COMMIT TRANSACTION" >a.out &
	a=$! &&
	q wait:a1 "DELETE FROM Contact WHERE OwnerId = 400 AND BuddyId = 1" touch:b1 >b.out &&
	wait $a &&
	printf "ok\nrow 20\nok\nrow 19\nok\nok\n" >expect && test_cmp expect a.out &&
	test "$(count "$pointing_at_1")" = 19
'

test_expect_success 'an uncommitted change is never read: a reader of its rows waits for the rollback, one of other rows does not, NOLOCK reads it dirty' '
	rm -f a1 b1 b2 || exit 1
	q "batch:BEGIN TRANSACTION" "DELETE FROM Contact WHERE OwnerId = 399 AND BuddyId = 1" touch:b1 sleep:800 \
		touch:b2 "batch:ROLLBACK TRANSACTION" >b.out &
	b=$! &&
	q wait:b1 "SELECT COUNT(*) FROM Contact WHERE BuddyId = 5" exists:b2 \
		"SELECT COUNT(*) FROM Contact WITH (NOLOCK) WHERE BuddyId = 1 AND OwnerId <> 1" \
		"$pointing_at_1" exists:b2 >a.out &&
	wait $b &&
	printf "row 20\nok\nabsent b2\nrow 18\nok\nrow 19\nok\nthere b2\n" >expect && test_cmp expect a.out &&
	test "$(count "$pointing_at_1")" = 19
'

test_expect_success 'a change however written (through a common table expression) is locked like any other' '
	rm -f b1 b2 || exit 1
	q "batch:BEGIN TRANSACTION" \
		"WITH gone AS (SELECT OwnerId FROM Contact WHERE BuddyId = 1 AND OwnerId = 397) DELETE FROM Contact WHERE BuddyId = 1 AND OwnerId IN (SELECT OwnerId FROM gone)" \
		touch:b1 sleep:800 touch:b2 "batch:ROLLBACK TRANSACTION" >b.out &
	b=$! &&
	q wait:b1 "$pointing_at_1" exists:b2 >a.out &&
	wait $b &&
	printf "row 19\nok\nthere b2\n" >expect && test_cmp expect a.out &&
	grep "^LOCK WAIT" "$TDS_LOG"
'

test_expect_success 'WITH (HOLDLOCK): a delete or insert in the range read waits for the COMMIT; one outside it does not' '
	rm -f a1 a2 || exit 1
	q "batch:BEGIN TRANSACTION" "SELECT COUNT(*) FROM Contact WITH (HOLDLOCK) WHERE BuddyId = 1 AND OwnerId <> 1" \
		touch:a1 sleep:800 "$pointing_at_1" touch:a2 "batch:COMMIT TRANSACTION" >a.out &
	a=$! &&
	q wait:a1 "DELETE FROM Contact WHERE OwnerId = 5 AND BuddyId = 6" exists:a2 \
		"DELETE FROM Contact WHERE OwnerId = 398 AND BuddyId = 1" exists:a2 \
		"INSERT INTO Contact (OwnerId, BuddyId, DisplayName) VALUES (200, 1, N'"'"'New'"'"')" >b.out &&
	wait $a &&
	printf "ok\nrow 19\nok\nrow 19\nok\nok\n" >expect && test_cmp expect a.out &&
	printf "ok\nabsent a2\nok\nthere a2\nok\n" >expect && test_cmp expect b.out &&
	test "$(count "$pointing_at_1")" = 19 &&
	grep -F "LOCK WAIT" "$TDS_LOG"
'

test_expect_success 'two transactions waiting for each other: the lock monitor picks one after its 5 s, 1205, its transaction rolled back' '
	rm -f a1 b1 && : >"$TDS_LOG" && t0=$(date +%s) || exit 1
	q "batch:BEGIN TRANSACTION" "SELECT COUNT(*) FROM Contact WITH (HOLDLOCK) WHERE BuddyId = 10" touch:a1 wait:b1 \
		"DELETE FROM Contact WHERE OwnerId = 10 AND BuddyId = 11" "batch:COMMIT TRANSACTION" >a.out 2>a.err &
	a=$! &&
	q "batch:BEGIN TRANSACTION" "SELECT COUNT(*) FROM Contact WITH (HOLDLOCK) WHERE BuddyId = 11" touch:b1 wait:a1 \
		sleep:300 "DELETE FROM Contact WHERE OwnerId = 9 AND BuddyId = 10" "batch:COMMIT TRANSACTION" >b.out 2>b.err &&
	wait $a &&
	took=$(( $(date +%s) - t0 )) && echo "took $took s" && test $took -ge 4 &&
	test "$(grep -c "^ERROR 1205" "$TDS_LOG")" = 1 &&
	cat a.err b.err | grep -F "chosen as deadlock victim; retrying" &&
	# The victim retried its delete outside any transaction (tds-query
	# resends on 1205); its COMMIT then has none to end.
	printf "ok\nrow 20\nok\nok\nok\n" >winner && printf "ok\nrow 20\nok\nok\nerror 3902\n" >victim &&
	{ { cmp -s winner a.out && cmp -s victim b.out; } || { cmp -s victim a.out && cmp -s winner b.out; }; } &&
	test "$(count "SELECT COUNT(*) FROM Contact WHERE (OwnerId = 10 AND BuddyId = 11) OR (OwnerId = 9 AND BuddyId = 10)")" = 0
'

test_expect_success 'a transaction open when the endpoint is killed is rolled back when it starts again' '
	rm -f a1 && before=$(count "SELECT COUNT(*) FROM Contact") || exit 1
	q "batch:BEGIN TRANSACTION" "DELETE FROM Contact WHERE OwnerId = 50" touch:a1 sleep:5000 >/dev/null 2>&1 &
	a=$! &&
	n=0 && while ! test -f a1 && test $n -lt 200; do sleep 0.05; n=$((n + 1)); done &&
	test "$(count "SELECT COUNT(*) FROM Contact")" = $((before - 20)) &&
	port=$TDS_PORT && kill -9 "$(cat "$TRASH/tds/harness.pid")" && wait $a;
	tds_restart "$TRASH/tds" "$port" &&
	test "$(count "SELECT COUNT(*) FROM Contact")" = "$before" &&
	test "$(count "SELECT COUNT(*) FROM ucmig_endpoint_undo")" = 0
'

delete() {
	ucmig-delete --skip-ad-check --no-backup --min-age 0 --db-host 127.0.0.1 --db-port "$TDS_PORT" \
		--db-user sa --db-password-file "$TDS_PWFILE" "$@"
}

test_expect_success 'delete --parallel 4 over 300 users on each other'\''s lists: every one deleted, none waited for another, the others'\'' contacts kept' '
	tds_stop && rm -f "$TDS_LOG" && tds_start "$TRASH/tds" --data data.sql &&
	seq -f "sip:user%05g@example.com" 1 300 >batch.txt &&
	delete --parallel 4 --journal p4.journal --report p4.csv batch.txt 2>err &&
	cat err &&
	grep -F "300 users on 1 database: 300 deleted" err &&
	test "$(count "SELECT COUNT(*) FROM HomedResource")" = 100 &&
	test "$(count "SELECT COUNT(*) FROM Resource")" = 400 &&
	test "$(count "SELECT COUNT(*) FROM Contact WHERE OwnerId > 300")" = 2000 &&
	test "$(count "SELECT COUNT(*) FROM Contact WHERE OwnerId <= 300")" = 0 &&
	test "$(grep -c "^SQL COMMIT TRANSACTION" "$TDS_LOG")" = 300 &&
	! grep -E "^LOCK WAIT|^ERROR" "$TDS_LOG" &&
	# Four transactions were in flight at once (the endpoint interleaves them).
	grep -c "^LOGIN sa" "$TDS_LOG" | grep -x 4
'

# User 390 stays: it adds users 11 .. 300 to its list and removes them
# again, ten at a time, over and over while the run goes (its own 1 .. 10
# left alone).
test_expect_success 'a user who stays on the Microsoft server edits a list pointing at batch users all through the run: no false alarm' '
	tds_stop && rm -f "$TDS_LOG" && tds_start "$TRASH/tds" --data data.sql &&
	set -- && k=11 && while test $k -lt 300; do
		set -- "$@" "INSERT INTO Contact (OwnerId, BuddyId, DisplayName) SELECT 390, ResourceId, N'"'"'Colleague'"'"' FROM Resource WHERE ResourceId BETWEEN $k AND $((k + 9))" \
			"DELETE FROM Contact WHERE OwnerId = 390 AND BuddyId BETWEEN $k AND $((k + 9))"
		k=$((k + 10)); done && rm -f stop || exit 1
	( while ! test -f stop; do q "$@" >>edits.out || exit 1; done ) &
	editor=$! &&
	n=0 && while ! test -s edits.out && test $n -lt 200; do sleep 0.05; n=$((n + 1)); done &&
	delete --parallel 4 --journal live.journal --report live.csv batch.txt 2>err;
	rc=$? && touch stop && wait $editor && cat err && test $rc = 0 &&
	grep -F "300 users on 1 database: 300 deleted" err &&
	! grep -v "^ok" edits.out &&
	# The edits landed while transactions ran: between the first and the
	# last COMMIT, and some waited for a guard.
	first=$(grep -n "^SQL COMMIT TRANSACTION" "$TDS_LOG" | head -1 | cut -d: -f1) &&
	last=$(grep -n "^SQL COMMIT TRANSACTION" "$TDS_LOG" | tail -1 | cut -d: -f1) &&
	grep -n "^SQL INSERT INTO Contact (OwnerId, BuddyId, DisplayName) SELECT 390," "$TDS_LOG" | cut -d: -f1 >edit.lines &&
	test "$(awk -v f=$first -v l=$last "\$1 > f && \$1 < l" edit.lines | wc -l)" -gt 50 &&
	grep "^LOCK WAIT" "$TDS_LOG" | head -3 &&
	test "$(count "SELECT COUNT(*) FROM Contact WHERE OwnerId = 390")" = 20 &&
	test "$(count "SELECT COUNT(*) FROM Contact WHERE OwnerId <= 300")" = 0 &&
	! grep -F "ucmig_resource_guard" "$TDS_LOG"
'

test_done
