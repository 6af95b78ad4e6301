#!/bin/sh
# ucmig-import --bat and --webex: the files for BAT upload and for Webex
# Control Hub, planned per node, window and file limit, read back and
# compared exactly; bad input leaves nothing written.
. "$(dirname "$0")/test-lib.sh"

ZIP=$EXAMPLES/ExportedUserData.zip

# gen_rows USERS CONTACTS [DOMAIN]: CONTACTS distinct contacts for each of
# u1..uUSERS, one row each, in group G.
gen_rows() {
	awk -v u="$1" -v c="$2" -v d="${3:-example.com}" 'BEGIN {
		for (i = 1; i <= u; i++) for (j = 1; j <= c; j++)
			printf "u%d,%s,c%d,%s,Contact %d,G\r\n", i, d, j, d, j }'
}

test_setup 'the example export as BAT CSV' '
	ucmig-export --userdata "$ZIP" -o rows.csv 2>/dev/null &&
	test "$(wc -l <rows.csv)" -eq 8
'

test_expect_success 'one node: the rows as they came, no header, plan.csv, files 0600' '
	ucmig-import --bat out --domains example.com --report rep.csv rows.csv >table 2>err &&
	test_cmp rows.csv out/all-01.csv &&
	printf "Node,File,Users,Rows,Contacts,Expected Duration,Window\r\nall,all-01.csv,2,8,7,-,1\r\n" >expect &&
	test_cmp expect out/plan.csv &&
	test "$(stat -c %a out)" = 700 && test "$(stat -c %a out/all-01.csv)" = 600 &&
	test "$(stat -c %a out/plan.csv)" = 600 &&
	grep -F "8 rows of 2 users: 8 rows of 2 users planned in 1 file; 1 federated row (outside --domains) kept" err &&
	grep -E "^all +all-01.csv +2 +8 +7 +- +1$" table &&
	grep -F "alice@example.com,import,planned,\"5 contacts, 6 rows in all-01.csv (node all)\"" rep.csv
'

test_expect_success 'with a header, from stdin, as UTF-16LE with BOM: the same files' '
	{ printf "User ID,User Domain,Contact ID,Contact Domain,Nickname,Group Name\r\n"; cat rows.csv; } >hdr.csv &&
	cat hdr.csv | ucmig-import --bat out2 2>err &&
	test_cmp rows.csv out2/all-01.csv &&
	{ printf "\377\376"; iconv -f UTF-8 -t UTF-16LE hdr.csv; } >u16.csv &&
	ucmig-import --bat out3 u16.csv 2>err &&
	test_cmp rows.csv out3/all-01.csv
'

test_expect_success '--header writes the header line first' '
	ucmig-import --bat outh --header rows.csv 2>err &&
	head -n 1 outh/all-01.csv | grep -Fx "User ID,User Domain,Contact ID,Contact Domain,Nickname,Group Name$(printf "\r")" &&
	test "$(wc -l <outh/all-01.csv)" -eq 9
'

test_expect_success 'a plan is never written over (73); the old one untouched' '
	cp out/plan.csv before.csv &&
	test_expect_code 73 ucmig-import --bat out rows.csv 2>err &&
	grep -F "out/all-01.csv: exists already" err && test_cmp before.csv out/plan.csv
'

test_expect_success 'bad rows: 65 naming file, line and field, every one; nothing written' '
	{ sed -n 1,3p rows.csv; printf "alice,example.com,zed,example..com,Z,G\r\n"; sed -n 4,8p rows.csv;
	  printf "bob,example.com,,example.com,X,G\r\n"; } >bad.csv &&
	test_expect_code 65 ucmig-import --bat badout --report badrep.csv bad.csv 2>err &&
	grep -F "bad.csv:4: Contact Domain" err && grep -F "bad.csv:10: Contact ID is empty" err &&
	grep -F "2 of 10 rows are not valid BAT contact rows; nothing written" err &&
	! test -e badout && ! test -e badrep.csv &&
	printf "a,example.com,b,example.com\r\n" >short.csv &&
	test_expect_code 65 ucmig-import --bat badout short.csv 2>err &&
	grep -F "short.csv:1:" err && ! test -e badout
'

