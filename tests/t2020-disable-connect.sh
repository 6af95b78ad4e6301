#!/bin/sh
# ucmig-disable's connection: TLS on by default, clear-text binds refused,
# every password source, wrong password (77), server down (69), an
# untrusted certificate (69), a wrong base (78); the password never shows.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
. "$TEST_DIRECTORY/servers/blackhole.sh"
test_on_exit slapd_stop
test_on_exit 'blackhole_stop "$TRASH/bh"'

test_setup 'slapd with 3 users' '
	slapd_setup "$TRASH/ldap" && slapd_add_users 3 && slapd_start
'
echo sip:user00001@example.com >one.txt
echo sip:user00002@example.com >two.txt

test_expect_success 'a password bind over ldap:// without TLS is refused (64), nothing changed' '
	ldap_state >before &&
	test_expect_code 64 ucmig-disable -H "$SLAPD_URI" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" one.txt 2>err &&
	grep -F "refusing to send a password without TLS" err &&
	ldap_state >after && test_cmp before after
'

test_expect_success '--insecure allows it' '
	ucmig-disable --insecure -n -H "$SLAPD_URI" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" one.txt 2>err &&
	grep -F "1 would be disabled" err
'

test_expect_success 'StartTLS with -ZZ' '
	ucmig-disable -ZZ -H "$SLAPD_URI" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" one.txt 2>err &&
	test "$(ldap_enabled sip:user00001@example.com)" = FALSE
'

test_expect_success 'password from UCMIG_LDAP_PASSWORD' '
	UCMIG_LDAP_PASSWORD=$MIGRATOR_PW ucmig-disable -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" two.txt 2>err &&
	test "$(ldap_enabled sip:user00002@example.com)" = FALSE
'

test_expect_success '-W reads the password from the terminal, echo off' '
	echo sip:user00003@example.com >three.txt &&
	{ sleep 1; printf "%s\n" "$MIGRATOR_PW"; } |
		script -qec "ucmig-disable -H $SLAPD_LDAPS -D $MIGRATOR_DN -W three.txt" /dev/null >tty.out &&
	grep -F "LDAP password:" tty.out &&
	! grep -F "$MIGRATOR_PW" tty.out &&
	test "$(ldap_enabled sip:user00003@example.com)" = FALSE
'

test_expect_success '-D without any password source is a usage error' '
	test_expect_code 64 env -u UCMIG_LDAP_PASSWORD ucmig-disable -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" one.txt 2>err &&
	grep -F -- "-D needs a password" err
'

test_expect_success 'wrong password exits 77, the password is not printed' '
	echo "Wr0ng-Passw0rd" >wrong.pw &&
	ldap_state >before &&
	test_expect_code 77 ucmig-disable -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y wrong.pw --report r.csv one.txt 2>err &&
	grep -F "bind failed: Invalid credentials (49)" err &&
	! grep -F "Wr0ng" err r.csv &&
	ldap_state >after && test_cmp before after
'

test_expect_success 'an untrusted server certificate exits 69' '
	mkdir other && slapd_mkpki other &&
	test_expect_code 69 env LDAPTLS_CACERT="$TRASH/other/ca.crt" \
		ucmig-disable -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" one.txt 2>err &&
	grep -F "Can'\''t contact LDAP server" err &&
	grep -F "the server answers, but the TLS handshake failed (is its certificate trusted? see LDAPTLS_CACERT)" err
'

test_expect_success 'a base that does not exist exits 78' '
	test_expect_code 78 ucmig-disable -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" \
		-b ou=Nowhere,dc=example,dc=com one.txt 2>err &&
	grep -F "No such object" err
'

test_expect_success 'server not running exits 69' '
	slapd_stop &&
	test_expect_code 69 ucmig-disable -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" one.txt 2>err &&
	grep -F "Can'\''t contact LDAP server" err
'

# The time a command took, in whole seconds, into $elapsed.
timed() {
	_t0=$(date +%s)
	"$@"
	_rc=$?
	elapsed=$(( $(date +%s) - _t0 ))
	return $_rc
}

test_expect_success 'a server that accepts and never answers: 69 within --timeout, ldaps:// and StartTLS alike' '
	blackhole_start "$TRASH/bh" &&
	timed test_expect_code 69 ucmig-disable --timeout 2 -H "ldaps://127.0.0.1:$BLACKHOLE_PORT" \
		-D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" one.txt 2>err &&
	grep -F "no answer within 2 s (--timeout)" err && test $elapsed -le 4 &&
	timed test_expect_code 69 ucmig-disable --timeout 2 -ZZ -H "ldap://127.0.0.1:$BLACKHOLE_PORT" \
		-D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" one.txt 2>err &&
	test $elapsed -le 4
'

test_expect_success 'a slapd frozen (SIGSTOP) before the bind: 69 within --timeout, then the same command finishes' '
	slapd_start &&
	seq -f "sip:user%05g@example.com" 1 3 >three.txt &&
	kill -STOP "$(cat "$SLAPD_DIR/harness.pid")" &&
	timed test_expect_code 69 ucmig-disable --timeout 2 -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" \
		-y "$MIGRATOR_PWFILE" --journal frozen.journal three.txt 2>err;
	rc=$?;
	kill -CONT "$(cat "$SLAPD_DIR/harness.pid")";
	test $rc -eq 0 && cat err && test $elapsed -le 4 &&
	ucmig-disable -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" --journal frozen.journal three.txt 2>err &&
	for u in 1 2 3; do test "$(ldap_enabled sip:user0000$u@example.com)" = FALSE || exit 1; done
'

test_done
