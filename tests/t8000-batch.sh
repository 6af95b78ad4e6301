#!/bin/sh
# ucmig-batch over real servers: slapd, the back end and a Front End, and
# ejabberd on 127.0.0.1. A user stops at each phase (not in the source,
# an empty list, not in AD, refused by delete's backup interlock, no
# account on the XMPP server); the servers are read back after each run.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
. "$TEST_DIRECTORY/servers/tds.sh"
. "$TEST_DIRECTORY/servers/ejabberd.sh"
. "$TEST_DIRECTORY/lib-batch.sh"

test_setup 'the servers of a batch, and a batch directory for them' '
	batch_servers_start && batch_make b1 && batch_servers_state >state0
'

test_expect_success 'init: a 0700 directory, users.txt 0600 as normalised URIs; never over a batch' '
	test "$(stat -c %a b1)" = 700 && test "$(stat -c %a b1/users.txt)" = 600 &&
	test "$(stat -c %a b1/batch.conf)" = 600 &&
	batch_users >expect && test_cmp expect b1/users.txt &&
	test_expect_code 73 ucmig-batch init b1 2>err && grep -F "a batch is here already" err &&
	printf "sip:ok@example.com\nsip:bad@@example.com\n" >bad-users.txt &&
	test_expect_code 65 ucmig-batch init b9 bad-users.txt 2>err && grep -F "bad-users.txt:2" err &&
	! test -e b9/batch.conf
'

test_expect_success 'a bad line in users.txt: 65 naming it, no phase started, nothing on any server' '
	cp -r b1 bad && echo "sip:x@y@example.com" >>bad/users.txt &&
	test_expect_code 65 ucmig-batch run bad >out 2>err &&
	grep -F "users.txt:8" err && ! grep -F "UCMIG_CONF" out && ! test -e bad/state &&
	batch_servers_state >now && test_cmp state0 now
'

test_expect_success '--report or --summary on a file of the batch is refused (64), nothing written' '
	cp b1/users.txt users.keep &&
	test_expect_code 64 ucmig-batch run --report b1/users.txt b1 2>err && grep -F "the batch'"'"'s users" err &&
	test_expect_code 64 ucmig-batch status --summary b1/batch.conf b1 2>err &&
	test_cmp users.keep b1/users.txt && ! test -e b1/state
'

test_expect_success 'a bad [batch] setting is 78 with its line' '
	cp -r b1 badconf && sed -i "s/^import = xmpp/import = fax/" badconf/batch.conf &&
	test_expect_code 78 ucmig-batch run badconf 2>err && grep -F "batch.conf:13: import is xmpp, bat or webex" err
'

test_expect_success 'a password prompt in batch.conf is 78: the batch runs unattended' '
	cp -r b1 prompt && printf "\n[ucmig-disable]\nprompt-password = yes\n" >>prompt/batch.conf &&
	test_expect_code 78 ucmig-batch run prompt 2>err &&
	grep -F "prompt-password: a batch runs unattended; give the password" err && ! test -e prompt/state
'

test_expect_success 'plan: a table per check and no-go with every reason; nothing changed on any server' '
	test_expect_code 1 ucmig-batch plan b1 >out 2>err &&
	grep -Fx "export       fail     5 of 7 go on: sip:erin@example.com empty-list, sip:nobody@example.com not-found" out &&
	grep -E "^disable -n +fail .*sip:gus@example.com not-found" out &&
	grep -E "^delete -n +fail .*sip:hank@example.com no-backup" out &&
	grep -E "^import plan +fail .*sip:ivy@example.com no-account" out &&
	grep -E "^federation +skipped" out && grep -F "verdict: NO-GO" out &&
	grep -F "\"verdict\": \"no-go\"" b1/00-plan/plan.json &&
	sed -n "/^check /,\$p" out >out.txt && test_cmp out.txt b1/00-plan/plan.txt &&
	batch_servers_state >now && test_cmp state0 now
'

