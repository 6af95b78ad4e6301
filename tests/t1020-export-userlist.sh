#!/bin/sh
# ucmig-export with a USERLIST: only those users, the rest counted as not
# found; every user-list format of SPEC.md section 2; bad lists stop the
# run before the source is read.
. "$(dirname "$0")/test-lib.sh"

ZIP=$EXAMPLES/ExportedUserData.zip

test_expect_success 'only listed users are exported; the unknown one is not found (exit 1)' '
	test_expect_code 1 ucmig-export --userdata "$ZIP" --report rep.csv \
		--exported-users done.txt "$EXAMPLES/users.txt" >rows.csv 2>err &&
	grep -F "3 users processed, 2 exported, 1 not found, 0 failed" err &&
	grep -F "sip:nobody@example.com,export,not-found" rep.csv &&
	printf "sip:alice@example.com\nsip:bob@example.com\n" >expect &&
	test_cmp expect done.txt &&
	test "$(wc -l <rows.csv)" -eq 8
'

test_expect_success 'user list on stdin, case-insensitive match' '
	printf "SIP:BOB@EXAMPLE.COM\n" | ucmig-export --userdata "$ZIP" - >rows.csv 2>err &&
	crlf "bob,example.com,alice,example.com,Alice,Contacts" \
	     "bob,example.com,erin,example.com,Erin,Projects" >expect &&
	test_cmp expect rows.csv
'

test_expect_success 'a UTF-16LE user list with BOM and CRLF (PowerShell) works' '
	printf "\377\376s\000i\000p\000:\000b\000o\000b\000@\000e\000x\000a\000m\000p\000l\000e\000.\000c\000o\000m\000\r\000\n\000" >ps.txt &&
	ucmig-export --userdata "$ZIP" ps.txt >rows.csv 2>/dev/null &&
	test "$(wc -l <rows.csv)" -eq 2
'

test_expect_success 'a malformed user list line exits 65 with file and line, before any output' '
	printf "sip:alice@example.com\nsip@chuck@example.com\n" >bad.txt &&
	test_expect_code 65 ucmig-export --userdata "$ZIP" -o out.csv bad.txt 2>err &&
	grep -F "bad.txt:2: malformed SIP URI '\''sip@chuck@example.com'\''" err &&
	test ! -e out.csv
'

test_expect_success 'IM and Presence user assignment export with --domain' '
	printf "UserID,Subcluster Name,Node Name\r\nalice,Sub1,imp1\r\n" >assign.csv &&
	ucmig-export --userdata "$ZIP" --domains example.com assign.csv >rows.csv 2>/dev/null &&
	test "$(wc -l <rows.csv)" -eq 6 &&
	test "$(cut -d, -f1 rows.csv | sort -u)" = alice
'

test_expect_success 'user assignment export without --domains is a usage error' '
	test_expect_code 64 ucmig-export --userdata "$ZIP" assign.csv 2>err &&
	grep -F "assign.csv:1: this is an IM and Presence user assignment export; give --domain" err
'

test_expect_success 'DN: entries are refused until export has a directory connection' '
	printf "DN:OU=Sales,DC=example,DC=com\n" >dn.txt &&
	test_expect_code 64 ucmig-export --userdata "$ZIP" dn.txt 2>err &&
	grep -F "dn.txt:1: '\''DN:'\'' entries need a directory connection" err
'

test_expect_success 'two user lists, or both inputs on stdin, are usage errors' '
	test_expect_code 64 ucmig-export --userdata "$ZIP" a.txt b.txt 2>err &&
	test_expect_code 64 ucmig-export --userdata - - </dev/null 2>err &&
	grep -F "cannot both be stdin" err
'

test_done
