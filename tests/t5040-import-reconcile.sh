#!/bin/sh
# ucmig-import --reconcile: what the presence server holds (its BAT
# export, or the live rosters of a real ejabberd) against what was to
# arrive; the report, the missing rows and the summary read back exactly,
# bad inputs refused with nothing written, and the missing rows as the
# next import after an import killed part way.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/ejabberd.sh"
. "$TEST_DIRECTORY/servers/latency-link.sh"
. "$TEST_DIRECTORY/lib-roster-kill.sh"
test_on_exit ejabberd_stop

rec() {
	ucmig-import --reconcile "$@"
}
# A report without its CRLF line ends, to compare.
lines() {
	tr -d "\r" <"$1"
}


test_setup 'what was to arrive, and what the server exported' '
	cat >source.csv <<-EOF &&
	alice,example.com,bob,example.com,Bob,Friends
	alice,example.com,carol,example.com,Carol,Friends
	alice,example.com,carol,example.com,Carol,Work
	alice,example.com,alice,example.com,Me,Friends
	alice,example.com,dave,partner.com,Dave,Partners
	bob,example.com,alice,example.com,Alice,Team
	bob,example.com,alice,example.com,Alice,Team
	erin,example.com,bob,example.com,Bob,General
	EOF
	cat >target.csv <<-EOF
	User ID,User Domain,Contact ID,Contact Domain,Nickname,Group Name
	zed,example.com,alice,example.com,Alice,Old
	Alice,Example.com,BOB,example.com,Bob,Friends
	alice,example.com,carol,example.com,Carol,Work
	alice,example.com,frank,example.com,Frank,Friends
	bob,example.com,alice,example.com,Alice,Team
	EOF
'

test_expect_success 'per owner: expected, present, missing, extra; the missing rows as BAT CSV; exit 1' '
	test_expect_code 1 rec target.csv source.csv --missing missing.csv --report rep.csv 2>err &&
	cat >expect <<-EOF &&
	key,action,result,detail
	alice@example.com,reconcile,incomplete,"expected 4, present 2, missing 2, extra 1"
	bob@example.com,reconcile,arrived,"expected 1, present 1, missing 0, extra 0"
	erin@example.com,reconcile,not-arrived,"expected 1, present 0, missing 1, extra 0"
	EOF
	lines rep.csv >got && test_cmp expect got &&
	cat >expect <<-EOF &&
	alice,example.com,carol,example.com,Carol,Friends
	alice,example.com,dave,partner.com,Dave,Partners
	erin,example.com,bob,example.com,Bob,General
	EOF
	lines missing.csv >got && test_cmp expect got &&
	test "$(stat -c %a missing.csv)" = 600 &&
	grep -Fx "ucmig-import: 3 owners, 6 rows expected: 3 rows missing for 2 owners (in missing.csv); 3 present; 1 extra on the server (added since); 1 owner only on the server, left alone; not expected: 1 self-contact, 1 row again" err
'

test_expect_success 'the missing rows are the next import: --bat plans exactly them; once there, everything arrived (0)' '
	ucmig-import --bat next missing.csv >plan 2>err &&
	grep -F "3 rows of 2 users: 3 rows of 2 users planned in 1 file" err &&
	{ cat target.csv; cat missing.csv; } >target2.csv &&
	rec target2.csv source.csv --report rep2.csv 2>err &&
	grep -F "3 owners, 6 rows expected: everything arrived; 6 present; 1 extra" err &&
	! grep -v -e ",arrived," -e "^key," rep2.csv
'

test_expect_success 'addresses without case, group names exactly, State only with --compare-state; CSV on standard input' '
	printf "a,example.com,b,example.com,B,Team,both\na,example.com,c,example.com,C,Team,both\n" >s7.csv &&
	printf "A,EXAMPLE.COM,B,Example.Com,Bee,Team,to\na,example.com,c,example.com,C,team,both\n" >t7.csv &&
	test_expect_code 1 rec t7.csv <s7.csv --report r7.csv 2>err &&
	grep -F "a@example.com,reconcile,incomplete,\"expected 2, present 1, missing 1, extra 1\"" r7.csv &&
	test_expect_code 1 rec t7.csv s7.csv --compare-state --report r7s.csv 2>err &&
	grep -F "a@example.com,reconcile,not-arrived,\"expected 2, present 0, missing 2, extra 2\"" r7s.csv
'

test_expect_success '--import-report: rows the import left out on purpose (over the limit, owner unassigned) are not missing' '
	printf "UserID,Subcluster Name,Node Name\r\nalice,sub1,imp1.example.com\r\nbob,sub1,imp1.example.com\r\n" >asg.csv &&
	test_expect_code 1 ucmig-import --bat plan1 --assignment asg.csv --max-contacts 2 --report imp.csv source.csv 2>/dev/null &&
	grep -F ",over-limit," imp.csv && grep -F "erin@example.com,import,unassigned" imp.csv &&
	cat plan1/imp1.example.com-01.csv >on-server.csv &&
	rec on-server.csv source.csv --import-report imp.csv --missing none.csv --report r3.csv 2>err &&
	cat >expect <<-EOF &&
	key,action,result,detail
	alice@example.com,reconcile,arrived,"expected 4, present 3, missing 0, extra 0, left out by the import 1 (over-limit)"
	bob@example.com,reconcile,arrived,"expected 1, present 1, missing 0, extra 0"
	erin@example.com,reconcile,arrived,"expected 1, present 0, missing 0, extra 0, left out by the import 1 (unassigned)"
	EOF
	lines r3.csv >got && test_cmp expect got &&
	grep -F "everything arrived; 4 present; 2 left out by the import on purpose" err &&
	test -f none.csv && ! test -s none.csv