test_expect_success 'self-contacts and repeated rows are dropped and reported (exit 0)' '
	{ cat rows.csv; printf "alice,example.com,Alice,EXAMPLE.com,Me,G\r\n"; sed -n 2p rows.csv; } >dup.csv &&
	ucmig-import --bat dupout --report duprep.csv dup.csv 2>err &&
	test_cmp rows.csv dupout/all-01.csv &&
	grep -F "dropped: 1 self-contact, 1 duplicate" err &&
	grep -F "alice@example.com,import,self-contact,Alice@EXAMPLE.com in G (line 9)" duprep.csv &&
	grep -F "alice@example.com,import,duplicate,bob@example.com in Équipe Müller (line 10)" duprep.csv
'

test_expect_success 'over --max-contacts: the contact and all its rows left out, named, in --rejects (exit 1)' '
	test_expect_code 1 ucmig-import --bat lim --max-contacts 3 --rejects lim-rej.csv --report limrep.csv rows.csv 2>err &&
	sed -n "1,4p;7,8p" rows.csv >expect && test_cmp expect lim/all-01.csv &&
	sed -n "5,6p" rows.csv >expect && test_cmp expect lim-rej.csv &&
	test "$(stat -c %a lim-rej.csv)" = 600 &&
	grep -F "dropped: 2 over the contact limit" err &&
	grep -F "alice@example.com,import,over-limit,jose@example.com in Favorites (line 5)" limrep.csv &&
	ucmig-import --bat lim2 --max-contacts 3 --keep-over-limit rows.csv 2>err &&
	test_cmp rows.csv lim2/all-01.csv && grep -F "2 rows over the contact limit kept" err
'

test_expect_success 'per node from the assignment; a user not in it refused with rows in --rejects (exit 1)' '
	gen_rows 4 3 >four.csv &&
	printf "UserID,Subcluster Name,Node Name\r\nU1,sub1,imp1.example.com\r\nu2,sub1,imp2.example.com\r\nu4,sub1,imp1.example.com\r\n" >asg.csv &&
	test_expect_code 1 ucmig-import --bat nodes --assignment asg.csv --rejects nrej.csv --report nrep.csv four.csv >table 2>err &&
	grep "^u[14]," four.csv >expect && test_cmp expect nodes/imp1.example.com-01.csv &&
	grep "^u2," four.csv >expect && test_cmp expect nodes/imp2.example.com-01.csv &&
	grep "^u3," four.csv >expect && test_cmp expect nrej.csv &&
	grep -F "refused: 1 user not in the assignment" err &&
	grep -F "u3@example.com,import,unassigned,UserID u3 has no node in the assignment; 3 rows not planned" nrep.csv &&
	test "$(ls nodes | sort | tr "\n" " ")" = "imp1.example.com-01.csv imp2.example.com-01.csv plan.csv "
'

test_expect_success 'an assignment without its header, or a user on two nodes, is 65; nothing written' '
	printf "u1,sub1,imp1\r\n" >nohdr.csv &&
	test_expect_code 65 ucmig-import --bat x --assignment nohdr.csv four.csv 2>err &&
	grep -F "nohdr.csv:1: not a BAT user assignment export" err && ! test -e x &&
	printf "UserID,Subcluster Name,Node Name\r\nu1,s,imp1\r\nu1,s,imp2\r\n" >twice.csv &&
	test_expect_code 65 ucmig-import --bat x --assignment twice.csv four.csv 2>err &&
	grep -F "twice.csv:3: UserID u1 is assigned to imp2 here and to imp1 on line 2" err && ! test -e x
'

test_expect_success 'windows: rate x window rows a file, one user never split, durations in the plan' '
	gen_rows 5 250 >five.csv &&
	ucmig-import --bat win --rate 10 --window 1m --max-contacts 0 five.csv >table 2>err &&
	printf "Node,File,Users,Rows,Contacts,Expected Duration,Window\r\nall,all-01.csv,2,500,500,50s,1\r\nall,all-02.csv,2,500,500,50s,2\r\nall,all-03.csv,1,250,250,25s,3\r\n" >expect &&
	test_cmp expect win/plan.csv &&
	grep "^u[12]," five.csv >expect && test_cmp expect win/all-01.csv &&
	grep "^u[34]," five.csv >expect && test_cmp expect win/all-02.csv &&
	grep "^u5," five.csv >expect && test_cmp expect win/all-03.csv &&
	ucmig-import --bat win2 --ova 2000 --window 90m --max-contacts 0 five.csv >table 2>err &&
	grep -F "all,all-01.csv,5,1250,1250,3m29s,1" win2/plan.csv
