#!/bin/sh
# ucmig-export from the Lync back-end database, through FreeTDS, against
# the TDS endpoint (tests/servers/tds_endpoint.py): the same users as the
# example ZIP must give the same CSV; logins, failures, profiles, version
# detection, deadlock retries and a 20,000-user list. The endpoint's log
# shows what reached the wire.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/tds.sh"
. "$TEST_DIRECTORY/servers/blackhole.sh"
test_on_exit tds_stop
test_on_exit 'blackhole_stop "$TRASH/bh"'

ZIP=$EXAMPLES/ExportedUserData.zip

test_setup 'the endpoint with the example users' '
	tds_start "$TRASH/tds" --data "$DATA/rtc-example.sql"
'

test_expect_success 'every homed user: the same rows, summary and lists as the file export' '
	ucmig-export --userdata "$ZIP" --exported-users file-users.txt >file.csv 2>file.err &&
	tds_export --exported-users sql-users.txt --report rep.csv >sql.csv 2>sql.err &&
	test_cmp file.csv sql.csv &&
	test_cmp file-users.txt sql-users.txt &&
	grep -F "schema of Lync Server 2013 or later" sql.err &&
	grep -F "3 users processed, 2 exported, 0 not found, 0 failed; 7 contacts in 8 rows" sql.err &&
	grep -F "1 self-contact, 1 distribution-list group, 1 distribution-list membership; 1 empty list" sql.err &&
	grep -F "unified contact store" sql.err && grep -F "sip:erin@example.com" sql.err
'

test_expect_success 'every homed user takes one query: no #table, no list sent (export-all)' '
	: >"$TDS_LOG" &&
	tds_export >all.csv 2>/dev/null &&
	test_cmp sql.csv all.csv &&
	grep "^SQL WITH owner AS" "$TDS_LOG" >queries &&
	test "$(wc -l <queries)" = 1 &&
	! grep -E "^SQL (CREATE|DROP|INSERT)" "$TDS_LOG"
'

test_expect_success 'user data travels as typed sp_executesql parameters, never in the SQL text' '
	tds_export "$EXAMPLES/users.txt" >/dev/null 2>&1;
	grep -F "RPC sp_executesql @stmt:nvarchar @params:nvarchar @u0:nvarchar @u1:nvarchar @u2:nvarchar @u3:nvarchar" "$TDS_LOG" &&
	grep -F "SQL INSERT INTO #ucmig_users (UserAtHost) VALUES (@u0),(@u1),(@u2),(@u3)" "$TDS_LOG" &&
	grep -A1 "^REQUEST batch" "$TDS_LOG" |
		grep -F "SQL CREATE TABLE #ucmig_users (UserAtHost NVARCHAR(454) COLLATE DATABASE_DEFAULT NOT NULL)" &&
	! grep "^SQL .*example\.com" "$TDS_LOG" &&
	! grep "^SQL .*nobody" "$TDS_LOG"
'

test_expect_success 'a user list: listed users only, the missing one not found (exit 1)' '
	test_expect_code 1 tds_export --report rep.csv "$EXAMPLES/users.txt" >list.csv 2>err &&
	grep -F "3 users processed, 2 exported, 1 not found" err &&
	grep -F "sip:nobody@example.com,export,not-found" rep.csv &&
	test_cmp file.csv list.csv
'

test_expect_success 'addresses match without regard to case' '
	echo SIP:BOB@EXAMPLE.COM | tds_export - >bob.csv 2>/dev/null &&
	grep "^bob," file.csv >expect && test_cmp expect bob.csv
'

test_expect_success '--stats-only and --batch 1 give the same counts' '
	tds_export --stats-only --batch 1 >out 2>err &&
	test ! -s out &&
	grep -F "3 users processed, 2 exported, 0 not found, 0 failed; 7 contacts in 8 rows" err
'

test_expect_success '--db-server names a freetds.conf entry (FREETDSCONF)' '
	printf "[rtctest]\n\thost = 127.0.0.1\n\tport = %s\n\ttds version = 7.4\n" "$TDS_PORT" >freetds.conf &&
	FREETDSCONF=$TRASH/freetds.conf ucmig-export --db-server rtctest --db-user sa \
		--db-password-file "$TDS_PWFILE" >conf.csv 2>err &&
	grep -F "rtctest: schema of Lync Server 2013 or later" err &&
	test_cmp file.csv conf.csv
'

test_expect_success 'wrong password exits 77, the password is not printed' '
	echo "N0t-The-Password" >wrong &&
	test_expect_code 77 ucmig-export --db-host 127.0.0.1 --db-port "$TDS_PORT" --db-user sa \
		--db-password-file wrong 2>err &&
	grep -F "login rejected" err && grep -F "18456" err &&
	! grep -F "N0t-The" err