'

test_expect_success 'the chain in one table: with the export'\''s report, each owner from the Microsoft server on' '
	ucmig-export --userdata "$EXAMPLES/ExportedUserData.zip" -o ex.csv --report exrep.csv 2>/dev/null;
	grep -v "^alice,example.com,bob,example.com,Bob Builder,Contacts" ex.csv >on-server2.csv &&
	test_expect_code 1 rec on-server2.csv ex.csv --export-report exrep.csv --report chain.csv 2>err &&
	cat >expect <<-EOF &&
	key,action,result,detail
	alice@example.com,reconcile,incomplete,"on the Microsoft server 7 contacts: 5 exported in 6 rows, 2 skipped (1 self-contact, 1 distribution list), 1 distribution-list group; expected 6, present 5, missing 1, extra 0"
	bob@example.com,reconcile,arrived,"on the Microsoft server 2 contacts: 2 exported in 2 rows; expected 2, present 2, missing 0, extra 0"
	erin@example.com,reconcile,arrived,on the Microsoft server an empty list (maybe in Exchange: not exported); no row in the CSV: nothing expected
	EOF
	lines chain.csv >got && test_cmp expect got &&
	grep -F "2 owners, 8 rows expected: 1 row missing for 1 owner (give --missing FILE for them); 7 present; 1 owner of the export with no row in the CSV" err
'

test_expect_success 'a report that is not the import'\''s or the export'\''s: 65 naming its line, nothing written' '
	printf "key,action,result,detail\r\nalice@example.com,import,over-limit,bob\r\n" >odd-imp.csv &&
	test_expect_code 65 rec target.csv source.csv --import-report odd-imp.csv --report r.csv 2>err &&
	grep -F "odd-imp.csv:2: an over-limit line whose detail does not name its row" err && ! test -e r.csv &&
	printf "key,action,result,detail\r\nsip:a@example.com,export,exported,lots\r\n" >odd-exp.csv &&
	test_expect_code 65 rec target.csv source.csv --export-report odd-exp.csv --report r.csv 2>err &&
	grep -F "odd-exp.csv:2: an exported line whose detail is not" err && ! test -e r.csv &&
	printf "key,action\r\n" >short-rep.csv &&
	test_expect_code 65 rec target.csv source.csv --export-report short-rep.csv 2>err &&
	test_expect_code 64 ucmig-import --export-report exrep.csv --bat d source.csv 2>err
'

test_expect_success 'bad input anywhere: 65 naming file and line, nothing written' '
	{ cat target.csv; echo "alice,example.com,,example.com,X,G"; } >bad-target.csv &&
	test_expect_code 65 rec bad-target.csv source.csv --missing m.csv --report r.csv 2>err &&
	grep -F "bad-target.csv:7: Contact ID is empty" err &&
	! test -e m.csv && ! test -e r.csv && ! ls m.csv.* r.csv.* 2>/dev/null &&
	printf "alice,example.com,bob,example.com\n" >short.csv &&
	test_expect_code 65 rec target.csv short.csv --missing m.csv 2>err &&
	grep -F "short.csv:1:" err && ! test -e m.csv &&
	test_expect_code 66 rec no-such.csv source.csv 2>err && grep -F "no-such.csv" err &&
	test_expect_code 64 rec 2>err && grep -F "TARGET" err &&
	test_expect_code 64 rec - <source.csv 2>err && grep -F "cannot both be standard input" err &&
	test_expect_code 64 rec - - <source.csv 2>err &&
	test_expect_code 64 rec --bat d target.csv source.csv 2>err &&
	test_expect_code 64 ucmig-import --missing m.csv --bat d source.csv 2>err &&
	grep -F "are for --reconcile" err &&
	test_expect_code 64 rec target.csv source.csv --missing source.csv 2>err && grep -F "must not overwrite an input" err &&
	test_cmp source.csv source.csv
'

