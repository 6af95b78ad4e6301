#!/bin/sh
# Windows integrated authentication: --db-user DOMAIN\user logs in with
# FreeTDS's NTLM. The endpoint plays a server set to Windows logins only,
# with a domain that accepts NTLMv2 only (tests/servers/ntlm_server.py
# checks the NTLMv2 proof against the account's password).
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/tds.sh"
test_on_exit tds_stop

ACCOUNT='CORP\svc-ucmig'
ZIP=$EXAMPLES/ExportedUserData.zip

win_export() { # USER [ucmig-export OPTIONS...]
	_user=$1
	shift
	ucmig-export --db-host 127.0.0.1 --db-port "$TDS_PORT" --db-user "$_user" \
		--db-password-file "$TDS_PWFILE" "$@"
}

test_setup 'an endpoint taking Windows logins only, for CORP\svc-ucmig' '
	tds_start "$TRASH/tds" --data "$DATA/rtc-example.sql" \
		--windows-account "$ACCOUNT" --windows-only &&
	ucmig-export --userdata "$ZIP" >file.csv 2>/dev/null
'

test_expect_success 'a Windows login (NTLMv2) exports the same rows as the file' '
	: >"$TDS_LOG" &&
	win_export "$ACCOUNT" >win.csv 2>err &&
	test_cmp file.csv win.csv &&
	grep -x "LOGIN CORP\\\\svc-ucmig" "$TDS_LOG" &&
	grep -x "REQUEST sspi" "$TDS_LOG"
'

test_expect_success 'the user name without regard to case, as Windows does' '
	win_export "corp\\SVC-UCMIG" >case.csv 2>err &&
	test_cmp file.csv case.csv
'

test_expect_success 'a wrong password: 77, login rejected, the password never printed' '
	printf "Wrong-Pa55\n" >wrong.pw &&
	: >"$TDS_LOG" &&
	test_expect_code 77 ucmig-export --db-host 127.0.0.1 --db-port "$TDS_PORT" --db-user "$ACCOUNT" \
		--db-password-file wrong.pw -o never.csv 2>err &&
	grep -F "login rejected" err && grep -F "18456" err &&
	grep -F "wrong password (NTLMv2 proof does not match)" "$TDS_LOG" &&
	! grep -F "Wrong-Pa55" err && ! test -e never.csv
'

test_expect_success 'another account of the domain is refused (77)' '
	test_expect_code 77 win_export "CORP\\someone" -o never.csv 2>err &&
	grep -F "login rejected" err && ! test -e never.csv
'

test_expect_success 'a SQL login on a Windows-only server: 77, "not associated with a trusted SQL Server connection"' '
	test_expect_code 77 win_export "$TDS_USER" -o never.csv 2>err &&
	grep -F "not associated with a trusted SQL Server connection" err && grep -F "18452" err &&
	! test -e never.csv
'

test_expect_success 'an NTLMv1-only client (use ntlmv2 = no) is refused (77), nothing read' '
	printf "[global]\n\tuse ntlmv2 = no\n" >v1.conf &&
	: >"$TDS_LOG" &&
	test_expect_code 77 env FREETDSCONF="$PWD/v1.conf" ucmig-export --db-host 127.0.0.1 \
		--db-port "$TDS_PORT" --db-user "$ACCOUNT" --db-password-file "$TDS_PWFILE" -o never.csv 2>err &&
	grep -F "NTLMv1 response; this domain accepts NTLMv2 only" "$TDS_LOG" &&
	grep -F "18452" err && ! grep -F "REQUEST rpc" "$TDS_LOG" && ! test -e never.csv
'

test_expect_success 'without a Windows account on the server, a Windows login is refused (77)' '
	tds_stop && tds_start "$TRASH/tds" --data "$DATA/rtc-example.sql" &&
	test_expect_code 77 win_export "$ACCOUNT" -o never.csv 2>err &&
	grep -F "untrusted domain" err && ! test -e never.csv
'

test_done