'

test_expect_success 'password from UCMIG_DB_PASSWORD; none at all is a usage error' '
	UCMIG_DB_PASSWORD=$TDS_PASSWORD ucmig-export --db-host 127.0.0.1 --db-port "$TDS_PORT" \
		--db-user sa --stats-only 2>err &&
	test_expect_code 64 env -u UCMIG_DB_PASSWORD ucmig-export --db-host 127.0.0.1 \
		--db-port "$TDS_PORT" --db-user sa 2>err &&
	grep -F "needs a password" err
'

test_expect_success '--db-password-prompt reads the password from the terminal, echo off' '
	# script(1) gives the tool a terminal; what it echoes back would show the password.
	{ sleep 1; printf "%s\n" "$TDS_PASSWORD"; } |
		script -qec "ucmig-export --db-host 127.0.0.1 --db-port $TDS_PORT --db-user sa --db-password-prompt --stats-only" /dev/null >tty.out &&
	grep -F "Database password:" tty.out &&
	grep -F "users processed" tty.out &&
	! grep -F "$TDS_PASSWORD" tty.out
'

test_expect_success 'a password file saved with a UTF-8 BOM still logs in' '
	printf "\357\273\277%s\r\n" "$TDS_PASSWORD" >bom.pw &&
	ucmig-export --db-host 127.0.0.1 --db-port "$TDS_PORT" --db-user sa \
		--db-password-file bom.pw --stats-only 2>err &&
	grep -F "users processed" err
'

test_expect_success '--db-encrypt require against a server without TLS fails (69), no rows read' '
	: >"$TDS_LOG" &&
	test_expect_code 69 tds_export --db-encrypt require -o never.csv 2>err &&
	grep -F "not encrypted" err && test ! -e never.csv &&
	! grep -F "FROM Contact" "$TDS_LOG"
'

test_expect_success 'a profile naming a column the database lacks exits 78 naming it' '
	sed "s/^Contact = OwnerId BuddyId DisplayName\$/Contact = OwnerId BuddyId DisplayName Nickname/" \
		"$TOP/export/profiles/rtc.profile" >bad.profile &&
	test_expect_code 78 tds_export --profile bad.profile -o never.csv 2>err &&
	grep -F "bad.profile needs column Contact.Nickname, which this database does not have" err &&
	test ! -e never.csv
'

test_expect_success 'a malformed or incomplete profile exits 78 saying where' '
	printf "[profile]\nname = x\n[nonsense]\n" >odd.profile &&
	test_expect_code 78 tds_export --profile odd.profile 2>err &&
	grep -F "odd.profile:3: unknown section [nonsense]" err &&
	sed "/^\[query export\]/,\$d" "$TOP/export/profiles/rtc.profile" >short.profile &&
	test_expect_code 78 tds_export --profile short.profile 2>err &&
	grep -F "short.profile: no [query export]" err
'

test_expect_success 'a profile repeating versions, a section or a table is refused (78), never overruns' '
	sed "s/^versions = .*/&\nversions = 2015 2019 2016 2017 2018/" "$TOP/export/profiles/rtc.profile" >twice.profile &&
	test_expect_code 78 tds_export --profile twice.profile 2>err &&
	grep -E "twice.profile:[0-9]+: setting .versions. repeats line [0-9]+" err &&
	{ cat "$TOP/export/profiles/rtc.profile"; printf "[tables]\nResource = ResourceId\n"; } >dupsec.profile &&
	test_expect_code 78 tds_export --profile dupsec.profile 2>err &&
	grep -E "dupsec.profile:[0-9]+: section .tables. repeats line [0-9]+" err &&
	sed "s/^versions = .*/versions = 2007 2008 2010 2011 2012 2013 2015 2019/" \
		"$TOP/export/profiles/rtc.profile" >many.profile &&
	tds_export --profile many.profile >many.csv 2>/dev/null && test_cmp file.csv many.csv
'

test_expect_success 'a profile query the server refuses (syntax, 102) is a configuration error (78), not "unreachable"' '
	sed "s/^ORDER BY OwnerId, Kind, Seq, Number\$/ORDER BY BY OwnerId/" \
		"$TOP/export/profiles/rtc.profile" >syntax.profile &&
	test_expect_code 78 tds_export --profile syntax.profile -o never.csv 2>err &&
	grep -F "the server refused the SQL: error 102" err && ! test -e never.csv
'