test_expect_success 'any order, memory flat: 200,000 rows shuffled, 1 % missing, 1 % extra, counted exactly' '
	awk "BEGIN { srand(7); for (u = 1; u <= 2000; u++) for (c = 1; c <= 100; c++)
		printf \"u%d,example.com,c%d,example.com,C %d,G%d\n\", u, c, c, c % 3 }" >big-src.csv &&
	awk "NR % 100 != 7 { print } NR % 100 == 3 { sub(/,G[0-9]\$/, \",Extra\"); print }" big-src.csv |
		shuf >big-tgt.csv &&
	shuf big-src.csv >big-src-shuffled.csv || exit 1
	# Its own memory, sampled from /proc (sort(1), its child, holds the
	# rows in its bounded buffer and on disk).
	ucmig-import --reconcile big-tgt.csv big-src-shuffled.csv --missing big-missing.csv \
		--report big-rep.csv 2>err &
	pid=$! && : >hwm &&
	while kill -0 $pid 2>/dev/null; do
		awk "/^VmHWM/ { print \$2 }" /proc/$pid/status >>hwm 2>/dev/null; sleep 0.02; done;
	wait $pid; rc=$? && cat err && test $rc = 1 &&
	grep -F "2000 owners, 200000 rows expected: 2000 rows missing for 2000 owners" err &&
	grep -F "198000 present; 2000 extra" err &&
	awk "NR % 100 == 7" big-src.csv | sort >expect && lines big-missing.csv | sort >got && test_cmp expect got &&
	hwm=$(sort -n hwm | tail -n 1) && echo "peak RSS of ucmig-import $hwm KiB" &&
	{ test -n "${VALGRIND:-}$SANITIZED" || test "$hwm" -lt 12000; }
'

# (Not under valgrind: the signal would come before the tool runs.)
if [ -z "${VALGRIND:-}" ]; then
	test_expect_success 'SIGTERM mid-run: 143 saying how far it got, no --missing, no sort(1) left behind' '
		for i in 1 2 3 4 5; do cat big-src-shuffled.csv; done >bigger.csv || exit 1
		ucmig-import --reconcile big-tgt.csv bigger.csv --missing stopped.csv 2>err &
		pid=$! && sleep 0.3 && kill -TERM $pid && { wait $pid; rc=$?; } ;
		cat err && test "$rc" = 143 &&
		grep -F "compared, " err && grep -F "stopped by SIGTERM: run the same command again to finish" err &&
		! ls stopped.csv* 2>/dev/null &&
		sleep 0.2 && ! pgrep -P $$ -f "sort -S" && ! pgrep -f "^sort -S 100M$"
	'
else
	echo "ok $((test_count += 1)) # skip the signal's timing under valgrind"
fi

# ---- live: ejabberd's rosters read back ----------------------------------

imp() {
	ucmig-import --xmpp "$EJ_URL" --xmpp-user "$EJ_ADMIN" --xmpp-password-file "$EJ_PWFILE" "$@"
}

test_setup 'ejabberd with u1 .. u30 (not u31); 31 users x 40 contacts, two groups each' '
	ejabberd_start "$TRASH/ej" &&
	i=1 && while test $i -le 30; do set -- "$@" "u$i"; i=$((i + 1)); done &&
	ej_register "$@" &&
	awk "BEGIN { for (u = 1; u <= 31; u++) for (c = 1; c <= 40; c++) {
		printf \"u%d,example.com,c%d,example.com,Contact %d,Team\n\", u, c, c
		printf \"u%d,example.com,c%d,example.com,Contact %d,Group %d\n\", u, c, c, c % 3 } }" >live.csv
'

test_expect_success 'an import killed part way: --xmpp --reconcile names what did not arrive, which is what -n would send' '
	kill_at 300 done kill.journal 1240 ucmig-import --xmpp "$EJ_URL" --xmpp-user "$EJ_ADMIN" \
		--xmpp-password-file "$EJ_PWFILE" --journal kill.journal --xmpp-concurrency 2 live.csv &&
	done_items=$(journal_count done kill.journal) &&
	test "$done_items" -gt 0 && test "$done_items" -lt 1200 &&
	test_expect_code 1 imp --reconcile live.csv --missing live-missing.csv --report live-rep.csv 2>err &&
	cat err &&
	grep -F "u31@example.com,reconcile,not-arrived,\"expected 80, present 0, missing 80, extra 0: no account on the server\"" live-rep.csv &&
	# Each missing row is a group of an item the server lacks: the items a
	# dry run of the import would add or merge, no more, no fewer.
	grep -v "^u31," live-missing.csv | cut -d, -f1-4 | sort -u >missing-items &&
	imp -n --journal kill.journal --report dry.csv live.csv 2>/dev/null;
	lines dry.csv | grep -E ",import,would-(add|merge-groups)," |
		awk -F, "{ split(\$1, o, \"@\"); split(\$4, c, \"@\"); print o[1] \",\" o[2] \",\" c[1] \",\" c[2] }" |
		sort -u >dry-items &&
	test_cmp missing-items dry-items &&
	test -s missing-items
'

test_expect_success 'the missing rows imported: everything arrived but the owner without an account' '
	imp --journal again.journal live-missing.csv 2>/dev/null;
	test_expect_code 1 imp --reconcile live.csv --report live-rep2.csv 2>err &&
	grep -F "31 owners, 2480 rows expected: 80 rows missing for 1 owner" err &&
	test "$(grep -c ",reconcile,arrived," live-rep2.csv)" = 30 &&
	grep -F "u31@example.com,reconcile,not-arrived" live-rep2.csv &&
	grep -v "^u31," live.csv >live30.csv &&
	imp --reconcile live30.csv 2>err && grep -F "30 owners, 2400 rows expected: everything arrived" err
'

test_done