test_expect_success 'plan: go once the batch holds only users who can go through' '
	cp -r b1 good && rm -r good/00-plan && printf "sip:alice@example.com\nsip:bob@example.com\n" >good/users.txt &&
	ucmig-batch plan good >out 2>err &&
	grep -F "verdict: GO" out && grep -F "\"verdict\": \"go\"" good/00-plan/plan.json &&
	batch_servers_state >now && test_cmp state0 now
'

test_expect_success 'run -n: every phase dry, into dry-run/, no state, nothing changed' '
	test_expect_code 1 ucmig-batch run -n b1 >out 2>err &&
	grep -F "ucmig-disable --dry-run --continue" out && grep -F "ucmig-delete --dry-run" out &&
	grep -F "ucmig-import --dry-run" out && test -s b1/dry-run/20-disable/report.csv &&
	! test -e b1/state && ! test -e b1/10-export &&
	batch_servers_state >now && test_cmp state0 now
'

test_expect_success 'rename = yes: the map from AD, owners and contacts renamed, users followed by their new IDs' '
	cp -r b1 ren && rm -rf ren/00-plan ren/dry-run &&
	sed -i -e "s/^rename = no/rename = yes/" -e "s/^#im-address = userid/im-address = userid\ndomains = corp.example.com/" ren/batch.conf &&
	test_expect_code 1 ucmig-batch run -n --report ren.csv ren >out 2>err &&
	grep -F "ucmig-rename --map-from-ldap --output=dry-run/60-rename/map.csv" out &&
	grep -F "ucmig-rename --map=dry-run/60-rename/map.csv --owners --output=dry-run/60-rename/contacts.csv" out &&
	grep -F "alice@example.com,alice@corp.example.com" ren/dry-run/60-rename/map.csv &&
	grep -F "alice,corp.example.com,bob,corp.example.com," ren/dry-run/60-rename/contacts.csv &&
	tr -d "\r" <ren.csv >ren.lf &&
	grep -F "sip:alice@example.com,import,no-account,bob@corp.example.com: no such account on the server" ren.lf &&
	batch_servers_state >now && test_cmp state0 now
'

test_expect_success 'run: the gate is closed right after the disable: 75 with the time to come back' '
	sed -i "s/^min-age = 0/min-age = 5/" b1/batch.conf &&
	test_expect_code 75 ucmig-batch run --report early.csv b1 >out 2>err &&
	grep -E "gate: .* run again at [0-9]{2}:[0-9]{2} \(in 5 min\), or with --wait" err &&
	ucmig-batch status b1 | grep -E "^  40-gate +waiting +until [0-9]{2}:[0-9]{2}" &&
	ucmig-batch status b1 | grep -F "users: 0 through every phase, 2 stopped at export, 1 stopped at disable, 4 waiting at gate" &&
	grep -F "sip:alice@example.com,gate,not-attempted,the batch has not got there yet" early.csv &&
	test "$(be_homed alice@example.com)" = 1 && test "$(ldap_enabled sip:alice@example.com)" = FALSE
'

test_expect_success 'run --wait: a countdown; SIGTERM stops it (143) and a second run meanwhile is 75' '
	ucmig-batch run --wait b1 >wait.out 2>wait.err &
	pid=$! && n=0 &&
	while ! grep -q "gate: waiting until" wait.err && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done &&
	test_expect_code 75 ucmig-batch run b1 2>err && grep -F "in use by another run of this batch" err &&
	kill -TERM $pid && { wait $pid; echo $? >rc; } && test "$(cat rc)" = 143 &&
	test "$(be_homed alice@example.com)" = 1
'

