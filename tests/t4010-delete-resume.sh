#!/bin/sh
# ucmig-delete killed with -9 in the middle of a run over two databases,
# then the same command again: every user's data gone on both, the
# Resource rows all there, and each user's transaction committed exactly
# once per database (counted in the endpoints' own logs).
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/tds.sh"

. "$TEST_DIRECTORY/lib-delete.sh"

test_setup 'two databases of 600 users each' '
	sh "$TEST_DIRECTORY/servers/gen-rtc.sh" 600 5 >data.sql &&
	TDS_PORT= && tds_start "$TRASH/be" --data data.sql && BE_PORT=$TDS_PORT &&
	TDS_PORT= && tds_start "$TRASH/fe" --data data.sql && FE_PORT=$TDS_PORT &&
	write_topology &&
	seq -f "sip:user%05g@example.com" 1 600 >all.txt
'

test_expect_success 'kill -9 in the middle, then the same command finishes without committing anything twice' '
	ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology topology.ini --db-user sa \
		--db-password-file "$TDS_PWFILE" --journal del.journal all.txt 2>/dev/null &
	pid=$! &&
	n=0 && while test "$(done_records del.journal)" -lt 300 && test $n -lt 2400; do
		sleep 0.05; n=$((n + 1)); done &&
	kill -9 $pid && { wait $pid; true; } &&
	tds_wait_idle "$TRASH/be" && tds_wait_idle "$TRASH/fe" &&
	done_before=$(grep -c "^done" del.journal) &&
	echo "done when killed: $done_before" &&
	test "$done_before" -gt 0 && test "$done_before" -lt 1200 &&
	ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology topology.ini --db-user sa \
		--db-password-file "$TDS_PWFILE" --journal del.journal all.txt 2>err &&
	cat err &&
	for db in be fe; do
		test "$(count "$TRASH/$db" "SELECT COUNT(*) FROM HomedResource")" -eq 0 &&
		test "$(count "$TRASH/$db" "SELECT COUNT(*) FROM Contact")" -eq 0 &&
		test "$(count "$TRASH/$db" "SELECT COUNT(*) FROM Resource")" -eq 600 &&
		test "$(grep -c "^SQL COMMIT TRANSACTION" "$TRASH/$db/endpoint.log")" -eq 600 || return 1
	done &&
	test "$(grep -c "^done" del.journal)" -eq 1200 &&
	test "$(cut -f1-3 del.journal | grep "^done" | sort -u | wc -l)" -eq 1200
'

test_expect_success 'SIGHUP in the middle: a clean stop (129, summary, no temporary file), then the same command finishes' '
	fresh_databases &&
	rm -f del.journal || exit 1
	# (A line of its own: "a && b &" would put the whole list in the background.)
	ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology topology.ini --db-user sa \
		--db-password-file "$TDS_PWFILE" --journal del.journal --report hup.csv --rejects hup.rej \
		all.txt 2>hup.err &
	pid=$! &&
	n=0 && while test "$(done_records del.journal)" -lt 300 && test $n -lt 2400; do
		sleep 0.05; n=$((n + 1)); done &&
	kill -HUP $pid && { wait $pid; rc=$?; } ;
	cat hup.err; test "$rc" -eq 129 &&
	grep -F "stopped by SIGHUP: run the same command again to finish" hup.err &&
	test -s hup.csv && ! ls hup*.tmp.* 2>/dev/null &&
	test "$(tail -c 1 del.journal | od -An -c | tr -d " ")" = "\n" &&
	ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology topology.ini --db-user sa \
		--db-password-file "$TDS_PWFILE" --journal del.journal all.txt 2>err &&
	for db in be fe; do
		test "$(count "$TRASH/$db" "SELECT COUNT(*) FROM HomedResource")" -eq 0 &&
		test "$(grep -c "^SQL COMMIT TRANSACTION" "$TRASH/$db/endpoint.log")" -eq 600 || exit 1
	done
'

