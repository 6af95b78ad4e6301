#!/bin/sh
# ucmig-disable at batch scale and under trouble: 10,000 users, a DN: line
# over more entries than one unpaged search may return, the server
# restarted in the middle of a batch, and kill -9 then resume. slapd's own
# operation log (-d stats) counts the modifies each entry received.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
. "$TEST_DIRECTORY/lib-disable.sh"
test_on_exit slapd_stop
SLAPD_DEBUG=256

test_setup 'slapd with 10,000 users' '
	slapd_setup "$TRASH/ldap" && slapd_add_users 10000 && slapd_start
'

seq -f "sip:user%05g@example.com" 1 10000 >all.txt

test_expect_success 'disable 10,000 users: every one FALSE, each modified once' '
	dis --report r1.csv all.txt 2>err &&
	grep -F "10000 users: 10000 disabled" err &&
	test "$(ldap_state | grep -c " FALSE\$")" -eq 10000 &&
	mods_per_entry >mods && test "$(wc -l <mods)" -eq 10000 &&
	test "$(awk "\$1 != 1" mods | wc -l)" -eq 0
'

test_expect_success 'undo 10,000 users' '
	dis --undo r1.csv.disable.journal 2>err &&
	grep -F "10000 users: 10000 restored" err &&
	test "$(ldap_state | grep -c " TRUE\$")" -eq 10000
'

test_expect_success 'DN: over 10,000 entries works although one plain search gets 500' '
	test_expect_code 4 ldapsearch -x -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -w "$MIGRATOR_PW" \
		-b ou=Users,dc=example,dc=com "(msRTCSIP-UserEnabled=TRUE)" dn >/dev/null 2>&1 &&
	echo "DN: ou=Users,dc=example,dc=com" >ou.txt &&
	dis -n ou.txt 2>err &&
	grep -F "ou.txt:1: 10000 SIP-enabled users under ou=Users,dc=example,dc=com" err &&
	grep -F "10000 users: 10000 would be disabled" err
'

test_expect_success 'DN: of the whole domain changes nobody without --everyone N, the count it says' '
	: >"$SLAPD_DIR/slapd.log" &&
	echo "DN: DC=example, DC=com" >root.txt &&
	test_expect_code 64 dis --journal root.journal root.txt 2>err &&
	grep -F "root.txt:1: DN: DC=example, DC=com is the whole domain: all 10000 users; to act on every one of them, give --everyone 10000" err &&
	test_expect_code 64 dis --journal root.journal --everyone 9999 root.txt 2>err &&
	! grep -F " MOD dn=" "$SLAPD_DIR/slapd.log" &&
	dis -n root.txt 2>err && grep -F "10000 users: 10000 would be disabled" err &&
	test_expect_code 64 ucmig-delete -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" \
		--db-host 127.0.0.1 --db-port 1 --no-backup --min-age 0 --journal root-del.journal root.txt 2>err &&
	grep -F "is the whole domain: all 10000 users" err
'

test_expect_success 'slapd restarted in the middle of a batch: the run reconnects and finishes' '
	: >"$SLAPD_DIR/slapd.log" &&
	dis_bg --in-flight 1 --report r2.csv all.txt 2>err &&
	pid=$DIS_PID &&
	n=0 && while test "$(grep -c " MOD dn=" "$SLAPD_DIR/slapd.log")" -lt 1500 && test $n -lt 200; do
		sleep 0.05; n=$((n + 1)); done &&
	slapd_restart &&
	wait $pid &&
	grep -F "10000 users: 10000 disabled" err && grep -F "1 reconnect" err &&
	test "$(ldap_state | grep -c " FALSE\$")" -eq 10000
'

test_expect_success 'undo again for the kill test' '
	dis --undo r2.csv.disable.journal 2>/dev/null &&
	test "$(ldap_state | grep -c " TRUE\$")" -eq 10000
'

test_expect_success 'kill -9 in the middle, then the same command finishes without touching anyone twice' '
	: >"$SLAPD_DIR/slapd.log" &&
	dis_bg --in-flight 1 --report r3.csv all.txt 2>/dev/null &&
	pid=$DIS_PID &&
	n=0 && while test "$(grep -c " MOD dn=" "$SLAPD_DIR/slapd.log")" -lt 3000 && test $n -lt 200; do
		sleep 0.05; n=$((n + 1)); done &&
	kill -9 $pid && { wait $pid; true; } &&
	done_before=$(ldap_state | grep -c " FALSE\$") &&
	echo "disabled when killed: $done_before" &&
	test "$done_before" -gt 0 && test "$done_before" -lt 10000 &&
	dis --report r3.csv all.txt 2>err &&
	cat err &&
	test "$(ldap_state | grep -c " FALSE\$")" -eq 10000 &&
	mods_per_entry >mods && test "$(wc -l <mods)" -eq 10000 &&
	test "$(awk "\$1 != 1" mods | wc -l)" -eq 0 &&
	test "$(grep -c "^begin" r3.csv.disable.journal)" -eq 10000
