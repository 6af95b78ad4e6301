#!/bin/sh
# ucmig-delete against two TDS endpoints (a back end and a Front End's
# rtclocal) and slapd: homed data gone everywhere while other users'
# contact rows pointing at the migrated users stay; each interlock
# refusing; dry run; a failure inside a transaction leaving the user
# untouched; a database down; logins. The databases are read back.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
. "$TEST_DIRECTORY/servers/tds.sh"

stop_all() {
	TDS_DIR=$TRASH/be; tds_stop
	TDS_DIR=$TRASH/fe; tds_stop
	slapd_stop
}
test_on_exit stop_all

# Row counts of the tables delete touches, and frank's contacts.
db_state() {
	/usr/bin/python3 - "$1/rtc.db" <<'PY'
import sqlite3, sys
d = sqlite3.connect(sys.argv[1])
for t in ("Resource", "HomedResource", "ContactGroup", "Contact", "ContactGroupAssoc", "Container",
          "ContainerMemberUser", "Delegate", "PromptedSubscriber", "UserPolicy", "ResourceDirectory"):
    print(t, d.execute("SELECT COUNT(*) FROM %s" % t).fetchone()[0])
for r in d.execute("SELECT OwnerId, BuddyId, DisplayName FROM Contact WHERE OwnerId = 20 ORDER BY BuddyId"):
    print("frank-contact", *r)
PY
}

homed() { # DIR ADDRESS -> 1 or 0
	/usr/bin/python3 -c "import sqlite3, sys; d = sqlite3.connect(sys.argv[1]); print(d.execute(
		'SELECT COUNT(*) FROM HomedResource h JOIN Resource r ON r.ResourceId = h.ResourceId WHERE r.UserAtHost = ?',
		(sys.argv[2],)).fetchone()[0])" "$1/rtc.db" "$2"
}

start_databases() { # extra options for the back end's endpoint
	cat "$DATA/rtc-example.sql" "$DATA/rtc-stay.sql" >"$TRASH/data.sql"
	TDS_DIR=$TRASH/be; tds_stop
	TDS_DIR=$TRASH/fe; tds_stop
	TDS_PORT= && tds_start "$TRASH/be" --data "$TRASH/data.sql" "$@" && BE_PORT=$TDS_PORT &&
	TDS_PORT= && tds_start "$TRASH/fe" --data "$TRASH/data.sql" && FE_PORT=$TDS_PORT &&
	printf '[backend]\nhost = 127.0.0.1\nport = %s\n\n[fe1]\nhost = 127.0.0.1\nport = %s\ndatabase = rtc\n' \
		"$BE_PORT" "$FE_PORT" >"$TRASH/topology.ini"
}

test_setup 'slapd with the users, both databases, a backup and a disable journal' '
	slapd_setup "$TRASH/ldap" &&
	{ user_ldif alice sip:alice@example.com FALSE; user_ldif bob sip:bob@example.com FALSE;
	  user_ldif erin sip:erin@example.com TRUE; user_ldif carl sip:carl@example.com FALSE;
	  user_ldif dave sip:dave@corp.example.com FALSE; user_ldif frank sip:frank@example.com TRUE; } >users.ldif &&
	slapd_add_ldif users.ldif && slapd_start &&
	start_databases &&
	crlf "alice,example.com,bob,example.com,Bob,Contacts" "bob,example.com,alice,example.com,Alice,Contacts" \
	     "carl,example.com,frank,example.com,Frank,Contacts" "erin,example.com,frank,example.com,Frank,Contacts" >backup.csv &&
	now=$(date +%s) &&
	printf "#ucmig-journal 1 ucmig-disable\ndone\tsip:alice@example.com\t%s\ndone\tsip:bob@example.com\t%s\ndone\tsip:carl@example.com\t%s\ndone\tsip:dave@corp.example.com\t%s\n" \
		$((now - 7200)) $((now - 7200)) $((now - 60)) $((now - 7200)) >disable.journal &&
	printf "sip:alice@example.com\nsip:bob@example.com\nsip:erin@example.com\nsip:carl@example.com\nsip:dave@corp.example.com\nsip:ghost@example.com\n" >batch.txt
'

del() {
	ucmig-delete -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" \
		--topology "$TRASH/topology.ini" --db-user sa --db-password-file "$TDS_PWFILE" "$@"
}

