#!/bin/sh
# ucmig-export at batch scale (not timed: bench/ measures speed): a
# generated Export-CsUserData ZIP of 20,000 users and a user list of
# 5,000 of them; every count checked against what the generator wrote.
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'generate 20,000 users x 20 contacts' '
	"$BUILD/gen-userdata" 20000 20 >DocItemSet.xml &&
	zip -q -1 big.zip DocItemSet.xml && rm DocItemSet.xml
'

test_expect_success 'export all: 400,000 contacts in 600,000 rows, 20,000 users listed' '
	ucmig-export --userdata big.zip -o big.csv --exported-users users.txt 2>err &&
	grep -F "20000 users processed, 20000 exported, 0 not found, 0 failed; 400000 contacts in 600000 rows (largest list 20, average 20.0, 0 federated); skipped: 20000 distribution-list group" err &&
	test "$(wc -l <big.csv)" -eq 600000 &&
	test "$(wc -l <users.txt)" -eq 20000 &&
	test "$(sort -u users.txt | wc -l)" -eq 20000
'

test_expect_success 'every row passes the BAT rules and names a generated user' '
	test "$(grep -cv "^user[0-9]*,example\.com,user[0-9]*,example\.com,User Number [0-9]*,\(Contacts\|Project Team Équipe\)" big.csv)" -eq 0
'

test_expect_success 'a user list of 5,000 picks exactly those users' '
	awk "NR % 4 == 1" users.txt >batch.txt &&
	echo sip:user99999@example.com >>batch.txt &&
	test_expect_code 1 ucmig-export --userdata big.zip --exported-users done.txt batch.txt >rows.csv 2>err &&
	grep -F "5000 users processed, 5000 exported, 1 not found" err &&
	head -n 5000 batch.txt | sort >want && sort done.txt >got && test_cmp want got &&
	test "$(wc -l <rows.csv)" -eq 150000
'

test_expect_success 'SIGINT while reading: 130, summary, data outputs and temporary files gone, report kept' '
	unzip -p big.zip DocItemSet.xml >whole.xml && mkfifo slow.xml || exit 1
	{ head -c 2000000 whole.xml; sleep 20; } >slow.xml &
	writer=$!
	ucmig-export --userdata slow.xml -o int.csv --exported-users int.txt --report int-rep.csv 2>int.err &
	pid=$! &&
	n=0 && while ! grep -q "export,exported" int-rep.csv.tmp.* 2>/dev/null && test $n -lt 200; do
		sleep 0.05; n=$((n + 1)); done &&
	sleep 0.3 && kill -INT $pid && { wait $pid; rc=$?; } ;
	kill $writer 2>/dev/null; wait $writer 2>/dev/null;
	cat int.err; test "$rc" -eq 130 &&
	grep -E "users processed, [0-9]+ exported.*; stopped by SIGINT" int.err &&
	! test -e int.csv && ! test -e int.txt && ! ls int*.tmp.* 2>/dev/null &&
	grep -q "export,exported" int-rep.csv
'

test_done