'

test_expect_success 'a user larger than a window gets a file alone, with a warning' '
	ucmig-import --bat big --rate 1 --window 1m --max-contacts 0 five.csv >table 2>err &&
	grep -F "u1@example.com: 250 rows, more than one file holds (60); it gets all-01.csv alone" err &&
	test "$(ls big | wc -l)" -eq 6
'

test_expect_success 'a node over its capacity (5,000-user OVA, HA: 45,000) is 65; nothing written' '
	gen_rows 91 500 >cap.csv &&
	test_expect_code 65 ucmig-import --bat cap --ova 5000 --ha --max-contacts 0 cap.csv 2>err &&
	grep -F "node all: 45500 contacts in this batch, over its capacity of 45000 (halved for high availability)" err &&
	! test -e cap &&
	ucmig-import --bat cap --ova 5000 --max-contacts 0 cap.csv >/dev/null 2>err
'

test_expect_success 'Webex: files of at most 10,000 rows with the header, users whole, 500 contacts each' '
	gen_rows 25 501 >wx.csv &&
	test_expect_code 1 ucmig-import --webex wx --rejects wxrej.csv wx.csv >table 2>err &&
	printf "Node,File,Users,Rows,Contacts,Expected Duration,Window\r\nwebex,webex-01.csv,20,10000,10000,-,1\r\nwebex,webex-02.csv,5,2500,2500,-,2\r\n" >expect &&
	test_cmp expect wx/plan.csv &&
	head -n 1 wx/webex-01.csv | grep -F "User ID,User Domain,Contact ID" &&
	test "$(sed 1d wx/webex-01.csv | cut -d, -f1 | uniq | wc -l)" -eq 20 &&
	test "$(sed 1d wx/webex-02.csv | cut -d, -f1 | uniq | tr "\n" " ")" = "u21 u22 u23 u24 u25 " &&
	grep -c ",c501," wxrej.csv | grep -x 25 && test "$(wc -l <wxrej.csv)" -eq 25
'

test_expect_success 'usage errors: no mode, both modes, Webex with nodes, a window without a rate' '
	test_expect_code 64 ucmig-import rows.csv 2>err && grep -F "give --bat DIR, --webex DIR or --xmpp URL" err &&
	test_expect_code 64 ucmig-import --bat a --webex b rows.csv 2>err &&
	test_expect_code 64 ucmig-import --webex a --assignment asg.csv rows.csv 2>err &&
	test_expect_code 64 ucmig-import --webex a --max-contacts 600 rows.csv 2>err &&
	grep -F "Webex takes at most 500 contacts per user" err &&
	test_expect_code 64 ucmig-import --bat a --window 4h rows.csv 2>err &&
	grep -F "needs the import rate" err &&
	test_expect_code 64 ucmig-import --bat a --rate 5 --window 4x rows.csv 2>err &&
	grep -F "is not a duration" err &&
	test_expect_code 64 ucmig-import --bat a --rejects rows.csv rows.csv 2>err &&
	! test -e a
'

test_expect_success 'nodes whose names make one file name are 65 naming both; nothing written' '
	gen_rows 2 2 >two.csv &&
	printf "UserID,Subcluster Name,Node Name\r\nu1,s,a/b\r\nu2,s,a_b\r\n" >clash.csv &&
	test_expect_code 65 ucmig-import --bat clashdir --assignment clash.csv two.csv 2>err &&
	grep -F "the assignment'\''s nodes '\''a/b'\'' and '\''a_b'\'' would both get the files a_b-NN.csv" err &&
	! test -e clashdir &&
	printf "UserID,Subcluster Name,Node Name\r\nu1,s,a b\r\nu2,s,A_B\r\n" >clash2.csv &&
	test_expect_code 65 ucmig-import --bat clashdir --assignment clash2.csv two.csv 2>err && ! test -e clashdir