test_expect_success 'each interlock is on unless turned off by name' '
	test_expect_code 64 ucmig-delete --db-server x --skip-ad-check --min-age 0 batch.txt 2>err &&
	grep -F "give --backup FILE" err &&
	test_expect_code 64 ucmig-delete --db-server x --no-backup --min-age 0 batch.txt 2>err &&
	grep -F "give -H URI" err &&
	test_expect_code 64 ucmig-delete --db-server x --no-backup --skip-ad-check batch.txt 2>err &&
	grep -F "give --disable-journal" err
'

test_expect_success 'dry run: per user and table the rows that would go, nothing changed' '
	db_state "$TRASH/be" >be0 && db_state "$TRASH/fe" >fe0 &&
	test_expect_code 75 del -n --backup backup.csv --disable-journal disable.journal --report dry.csv batch.txt 2>err &&
	grep -F "sip:alice@example.com,delete@backend,would-delete,HomedResource=1 ContactGroup=4 Contact=7 ContactGroupAssoc=7 Container=2 ContainerMemberUser=1 PromptedSubscriber=1 Delegate=1 UserPolicy=1 ResourceDirectory=1" dry.csv &&
	grep -F "sip:bob@example.com,delete@fe1,would-delete," dry.csv &&
	db_state "$TRASH/be" >be1 && test_cmp be0 be1 && db_state "$TRASH/fe" >fe1 && test_cmp fe0 fe1 &&
	! test -e dry.csv.delete.journal
'

test_expect_success 'delete: homed data gone on both databases, Resource rows and frank'\''s contacts stay; the too-recent user makes it exit 75' '
	test_expect_code 75 del --backup backup.csv --disable-journal disable.journal --report del.csv \
		--rejects rejects.txt batch.txt 2>err &&
	grep -F "6 users on 2 databases: 4 deleted; refused: 1 not found in Active Directory, 1 not disabled in Active Directory (msRTCSIP-UserEnabled is not FALSE), 1 no backup holds this user; 1 disabled too recently: run again in 29 minutes" err &&
	for db in be fe; do
		test "$(homed "$TRASH/$db" alice@example.com)" = 0 &&
		test "$(homed "$TRASH/$db" bob@example.com)" = 0 &&
		test "$(homed "$TRASH/$db" erin@example.com)" = 1 &&
		test "$(homed "$TRASH/$db" carl@example.com)" = 1 &&
		test "$(homed "$TRASH/$db" dave@corp.example.com)" = 1 &&
		db_state "$TRASH/$db" >"$db.after" &&
		grep -Fx "Resource 11" "$db.after" &&
		grep -Fx "frank-contact 20 1 Alice" "$db.after" &&
		grep -Fx "frank-contact 20 2 Bob" "$db.after" &&
		grep -Fx "Delegate 0" "$db.after" || return 1
	done &&
	grep -F "sip:erin@example.com,delete,enabled-in-ad," del.csv &&
	grep -F "sip:dave@corp.example.com,delete,no-backup," del.csv &&
	grep -F "sip:carl@example.com,delete,too-recent," del.csv &&
	grep -F "sip:ghost@example.com,delete,not-in-ad," del.csv &&
	grep -F "1 disabled too recently: run again in 29 minutes" err &&
	printf "sip:erin@example.com\nsip:carl@example.com\nsip:dave@corp.example.com\nsip:ghost@example.com\n" >expect &&
	test_cmp expect rejects.txt
'

test_expect_success 'the same command again deletes nothing twice' '
	test_expect_code 75 del --backup backup.csv --disable-journal disable.journal --report del.csv batch.txt 2>err &&
	grep -F "4 deleted earlier (journal)" err &&
	test "$(grep -c "^done" del.csv.delete.journal)" -eq 4
'

test_expect_success 'a user who is not disabled according to the disable journal is refused' '
	echo sip:frank@example.com >frank.txt &&
	test_expect_code 1 del --skip-ad-check --no-backup --disable-journal disable.journal frank.txt 2>err &&
	grep -F "refused: 1 not disabled according to the disable journal" err &&
	test "$(homed "$TRASH/be" frank@example.com)" = 1
'

test_expect_success 'a failure inside one user'\''s transaction leaves that user untouched' '
	start_databases --fail "DELETE FROM Delegate=50000:1" &&
	printf "sip:alice@example.com\nsip:bob@example.com\n" >two.txt &&
	# One transaction at a time on each database: the injected error hits
	# the first transaction to reach DELETE FROM Delegate, which is then
	# always alice'\''s.
	test_expect_code 1 del --skip-ad-check --no-backup --min-age 0 --parallel 1 --journal fail.journal \
		--report fail.csv two.txt 2>err &&
	test "$(grep -c "server error 50000" err)" -eq 1 &&
	grep -F "sip:alice@example.com,delete@backend,failed" fail.csv &&
	test "$(homed "$TRASH/be" alice@example.com)" = 1 &&
	# alice keeps her 4 groups and her delegate; bob (deleted) loses his 2 and his.
	db_state "$TRASH/be" >be.fail && grep -Fx "ContactGroup 8" be.fail && grep -Fx "Delegate 1" be.fail &&
	test "$(homed "$TRASH/be" bob@example.com)" = 0 &&
	test "$(homed "$TRASH/fe" alice@example.com)" = 0 &&
	test "$(homed "$TRASH/fe" bob@example.com)" = 0