test_expect_success 'run: with the gate open the batch goes on where it stopped; each user stops where they fail' '
	sed -i "s/^min-age = 5/min-age = 0/" b1/batch.conf &&
	test_expect_code 1 ucmig-batch run --report users.csv --summary run.json b1 >out 2>err &&
	! grep -F "ucmig-export" out && grep -F "$ UCMIG_CONF=batch.conf ucmig-delete --disable-journal=20-disable/journal --backup=10-export/contacts.csv" out &&
	cat >expect <<-\EOF &&
	key,action,result,detail
	sip:alice@example.com,batch,arrived,through every phase
	sip:bob@example.com,batch,arrived,through every phase
	sip:erin@example.com,export,empty-list,no contacts in the server data: may be in Exchange (unified contact store); not listed as exported
	sip:nobody@example.com,export,not-found,in the user list but not in the source
	sip:gus@example.com,disable,not-found,no entry with this msRTCSIP-PrimaryUserAddress
	sip:hank@example.com,delete,no-backup,
	sip:ivy@example.com,import,no-account,alice@example.com: no such account on the server
	EOF
	tr -d "\r" <users.csv >users.lf && test_cmp expect users.lf &&
	grep -F "\"arrived\": 2" run.json && grep -F "\"status\": 1" run.json
'

test_expect_success 'the servers after the batch: exactly the users who went through changed' '
	batch_servers_state >after &&
	grep -Fx "ldap sip:alice@example.com FALSE" after && grep -Fx "ldap sip:ivy@example.com FALSE" after &&
	grep -Fx "ldap sip:hank@example.com FALSE" after && grep -Fx "ldap sip:erin@example.com TRUE" after &&
	grep -Fx "ldap sip:frank@example.com TRUE" after &&
	grep "^be homed" after >homed && printf "be homed %s\n" carl@example.com dave@corp.example.com erin@example.com \
		frank@example.com gus@example.com hank@example.com >expect && test_cmp expect homed &&
	grep -F "roster alice bob@example.com|Bob Builder|" after && grep -F "roster bob erin@example.com|Erin|" after &&
	! grep "^roster hank" after && ! grep "^roster gus" after
'

test_expect_success 'status: a line per phase with its counts, and the users by where they stand' '
	ucmig-batch status b1 >st &&
	grep -E "^  50-delete +done .*: 3 handed on, 1 stopped \[3 deleted, 1 no-backup\]" st &&
	grep -E "^  60-rename +skipped .*rename = no" st &&
	grep -E "^  80-arrived +done .*\[2 arrived\]" st &&
	grep -Fx "users: 2 through every phase, 2 stopped at export, 1 stopped at disable, 1 stopped at delete, 1 stopped at import" st
'

test_expect_success 'a run on a batch that is through runs no tool and says the same' '
	test_expect_code 1 ucmig-batch run --report again.csv b1 >out 2>err &&
	! grep -F "UCMIG_CONF" out && test_cmp users.csv again.csv
'

test_expect_success '--from import runs import and the read-back again; the servers hold the same' '
	test_expect_code 1 ucmig-batch run --from import --report from.csv b1 >out 2>err &&
	grep -F "ucmig-import --journal=70-import/journal" out && ! grep -F "ucmig-delete" out &&
	grep -F "import	reset" b1/state && test_cmp users.csv from.csv &&
	batch_servers_state >now && test_cmp after now
'

test_expect_success '--from export after delete is refused: the export is the backup' '
	test_expect_code 64 ucmig-batch run --from disable b1 2>err &&
	grep -F "delete has run on this batch and its export is the backup" err &&
	test "$(wc -l <b1/10-export/contacts.csv)" -gt 0
'

test_expect_success 'a batch whose users all stop at export: the later phases have no one to act on' '
	cp -r bad none && rm -f none/state && echo sip:nobody@example.com >none/users.txt &&
	test_expect_code 1 ucmig-batch run --report none.csv none >out 2>err &&
	grep -F "# disable: skipped: no user is left in the batch" out && ! grep -F "ucmig-disable" out &&
	tr -d "\r" <none.csv >none.lf && grep -Fx "sip:nobody@example.com,export,not-found,in the user list but not in the source" none.lf &&
	ucmig-batch status none | grep -E "^  80-arrived +skipped .*no user is left in the batch"
'

test_expect_success 'no secret in anything the batch printed or wrote' '
	cat out err wait.out wait.err b1/*/summary.json b1/state >all &&
	! grep -F "$MIGRATOR_PW" all && ! grep -F "$EJ_PASSWORD" all && ! grep -F "$(cat "$TDS_PWFILE")" all
'
test_done
