#!/bin/sh
# ucmig-rename --map: the filter on BAT contact CSV. Output compared byte
# for byte; map errors are 65 with the line and nothing written.
. "$(dirname "$0")/test-lib.sh"

ZIP=$EXAMPLES/ExportedUserData.zip

test_setup 'the example export and a map' '
	ucmig-export --userdata "$ZIP" -o rows.csv 2>/dev/null &&
	printf "Contact ID,New Contact ID\r\nBob@EXAMPLE.com,robert@corp.example.com\r\nalice@example.com,alice.smith@example.com\r\n" >map.csv
'

test_expect_success 'contacts renamed (case-insensitive), every other byte kept, CRLF kept' '
	ucmig-rename --map map.csv --report rep.csv rows.csv >out.csv 2>err &&
	sed "s/^alice,example.com,bob,example.com,/alice,example.com,robert,corp.example.com,/; s/^bob,example.com,alice,example.com,/bob,example.com,alice.smith,example.com,/" rows.csv >expect &&
	test_cmp expect out.csv &&
	grep -F "8 rows: 3 contacts renamed; map of 2: 2 renamed" err &&
	grep -F "Bob@EXAMPLE.com,rename,renamed,2 rows" rep.csv
'

test_expect_success '--owners renames the owners too' '
	ucmig-rename --map map.csv --owners rows.csv >own.csv 2>err &&
	test "$(grep -c "^alice.smith,example.com," own.csv)" -eq 6 &&
	grep -Fx "robert,corp.example.com,alice.smith,example.com,Alice,Contacts$(printf "\r")" own.csv &&
	grep -F "3 contacts renamed, 8 owners renamed" err
'

test_expect_success 'im-address in ucmig.conf is the map'"'"'s: the filter leaves it be; on its command line it is refused' '
	printf "[ucmig-rename]\nim-address = userid\n" >im.conf &&
	UCMIG_CONF=im.conf ucmig-rename --map map.csv rows.csv >im.csv 2>err &&
	test_cmp out.csv im.csv && ! grep -F "im-address" err &&
	test_expect_code 64 ucmig-rename --map map.csv --im-address userid rows.csv 2>err &&
	grep -F -- "--im-address is for --map-from-ldap" err
'

test_expect_success 'LF input stays LF; a header, a BOM, blank lines and a last line without newline pass through' '
	{ printf "\357\273\277User ID,User Domain,Contact ID,Contact Domain,Nickname,Group Name\n\n"; tr -d "\r" <rows.csv | head -c -1; } >lf.csv &&
	ucmig-rename --map map.csv lf.csv >lf.out 2>err &&
	{ printf "\357\273\277User ID,User Domain,Contact ID,Contact Domain,Nickname,Group Name\n\n"; tr -d "\r" <expect | head -c -1; } >lf.expect &&
	test_cmp lf.expect lf.out
'

test_expect_success 'the last @ splits the ID: bjones@usa@example.com' '
	printf "Contact ID,New Contact ID\nbjones@usa@example.com,bob.jones@example.com\n" >at.map &&
	printf "carl,example.com,bjones@usa,example.com,BJ,G\r\ncarl,example.com,bjones,usa@example.com,X,G\r\n" >at.csv &&
	ucmig-rename --map at.map at.csv >at.out 2>err &&
	printf "carl,example.com,bob.jones,example.com,BJ,G\r\ncarl,example.com,bjones,usa@example.com,X,G\r\n" >at.expect &&
	test_cmp at.expect at.out
'

test_expect_success 'quoted fields: a renamed row keeps the others as written' '
	printf "carl,example.com,\"bob\",example.com,\"Bob, \"\"B\"\"\",G\r\n" >q.csv &&
	ucmig-rename --map map.csv q.csv >q.out 2>err &&
	printf "carl,example.com,robert,corp.example.com,\"Bob, \"\"B\"\"\",G\r\n" >q.expect &&
	test_cmp q.expect q.out
'