'

test_expect_success 'a node named "../../evil" writes no hidden file and nothing outside the directory' '
	printf "UserID,Subcluster Name,Node Name\r\nu1,s,../../evil\r\nu2,s,ok\r\n" >evil.csv &&
	ucmig-import --bat evildir --assignment evil.csv two.csv >/dev/null 2>err &&
	test "$(ls -A evildir | sort | tr "\n" " ")" = "_._.._evil-01.csv ok-01.csv plan.csv " &&
	! ls ../.. | grep -q evil
'

test_expect_success 'a node name with a control character (a newline in quotes) is 65 naming the line' '
	printf "UserID,Subcluster Name,Node Name\r\nu1,s,\"imp1\nimp2\"\r\n" >nl.csv &&
	test_expect_code 65 ucmig-import --bat nldir --assignment nl.csv two.csv 2>err &&
	grep -F "nl.csv:2: Node Name holds a control character (0x0a)" err && ! test -e nldir
'

test_expect_success 'an output naming a file of the plan, or the plan, is 64; nothing written' '
	test_expect_code 64 ucmig-import --bat planout --rejects planout/all-01.csv two.csv 2>err &&
	grep -F "all-01.csv" err && ! test -e planout &&
	test_expect_code 64 ucmig-import --bat planout --report planout/plan.csv two.csv 2>err &&
	grep -F "plan.csv" err && ! test -e planout &&
	mkdir planout2 &&
	test_expect_code 64 ucmig-import --bat planout2 --report planout2/plan.csv two.csv 2>err &&
	test "$(ls -A planout2)" = ""
'

test_expect_success 'ucmig.conf: a section name in capitals counts; [ucmig] dry-run and a file'\''s mode give way to --bat' '
	printf "[UCMIG-IMPORT]\nheader = yes\n" >caps.conf &&
	UCMIG_CONF=caps.conf ucmig-import --bat capsdir two.csv >/dev/null 2>err &&
	head -n 1 capsdir/all-01.csv | grep -F "User ID" &&
	printf "[ucmig]\ndry-run = yes\njournal = shared.journal\n[ucmig-import]\nxmpp = http://127.0.0.1:9/api\n" >modes.conf &&
	UCMIG_CONF=modes.conf ucmig-import --bat modedir two.csv >/dev/null 2>err &&
	test -s modedir/all-01.csv && ! test -e shared.journal &&
	test_expect_code 64 env UCMIG_CONF=modes.conf ucmig-import --bat modedir2 -n two.csv 2>err &&
	grep -F -- "--dry-run and --journal are for --xmpp" err &&
	test_expect_code 64 ucmig-import --bat a --xmpp http://127.0.0.1:9/api two.csv 2>err &&
	grep -F "give one of --bat, --webex and --xmpp" err
'

test_expect_success '--excel-safe: a node named "=1+1" is text in plan.csv and the report, the BAT file unchanged' '
	printf "UserID,Subcluster Name,Node Name\r\nu1,s,=1+1\r\nu2,s,=1+1\r\n" >formula.csv &&
	ucmig-import --bat xl --assignment formula.csv --excel-safe --report xl.rep two.csv >/dev/null 2>err &&
	grep -F "'\''=1+1,_1_1-01.csv" xl/plan.csv &&
	test_cmp two.csv xl/_1_1-01.csv &&
	ucmig-import --bat xl2 --assignment formula.csv two.csv >/dev/null 2>err &&
	grep "^=1+1,_1_1-01.csv" xl2/plan.csv
'

test_expect_success 'a report that cannot be written (a full disk) is 74 and no BAT file or plan is put in place' '
	test_expect_code 74 ucmig-import --bat fullrep --report /dev/full two.csv >/dev/null 2>err &&
	grep -F "cannot write the report" err &&
	test -z "$(ls -A fullrep 2>/dev/null)"
'

test_expect_success 'the plan table to a full standard output is 74, not 0' '
	test_expect_code 74 ucmig-import --bat fullout two.csv >/dev/full 2>err &&
	grep -F "standard output: cannot write" err
'

test_done