test_expect_success 'the back end restarted mid-run: delete reconnects, reads back, and finishes, each user committed once' '
	fresh_databases &&
	rm -f del.journal || exit 1
	ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology topology.ini --db-user sa \
		--db-password-file "$TDS_PWFILE" --journal del.journal --report restart.csv all.txt 2>restart.err &
	pid=$!
	n=0 && while test "$(done_records del.journal)" -lt 200 && test $n -lt 2400; do
		sleep 0.02; n=$((n + 1)); done &&
	TDS_DIR=$TRASH/be && tds_stop && sleep 1 && topology_ports && tds_restart "$TRASH/be" "$BE_PORT" &&
	{ wait $pid; rc=$?; } ;
	cat restart.err; test "$rc" -eq 0 &&
	grep -F "connection lost and re-established" restart.err &&
	for db in be fe; do
		test "$(count "$TRASH/$db" "SELECT COUNT(*) FROM HomedResource")" -eq 0 &&
		test "$(count "$TRASH/$db" "SELECT COUNT(*) FROM Resource")" -eq 600 || exit 1
	done &&
	# A transaction in flight when the server stopped may have been logged
	# but not committed (SQLite rolls it back): then it runs once more.
	# One may be in flight on each of the 4 connections (--parallel).
	commits=$(grep -c "^SQL COMMIT TRANSACTION" "$TRASH/be/endpoint.log") &&
	test "$commits" -ge 600 && test "$commits" -le 604 &&
	test "$(grep -c "^done" del.journal)" -eq 1200
'

test_expect_success 'the back end frozen mid-run: bounded by --db-timeout, the rest unavailable (1); after it thaws, the same command finishes' '
	fresh_databases &&
	rm -f del.journal || exit 1
	ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology topology.ini --db-user sa \
		--db-password-file "$TDS_PWFILE" --db-timeout 2 --journal del.journal all.txt 2>frozen.err &
	pid=$!
	n=0 && while test "$(done_records del.journal)" -lt 100 && test $n -lt 2400; do
		sleep 0.02; n=$((n + 1)); done &&
	kill -STOP "$(cat "$TRASH/be/harness.pid")" &&
	t0=$(date +%s) && { wait $pid; rc=$?; } ;
	elapsed=$(( $(date +%s) - t0 ));
	kill -CONT "$(cat "$TRASH/be/harness.pid")";
	cat frozen.err; echo "exit $rc after $elapsed s";
	test "$rc" -eq 1 && test $elapsed -le 15 &&
	grep -F "giving up on this database" frozen.err &&
	# Thawed, the server runs what it had been sent (one transaction per
	# connection at most), as SQL Server would; once it is through, the
	# re-run reads those users back as deleted and sends them nothing.
	tds_wait_idle "$TRASH/be" &&
	ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology topology.ini --db-user sa \
		--db-password-file "$TDS_PWFILE" --journal del.journal all.txt 2>err &&
	for db in be fe; do
		test "$(count "$TRASH/$db" "SELECT COUNT(*) FROM HomedResource")" -eq 0 || exit 1
	done &&
	test "$(grep -c "^SQL COMMIT TRANSACTION" "$TRASH/be/endpoint.log")" -eq 600
'

# As for export: a real SQL Server refused delete's user resolution at
# --batch 500 (and the run then called the database "unavailable").
for batch in 1 150 500 2000; do
	test_expect_success "--batch $batch: all 600 users deleted on both databases, no statement refused" "
		fresh_databases && rm -f b.journal &&
		del_args=\"--skip-ad-check --no-backup --min-age 0 --topology topology.ini --db-user sa\" &&
		ucmig-delete \$del_args --db-password-file \"\$TDS_PWFILE\" --batch $batch --journal b.journal all.txt 2>err &&
		grep -F '600 users on 2 databases: 1200 deleted' err &&
		for db in be fe; do
			test \"\$(count \"\$TRASH/\$db\" 'SELECT COUNT(*) FROM HomedResource')\" -eq 0 &&
			! grep -F 'refused' \"\$TRASH/\$db/endpoint.log\" || exit 1
		done
	"
done

test_done