test_expect_success 'from stdin to -o FILE (0600); a malformed row is 65 with its line and no file' '
	cat rows.csv | ucmig-rename --map map.csv -o piped.csv 2>err &&
	test_cmp expect piped.csv && test "$(stat -c %a piped.csv)" = 600 &&
	{ cat rows.csv; printf "a,b,c\r\n"; } >short.csv &&
	test_expect_code 65 ucmig-rename --map map.csv -o never.csv short.csv 2>err &&
	grep -F "short.csv:9: not a BAT contact row (6 or 7 fields)" err && ! test -e never.csv &&
	printf "a,example.com,\"b,example.com,N,G\r\n" >quote.csv &&
	test_expect_code 65 ucmig-rename --map map.csv quote.csv >/dev/null 2>err &&
	grep -F "quote.csv:1: a stray or unterminated quote" err
'

test_expect_success 'UTF-16 input is refused with advice (65)' '
	{ printf "\377\376"; iconv -f UTF-8 -t UTF-16LE rows.csv; } >u16.csv &&
	test_expect_code 65 ucmig-rename --map map.csv u16.csv >/dev/null 2>err &&
	grep -F "iconv -f UTF-16 -t UTF-8" err
'

test_expect_success 'map errors: 65 naming every line, nothing written' '
	printf "Contact ID,New Contact ID\nbob@example.com,robert@example.com\nBOB@example.com,bobby@example.com\nx@example.com,y@example.com\ny@example.com,z@example.com\nno-at,a@example.com\nq@example.com,q@EXAMPLE.com\nlong@example.com,$(printf "%0133d" 0)@example.com\nw@bad..domain,v@example.com\n" >bad.map &&
	test_expect_code 65 ucmig-rename --map bad.map -o never.csv rows.csv 2>err &&
	grep -F "bad.map:3: '\''BOB@example.com'\'' was given another new ID on line 2" err &&
	grep -F "bad.map:4: the new ID is renamed again on line 5" err &&
	grep -F "bad.map:6: '\''no-at'\'' is not an IM address" err &&
	grep -F "bad.map:7: '\''q@example.com'\'' is renamed to itself" err &&
	grep -F "bad.map:8:" err && grep -F "longer than 132 characters" err &&
	grep -F "bad.map:9:" err &&
	! test -e never.csv
'

test_expect_success 'a cycle is a chain too; a missing header is 65; the same pair twice is one' '
	printf "Contact ID,New Contact ID\na@example.com,b@example.com\nb@example.com,a@example.com\n" >cycle.map &&
	test_expect_code 65 ucmig-rename --map cycle.map rows.csv >/dev/null 2>err &&
	grep -F "cycle.map:2: the new ID is renamed again on line 3" err &&
	grep -F "cycle.map:3: the new ID is renamed again on line 2" err &&
	printf "bob@example.com,robert@example.com\n" >nohdr.map &&
	test_expect_code 65 ucmig-rename --map nohdr.map rows.csv >/dev/null 2>err &&
	grep -F "nohdr.map:1: not a BAT rename file" err &&
	printf "Contact ID,New Contact ID\nbob@example.com,robert@example.com\nbob@example.com,Robert@example.com\n" >twice.map &&
	ucmig-rename --map twice.map rows.csv >/dev/null 2>err && grep -F "map of 1" err
'

test_expect_success 'usage: no --map (64); the output cannot be the input (64)' '
	test_expect_code 64 ucmig-rename rows.csv 2>err && grep -F "give --map FILE" err &&
	test_expect_code 64 ucmig-rename --map map.csv -o rows.csv rows.csv 2>err &&
	test_cmp expect out.csv
'

test_expect_success '--excel-safe quotes the report'\''s cells, never the CSV: a contact renamed to "+robert"' '
	printf "Contact ID,New Contact ID\n=bob@example.com,x@example.com\nbob@example.com,+robert@example.com\n" >xl.map &&
	printf "dora,example.com,bob,example.com,Bob,Friends\n" >xl.csv &&
	ucmig-rename --map xl.map --report xl-report.csv --excel-safe -o xl-out.csv xl.csv 2>/dev/null &&
	printf "dora,example.com,+robert,example.com,Bob,Friends\n" >xl-expect.csv &&
	test_cmp xl-expect.csv xl-out.csv &&
	grep -Fx "'\''=bob@example.com,rename,unused,$(printf "\r")" xl-report.csv &&
	ucmig-rename --map xl.map --report plain-report.csv xl.csv >/dev/null 2>&1 &&
	grep -Fx "=bob@example.com,rename,unused,$(printf "\r")" plain-report.csv
'

test_done