test_expect_success 'an administrator profile with other SQL is used as given' '
	sed "s/^ORDER BY OwnerId, Kind, Seq, Number\$/ORDER BY OwnerId, Kind, Seq DESC, Number/" \
		"$TOP/export/profiles/rtc.profile" >desc.profile &&
	tds_export --profile desc.profile >desc.csv 2>/dev/null &&
	test "$(sort desc.csv)" = "$(sort file.csv)" && ! test_cmp file.csv desc.csv >/dev/null &&
	grep -F "ORDER BY OwnerId, Kind, Seq DESC" "$TDS_LOG"
'

test_expect_success 'deadlock victims are retried and the export completes unchanged' '
	tds_stop && tds_start "$TRASH/tds" --data "$DATA/rtc-example.sql" --fail "FROM Contact c=1205:2" &&
	tds_export >dl.csv 2>err &&
	test "$(grep -c "chosen as deadlock victim; retrying" err)" -eq 2 &&
	test_cmp file.csv dl.csv
'

test_expect_success 'five deadlocks in a row: every retry waits its back-off (0.1+0.2+0.4+0.8+1.6 s)' '
	tds_stop && tds_start "$TRASH/tds" --data "$DATA/rtc-example.sql" --fail "FROM Contact c=1205:5" &&
	start=$(date +%s%N) &&
	tds_export >dl5.csv 2>err &&
	elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 )) &&
	test "$(grep -c "chosen as deadlock victim; retrying" err)" -eq 5 &&
	test_cmp file.csv dl5.csv &&
	{ test $elapsed_ms -ge 3100 || { echo "retries took only $elapsed_ms ms"; false; }; }
'

test_expect_success 'another server error stops the run with its number (69), no output left' '
	tds_stop && tds_start "$TRASH/tds" --data "$DATA/rtc-example.sql" --fail "FROM ContactGroup g=547:0" &&
	test_expect_code 69 tds_export -o out.csv 2>err &&
	grep -F "server error 547" err && test ! -e out.csv
'

test_expect_success 'a Lync 2010 store is recognised; its empty lists are not called UCS' '
	tds_stop &&
	{ cat "$DATA/rtc-example.sql"; echo "DROP TABLE ForestDirectory;"; } >rtc2010.sql &&
	tds_start "$TRASH/tds" --data rtc2010.sql &&
	tds_export --exported-users u2010.txt >l2010.csv 2>err &&
	grep -F "schema of Lync Server 2010" err &&
	! grep -F "unified contact store" err &&
	test_cmp file.csv l2010.csv &&
	grep -F "sip:erin@example.com" u2010.txt
'

test_expect_success 'not a user store exits 78' '
	tds_stop && printf "DROP TABLE HomedResource;\n" >broken.sql &&
	tds_start "$TRASH/tds" --data broken.sql &&
	test_expect_code 78 tds_export 2>err &&
	grep -F "no table homedresource: not a Lync / Skype for Business user store" err
'

test_expect_success 'server down exits 69' '
	tds_stop &&
	test_expect_code 69 tds_export 2>err &&
	grep -F "Unable to connect" err
'

test_expect_success 'a user list of 20,000 against 20,000 users x 3 contacts' '
	sh "$TEST_DIRECTORY/servers/gen-rtc.sh" 20000 3 >big.sql &&
	tds_start "$TRASH/tds" --data big.sql &&
	seq -f "sip:user%05g@example.com" 1 20000 >all.txt &&
	: >"$TDS_LOG" &&
	tds_export --exported-users done.txt all.txt >big.csv 2>err &&
	grep -F "20000 users processed, 20000 exported, 0 not found, 0 failed; 60000 contacts in 80000 rows" err &&
	test "$(wc -l <big.csv)" -eq 80000 && test_cmp all.txt done.txt &&
	echo "round trips: $(grep -c "^RPC sp_executesql" "$TDS_LOG")" &&
	test "$(grep -c "^RPC sp_executesql" "$TDS_LOG")" -eq $((2 + 4 * (34 + 1) + 3)) &&
	! grep -F "RPC sp_executesql refused" "$TDS_LOG"
'

# SQL Server refuses an sp_executesql whose @params declaration is over
# 4,000 characters (8016) or that has over 2,100 parameters (8003); the
# endpoint does too. Reported from a real server at --batch 500 (issue 10).
test_expect_success '--batch 1: the first 1,000 users, one at a time' '
	head -n 1000 all.txt >first.txt && head -n 4000 big.csv >first.csv &&
	tds_export --batch 1 --exported-users done1.txt first.txt >b1.csv 2>err &&
	test_cmp first.csv b1.csv && test_cmp first.txt done1.txt