'

test_expect_success 're-running after the failure finishes the failed user only' '
	del --skip-ad-check --no-backup --min-age 0 --journal fail.journal --report fail2.csv two.txt 2>err &&
	grep -F "3 deleted earlier (journal)" err && grep -F "1 deleted" err &&
	test "$(homed "$TRASH/be" alice@example.com)" = 0
'

test_expect_success 'one database down while the other succeeds: exit 1, the down one reported' '
	start_databases &&
	TDS_DIR=$TRASH/fe && tds_stop &&
	test_expect_code 1 del --skip-ad-check --no-backup --min-age 0 --journal down.journal --report down.csv two.txt 2>err &&
	grep -F "sip:alice@example.com,delete@fe1,database-unavailable" down.csv &&
	grep -F "sip:alice@example.com,delete@backend,deleted" down.csv &&
	test "$(homed "$TRASH/be" alice@example.com)" = 0
'

test_expect_success 'wrong database password: 77, nothing deleted, the password not printed' '
	start_databases &&
	echo "Wr0ng-Db-Pass" >wrong.pw &&
	test_expect_code 77 ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology topology.ini \
		--db-user sa --db-password-file wrong.pw --journal wrong.journal two.txt 2>err &&
	grep -F "login rejected" err && ! grep -F "Wr0ng" err &&
	test "$(homed "$TRASH/be" alice@example.com)" = 1
'

test_expect_success 'a database listed twice in the topology is a configuration error (78), nothing deleted' '
	start_databases &&
	{ cat topology.ini; printf "\n[backend]\nhost = 127.0.0.1\nport = %s\n" "$FE_PORT"; } >dupname.ini &&
	test_expect_code 78 ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology dupname.ini \
		--db-user sa --db-password-file "$TDS_PWFILE" --journal dup.journal two.txt 2>err &&
	grep -E "dupname.ini:[0-9]+: section .backend. repeats line 1" err &&
	{ cat topology.ini; printf "\n[again]\nhost = 127.0.0.1\nport = %s\n" "$BE_PORT"; } >dupdb.ini &&
	test_expect_code 78 ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology dupdb.ini \
		--db-user sa --db-password-file "$TDS_PWFILE" --journal dup.journal two.txt 2>err &&
	grep -E "dupdb.ini:[0-9]+: \[again\] is the same database as \[backend\] \(line 1\)" err &&
	test "$(homed "$TRASH/be" alice@example.com)" = 1 && test "$(homed "$TRASH/fe" alice@example.com)" = 1
'

test_expect_success 'a topology of 20 databases is read whole (no fixed limit of 16)' '
	# The endpoint, like SQL Server, refuses a login to a database it lacks
	# (4060, then 18456): a configuration error, 78, with the reason.
	for i in $(seq 1 20); do printf "[db%02d]\nhost = 127.0.0.1\nport = %s\ndatabase = nosuch%02d\n" $i "$BE_PORT" $i; done >twenty.ini &&
	test_expect_code 78 ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology twenty.ini \
		--db-user sa --db-password-file "$TDS_PWFILE" --journal twenty.journal --report twenty.csv two.txt 2>err &&
	test "$(grep -c "delete@db[0-9][0-9],database-error" twenty.csv)" -eq 40 &&
	test "$(grep -c "Cannot open database \"nosuch[0-9][0-9]\" requested by the login.* (4060)" err)" -eq 20
'

test_expect_success 'a disable journal whose time is not a time stops the run (65), nothing deleted' '
	start_databases &&
	for t in abc -5 12 "" 1e9; do
		printf "#ucmig-journal 1 ucmig-disable\ndone\tsip:alice@example.com\t%s\n" "$t" >badtime.journal &&
		test_expect_code 65 del --skip-ad-check --no-backup --disable-journal badtime.journal \
			--journal badtime.del.journal two.txt 2>err &&
		grep -F "badtime.journal:2: time is not seconds since 1970" err || exit 1
	done &&
	test "$(homed "$TRASH/be" alice@example.com)" = 1
