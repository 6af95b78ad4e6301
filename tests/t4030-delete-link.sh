#!/bin/sh
# ucmig-delete on two databases, each behind its own latency link (1 ms
# each way, as to SQL Servers a network away): every database worked at
# once through --parallel connections; a run killed with -9 and resumed
# through the links; the report's order the same whatever the
# concurrency; a server that takes fewer connections than asked for. The
# databases are read directly (not through the links) after every run.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/tds.sh"
. "$TEST_DIRECTORY/servers/latency-link.sh"
USERS=600

stop_all() {
	link_stop "$TRASH/link-be"; link_stop "$TRASH/link-fe"
	TDS_DIR=$TRASH/be; tds_stop
	TDS_DIR=$TRASH/fe; tds_stop
}
test_on_exit stop_all

count() { # DIR SQL
	/usr/bin/python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$1/rtc.db" "$2"
}

# Fresh databases of $USERS users each, with empty logs, and a link in
# front of each (ENDPOINT OPTIONS for both endpoints); the topology names
# the links' ports.
fresh_databases() {
	stop_all
	rm -f "$TRASH/be/endpoint.log" "$TRASH/fe/endpoint.log"
	TDS_PORT= && tds_start "$TRASH/be" --data "$TRASH/data.sql" "$@" && be=$TDS_PORT &&
	TDS_PORT= && tds_start "$TRASH/fe" --data "$TRASH/data.sql" "$@" && fe=$TDS_PORT &&
	link_start "$TRASH/link-be" "$be" 1 && be_link=$LINK_PORT &&
	link_start "$TRASH/link-fe" "$fe" 1 && fe_link=$LINK_PORT &&
	printf "[backend]\nhost = 127.0.0.1\nport = %s\n[fe1]\nhost = 127.0.0.1\nport = %s\n" \
		"$be_link" "$fe_link" >"$TRASH/topology.ini"
}

del() {
	ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology "$TRASH/topology.ini" --db-user sa \
		--db-password-file "$TDS_PWFILE" "$@"
}

all_deleted() {
	for db in be fe; do
		test "$(count "$TRASH/$db" "SELECT COUNT(*) FROM HomedResource")" -eq 0 &&
		test "$(count "$TRASH/$db" "SELECT COUNT(*) FROM Contact")" -eq 0 &&
		test "$(count "$TRASH/$db" "SELECT COUNT(*) FROM Resource")" -eq $USERS || return 1
	done
}

commits() { # DIR
	grep -c "^SQL COMMIT TRANSACTION" "$1/endpoint.log"
}

test_setup "two databases of $USERS users each, a 1 ms link before each" '
	sh "$TEST_DIRECTORY/servers/gen-rtc.sh" $USERS 5 >data.sql &&
	seq -f "sip:user%05g@example.com" 1 $USERS >all.txt &&
	fresh_databases
'

test_expect_success "delete $USERS users on both databases through the links: 4 connections each, every user committed once" '
	del --journal d1.journal --report r1.csv all.txt 2>err &&
	grep -F "$USERS users on 2 databases: $((2 * USERS)) deleted" err &&
	all_deleted &&
	test "$(commits "$TRASH/be")" -eq $USERS && test "$(commits "$TRASH/fe")" -eq $USERS &&
	# Each database was worked through 4 connections (and no more).
	test "$(grep -c "^LOGIN sa" "$TRASH/be/endpoint.log")" -eq 4 &&
	test "$(grep -c "^LOGIN sa" "$TRASH/fe/endpoint.log")" -eq 4 &&
	test "$(grep -c "^done" d1.journal)" -eq $((2 * USERS))
'

test_expect_success 'the report is in list order, each user on backend then fe1' '
	seq -f "sip:user%05g@example.com" 1 $USERS | awk "{ print \$0 \",delete@backend,deleted,\"; print \$0 \",delete@fe1,deleted,\" }" >expect &&
	tail -n +2 r1.csv | tr -d "\r" >actual && test_cmp expect actual
'

test_expect_success 'a dry run reports the same lines with --parallel 1 and 8' '
	fresh_databases &&
	del -n --parallel 1 --report n1.csv all.txt 2>/dev/null &&
	del -n --parallel 8 --report n8.csv all.txt 2>/dev/null &&
	test "$(wc -l <n1.csv)" -eq $((2 * USERS + 1)) && test_cmp n1.csv n8.csv &&
	test "$(count "$TRASH/be" "SELECT COUNT(*) FROM HomedResource")" -eq $USERS
'

test_expect_success 'kill -9 in the middle, then the same command through the links: the state of an uninterrupted run' '
	fresh_databases &&
	rm -f k.journal || exit 1
	# (A line of its own: "a && b &" would put the whole list in the background.)
	ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology "$TRASH/topology.ini" --db-user sa \
		--db-password-file "$TDS_PWFILE" --journal k.journal all.txt 2>/dev/null &
	pid=$! &&
	n=0 && while test "$(cat k.journal 2>/dev/null | grep -c "^done")" -lt 300 && test $n -lt 2400; do
		sleep 0.01; n=$((n + 1)); done &&
	kill -9 $pid && { wait $pid; true; } &&
	done_before=$(grep -c "^done" k.journal) && echo "done when killed: $done_before" &&
	test "$done_before" -gt 0 && test "$done_before" -lt $((2 * USERS)) &&
	tds_wait_idle "$TRASH/be" && tds_wait_idle "$TRASH/fe" &&
	del --journal k.journal --report k.csv all.txt 2>err &&
	cat err && all_deleted &&
	test "$(commits "$TRASH/be")" -eq $USERS && test "$(commits "$TRASH/fe")" -eq $USERS &&
	test "$(cut -f1-3 k.journal | grep "^done" | sort -u | wc -l)" -eq $((2 * USERS)) &&
	test "$(grep -c ",deleted-earlier," k.csv)" -ge "$done_before"
'

test_expect_success 'a server that takes 2 connections: the run goes on with 2 and says so' '
	fresh_databases --max-connections 2 &&
	del --journal m.journal --parallel 6 all.txt 2>err &&
	cat err &&
	grep -F "backend: working with 2 connections instead of 6" err &&
	grep -F "17809" err &&
	grep -F "$USERS users on 2 databases: $((2 * USERS)) deleted" err &&
	all_deleted
'

test_done