'
for batch in 150 500 2000; do
	test_expect_success "--batch $batch: every user exported, no statement the server refuses" "
		: >\"\$TDS_LOG\" &&
		tds_export --batch $batch --exported-users done$batch.txt all.txt >b$batch.csv 2>err &&
		test_cmp big.csv b$batch.csv && test_cmp all.txt done$batch.txt &&
		! grep -F 'refused' \"\$TDS_LOG\"
	"
done

# A #table takes tempdb's collation; where that is not the database's
# (a common set-up), comparing its text with Resource.UserAtHost is error
# 468. The endpoint plays such a server; the tool's table says COLLATE.
test_expect_success 'the endpoint refuses a #table text column without COLLATE (468), as such a server would' '
	tds_stop && tds_start "$TRASH/tds" --data "$DATA/rtc-example.sql" &&
	echo "CREATE TABLE #t (a NVARCHAR(10) NOT NULL)" |
		bsqldb -S "127.0.0.1:$TDS_PORT" -U "$TDS_USER" -P "$TDS_PASSWORD" >out 2>err;
	grep -F "Msg 468" err &&
	echo "CREATE TABLE #t (n INT, a NVARCHAR(10) COLLATE DATABASE_DEFAULT NOT NULL)" |
		bsqldb -S "127.0.0.1:$TDS_PORT" -U "$TDS_USER" -P "$TDS_PASSWORD" >out 2>err &&
	! grep -F "Msg" err
'

# The endpoint keeps a #table in SQLite after its scope ends (see
# temp_table_statement: it saves a schema change per transaction); for
# the client it must be gone as on SQL Server.
tds_query() {
	"$BUILD/tds-query" 127.0.0.1 "$TDS_PORT" "$TDS_USER" "$TDS_PWFILE" "$@"
}

test_expect_success 'the endpoint: a #table made in sp_executesql is gone when the call ends (208), and comes back empty' '
	tds_query "CREATE TABLE #t (n INT); INSERT INTO #t (n) VALUES (1); SELECT n FROM #t" \
		"SELECT n FROM #t" "DROP TABLE #t" \
		"CREATE TABLE #t (n INT); SELECT COUNT(*) FROM #t" \
		"CREATE TABLE #t (n INT, m INT); INSERT INTO #t (n, m) VALUES (2, 3); SELECT n, m FROM #t" >out &&
	printf "row 1\nok\nerror 208\nerror 3701\nrow 0\nok\nrow 2\t3\nok\n" >expect &&
	test_cmp expect out
'

test_expect_success 'the endpoint: a rollback takes back the #tables its transaction made and dropped' '
	tds_query "batch:CREATE TABLE #outer (n INT)" \
		"BEGIN TRANSACTION; CREATE TABLE #t (n INT); INSERT INTO #t (n) VALUES (5); COMMIT TRANSACTION; SELECT n FROM #t" \
		"BEGIN TRANSACTION; CREATE TABLE #t (n INT); INSERT INTO #outer (n) VALUES (1); ROLLBACK TRANSACTION; SELECT n FROM #t" \
		"SELECT COUNT(*) FROM #outer" \
		"BEGIN TRANSACTION; DROP TABLE #outer; ROLLBACK TRANSACTION; SELECT COUNT(*) FROM #outer" \
		"SET XACT_ABORT ON; BEGIN TRANSACTION; CREATE TABLE #t (n INT); INSERT INTO #t (n) VALUES (7); SELECT no_such_column FROM #t" \
		"CREATE TABLE #t (n INT); SELECT COUNT(*) FROM #t" >out &&
	printf "ok\nrow 5\nok\nerror 208\nrow 0\nok\nrow 0\nok\nerror 207\nrow 0\nok\n" >expect &&
	test_cmp expect out
'

test_expect_success 'the endpoint: CREATE of a #table in scope is 2714; one that failed made none' '
	tds_query "batch:CREATE TABLE #t (n INT)" "CREATE TABLE #t (n INT)" "SELECT COUNT(*) FROM #t" \
		"batch:CREATE TABLE #u (n INT,)" "batch:CREATE TABLE #u (n INT)" >out &&
	printf "ok\nerror 2714\nrow 0\nok\nerror 102\nok\n" >expect &&
	test_cmp expect out
'

test_expect_success 'a database server that accepts and never answers: 69 within --db-timeout' '
	blackhole_start "$TRASH/bh" &&
	t0=$(date +%s) &&
	test_expect_code 69 ucmig-export --db-host 127.0.0.1 --db-port "$BLACKHOLE_PORT" --db-user sa \
		--db-password-file "$TDS_PWFILE" --db-timeout 2 -o never.csv 2>err &&
	elapsed=$(( $(date +%s) - t0 )) && blackhole_stop "$TRASH/bh" &&
	cat err && test $elapsed -le 5 && ! test -e never.csv
'

test_done