'

test_expect_success 'the AD check finds its directory in ldap.conf as the LDAP session does (no -H)' '
	start_databases &&
	printf "URI %s\n" "$SLAPD_LDAPS" >ldap.conf &&
	LDAPCONF=$TRASH/ldap.conf ucmig-delete -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" --no-backup --min-age 0 \
		--topology "$TRASH/topology.ini" --db-user sa --db-password-file "$TDS_PWFILE" \
		--journal conf.journal two.txt 2>err &&
	test "$(homed "$TRASH/be" alice@example.com)" = 0 &&
	test_expect_code 64 env -u LDAPURI LDAPCONF=/dev/null ucmig-delete --no-backup --min-age 0 \
		--topology "$TRASH/topology.ini" two.txt 2>err &&
	grep -F "give -H URI" err
'

test_expect_success 'disable then delete on one user list with default journals: each its own file' '
	start_databases &&
	cp two.txt pair.txt &&
	ucmig-disable -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" pair.txt 2>err &&
	del --skip-ad-check --no-backup --min-age 0 -n pair.txt 2>err &&
	grep -F "(dry run: nothing deleted)" err && ! test -e pair.txt.delete.journal &&
	del --skip-ad-check --no-backup --min-age 0 pair.txt 2>err &&
	head -n 1 pair.txt.disable.journal | grep -Fx "#ucmig-journal 1 ucmig-disable" &&
	head -n 1 pair.txt.delete.journal | grep -Fx "#ucmig-journal 1 ucmig-delete"
'

test_expect_success 'honest outcomes: a refused login is "login rejected", a server error in the profile is 78, not "unavailable"' '
	start_databases &&
	echo "Wr0ng-Db-Pass" >wrong.pw &&
	test_expect_code 77 ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology topology.ini \
		--db-user sa --db-password-file wrong.pw --journal h1.journal --report h1.csv two.txt 2>err &&
	grep -F "sip:alice@example.com,delete@backend,login-rejected" h1.csv &&
	grep -F "2 users on 2 databases: 4 login rejected" err &&
	start_databases --fail "WHERE r.UserAtHost IN=208:0" &&
	test_expect_code 78 del --skip-ad-check --no-backup --min-age 0 --journal h2.journal --report h2.csv two.txt 2>err &&
	grep -F "[query resolve] failed with server error 208" err &&
	grep -F "sip:alice@example.com,delete@backend,database-error" h2.csv &&
	! grep -F "unavailable" err &&
	test "$(homed "$TRASH/be" alice@example.com)" = 1
'

test_expect_success 'every database down: 69' '
	TDS_DIR=$TRASH/be && tds_stop && TDS_DIR=$TRASH/fe && tds_stop &&
	test_expect_code 69 del --skip-ad-check --no-backup --min-age 0 --journal down2.journal two.txt 2>err
'

test_expect_success 'a profile that would delete Resource rows or call RtcDeleteResource is refused (78)' '
	start_databases &&
	sed "s/^ResourceDirectory = DELETE FROM ResourceDirectory WHERE ResourceId = @id\$/Resource = DELETE FROM Resource WHERE ResourceId = @id/" \
		"$TOP/delete/profiles/rtc.profile" >evil.profile &&
	test_expect_code 78 del --skip-ad-check --no-backup --min-age 0 --profile evil.profile two.txt 2>err &&
	grep -F "deletes from Resource; refused" err &&
	sed "s/^RtcItem = DELETE FROM RtcItem WHERE ResourceId = @id\$/RtcItem = EXEC RtcDeleteResource @id/" \
		"$TOP/delete/profiles/rtc.profile" >evil2.profile &&
	test_expect_code 78 del --skip-ad-check --no-backup --min-age 0 --profile evil2.profile two.txt 2>err &&
	grep -F "calls RtcDeleteResource; refused" err &&
	test "$(homed "$TRASH/be" alice@example.com)" = 1 &&
	db_state "$TRASH/be" | grep -Fx "Resource 11"
'

# The built-in profile with LINE (LABEL = STATEMENT) added to its delete list.
profile_with() {
	sed "/^\[list delete\]/q" "$TOP/delete/profiles/rtc.profile"
	printf "%s\n" "$1"
	sed -n "/^\[list count\]/,\$p" "$TOP/delete/profiles/rtc.profile"
}