'

test_expect_success 'kill -9 in the middle, then --undo straight away: every user back to TRUE' '
	dis --undo r3.csv.disable.journal 2>/dev/null &&
	test "$(ldap_state | grep -c " TRUE\$")" -eq 10000 &&
	dis_bg --in-flight 1 --journal k4.journal all.txt 2>/dev/null &&
	pid=$DIS_PID &&
	n=0 && while test "$(ldap_state | grep -c " FALSE\$")" -lt 2000 && test $n -lt 200; do
		sleep 0.05; n=$((n + 1)); done &&
	kill -9 $pid && { wait $pid; true; } &&
	test "$(ldap_state | grep -c " FALSE\$")" -gt 0 &&
	dis --undo k4.journal 2>err &&
	cat err &&
	test "$(ldap_state | grep -c " TRUE\$")" -eq 10000
'

test_expect_success 'undo restores a user whose change landed though its done record was never written' '
	seq -f "sip:user%05g@example.com" 1 3 >three.txt &&
	dis --journal landed.journal three.txt 2>/dev/null &&
	grep -v "^done" landed.journal >begun-only.journal &&
	test "$(grep -c "^begin" begun-only.journal)" -eq 3 &&
	dis --undo begun-only.journal 2>err &&
	grep -F "3 users: 3 restored" err &&
	for u in 1 2 3; do test "$(ldap_enabled sip:user0000$u@example.com)" = TRUE || exit 1; done
'

test_expect_success 'slapd frozen (SIGSTOP) mid-batch: 69 within the reconnect window, then the same command finishes' '
	dis --undo k4.journal 2>/dev/null; dis --undo begun-only.journal 2>/dev/null;
	test "$(ldap_state | grep -c " TRUE\$")" -eq 10000 &&
	dis_bg --timeout 2 --in-flight 1 --journal frozen.journal all.txt 2>err &&
	pid=$DIS_PID &&
	n=0 && while test "$(ldap_state | grep -c " FALSE\$")" -lt 1000 && test $n -lt 200; do
		sleep 0.05; n=$((n + 1)); done &&
	kill -STOP "$(cat "$SLAPD_DIR/harness.pid")" &&
	t0=$(date +%s) && { wait $pid; rc=$?; } ;
	elapsed=$(( $(date +%s) - t0 ));
	kill -CONT "$(cat "$SLAPD_DIR/harness.pid")";
	cat err; echo "exit $rc after $elapsed s";
	test $rc -eq 69 && test $elapsed -le 15 &&
	dis --journal frozen.journal all.txt 2>err2 &&
	cat err2 &&
	test "$(ldap_state | grep -c " FALSE\$")" -eq 10000
'

test_expect_success 'a second run on a journal in use stops with 75 naming the holder; nobody changed twice' '
	dis --undo frozen.journal 2>/dev/null &&
	test "$(ldap_state | grep -c " TRUE\$")" -eq 10000 &&
	: >"$SLAPD_DIR/slapd.log" &&
	dis_bg --in-flight 1 --journal locked.journal all.txt 2>/dev/null &&
	pid=$DIS_PID &&
	n=0 && while test "$(ldap_state | grep -c " FALSE\$")" -lt 100 && test $n -lt 200; do
		sleep 0.05; n=$((n + 1)); done &&
	test_expect_code 75 dis --journal locked.journal all.txt 2>err &&
	grep -F "locked.journal: in use by another run (process $pid)" err &&
	wait $pid &&
	test "$(ldap_state | grep -c " FALSE\$")" -eq 10000 &&
	mods_per_entry >mods && test "$(wc -l <mods)" -eq 10000 &&
	test "$(awk "\$1 != 1" mods | wc -l)" -eq 0
'

test_expect_success 'SIGTERM in the middle: a clean stop (143, summary, journal whole), then the same command finishes' '
	dis --undo locked.journal 2>/dev/null &&
	test "$(ldap_state | grep -c " TRUE\$")" -eq 10000 &&
	dis_bg --in-flight 1 --journal term.journal --report term.csv --rejects term.rej all.txt 2>term.err &&
	pid=$DIS_PID &&
	n=0 && while test "$(ldap_state | grep -c " FALSE\$")" -lt 1000 && test $n -lt 200; do
		sleep 0.05; n=$((n + 1)); done &&
	kill -TERM $pid && { wait $pid; rc=$?; } ;
	cat term.err; test "$rc" -eq 143 &&
	grep -E "10000 users: [0-9]+ disabled, [0-9]+ not attempted; journal term.journal; stopped by SIGTERM" term.err &&
	! grep -F "reconnect" term.err &&
	test -s term.csv && test -s term.rej && ! ls term*.tmp.* 2>/dev/null &&
	test "$(tail -c 1 term.journal | od -An -c | tr -d " ")" = "\n" &&
	dis --journal term.journal all.txt 2>err &&
	test "$(ldap_state | grep -c " FALSE\$")" -eq 10000
'

test_done