test_expect_success 'forms that hide their target from the reading are refused early (78), nothing deleted' '
	start_databases &&
	for stmt in "EXEC('\''DELETE FROM Resource WHERE ResourceId = '\'' + CAST(@id AS varchar))|dynamic SQL" \
		    "EXECUTE sp_executesql N'\''DELETE FROM Resource WHERE ResourceId = @r'\'', N'\''@r int'\'', @r = @id|sp_executesql" \
		    "WITH gone AS (SELECT * FROM Resource WHERE ResourceId = @id) DELETE FROM gone|common table expression" \
		    "DELETE FROM Delegate OUTPUT deleted.OwnerId INTO Resource (ResourceId) WHERE OwnerId = @id|OUTPUT ... INTO" \
		    "CREATE SYNONYM Harmless FOR Resource|synonym"; do
		profile_with "Evil = ${stmt%|*}" >hidden.profile &&
		test_expect_code 78 del --skip-ad-check --no-backup --min-age 0 --profile hidden.profile \
			--journal hidden.journal two.txt 2>err &&
		grep -F "${stmt#*|}" err || { echo "not refused: $stmt"; cat err; exit 1; }
	done &&
	test "$(homed "$TRASH/be" alice@example.com)" = 1 &&
	db_state "$TRASH/be" | grep -Fx "Resource 11"
'

test_expect_success 'every way of writing a Resource change is refused early (78), nothing deleted' '
	start_databases &&
	for stmt in "DELETE FROM [Resource] WHERE ResourceId = @id" "DELETE  FROM Resource WHERE ResourceId = @id" \
		    "DELETE FROM dbo.Resource WHERE ResourceId = @id" "DELETE/**/FROM Resource WHERE ResourceId = @id" \
		    "DELETE FROM \"Resource\" WHERE ResourceId = @id" "DELETE r FROM Resource r WHERE r.ResourceId = @id" \
		    "UPDATE Resource SET UserAtHost = NULL WHERE ResourceId = @id" "DROP TABLE Resource" \
		    "TRUNCATE TABLE rtc.dbo.Resource" "DELETE TOP (1) FROM Resource" \
		    "UPDATE r SET UserAtHost = NULL FROM Resource r WHERE r.ResourceId = @id" \
		    "DELETE FROM Delegate WHERE OwnerId = @id /* two statements */ DELETE Resource WHERE ResourceId = @id"; do
		profile_with "Evil = $stmt" >variant.profile &&
		test_expect_code 78 del --skip-ad-check --no-backup --min-age 0 --profile variant.profile \
			--journal variant.journal two.txt 2>err &&
		grep -E "(deletes from|changes the) Resource" err || { echo "not refused: $stmt"; exit 1; }
	done &&
	profile_with "Ok = DELETE FROM ResourcePhone WHERE ResourceId IN (SELECT ResourceId FROM Resource WHERE ResourceId = @id)" \
		>fine.profile &&
	del --skip-ad-check --no-backup --min-age 0 --profile fine.profile --journal fine.journal -n two.txt 2>err &&
	test "$(homed "$TRASH/be" alice@example.com)" = 1 &&
	db_state "$TRASH/be" | grep -Fx "Resource 11"
'

test_expect_success 'the server guard rolls back a profile that removes others'\'' contacts of the user (78), all of it' '
	start_databases &&
	db_state "$TRASH/be" >guard.before &&
	{ sed "/^\[list delete\]/q" "$TOP/delete/profiles/rtc.profile";
	  printf "Delegate = DELETE FROM Delegate WHERE OwnerId = @id\nSneaky = DELETE FROM Contact WHERE BuddyId = @id\n";
	  sed -n "/^\[list count\]/,\$p" "$TOP/delete/profiles/rtc.profile"; } >sneaky.profile &&
	test_expect_code 78 del --skip-ad-check --no-backup --min-age 0 --profile sneaky.profile \
		--journal sneaky.journal --report sneaky.csv two.txt 2>err &&
	grep -F "the profile would delete what keeps sip:alice@example.com on other users'\'' lists" err &&
	grep -F "sip:alice@example.com,delete@backend,failed" sneaky.csv &&
	db_state "$TRASH/be" >guard.after && test_cmp guard.before guard.after &&
	grep -F "ERROR 50000 ucmig_resource_guard" "$TRASH/be/endpoint.log"
'

test_expect_success 'an Export-CsUserData backup is accepted as well' '
	echo sip:alice@example.com >alice.txt &&
	del --skip-ad-check --backup "$EXAMPLES/ExportedUserData.zip" --min-age 0 --journal zip.journal alice.txt 2>err &&
	grep -F "backup holds 3 users" err &&
	test "$(homed "$TRASH/be" alice@example.com)" = 0
'

test_done
