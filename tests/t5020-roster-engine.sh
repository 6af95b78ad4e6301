#!/bin/sh
# The live-roster engine that import --xmpp and rename --xmpp share
# (common/http/roster_run.c), where the two had drifted apart: each case
# against an admin API that answers as the test tells it
# (servers/fixed_http.py), the requests it received read back.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/fixed_http.sh"

printf "Secret-Adm1n\n" >admin.pw
chmod 600 admin.pw
# The one login the fake server takes, as ejabberd takes its admin's.
printf "admin@example.com:Secret-Adm1n\n" >login
FIXED_HTTP_LOGIN=$TRASH/login
imp() {
	ucmig-import --xmpp "$FIXED_HTTP_URL" --xmpp-user admin@example.com --xmpp-password-file admin.pw "$@"
}
ren() {
	ucmig-rename --xmpp "$FIXED_HTTP_URL" --xmpp-user admin@example.com --xmpp-password-file admin.pw "$@"
}
# A fresh server answering as the file answers says (not in a pipeline:
# the server's port must reach this shell).
serve() {
	fixed_http_stop "$TRASH/api"
	fixed_http_start "$TRASH/api" "$TRASH/answers"
}
test_on_exit fixed_http_stop "$TRASH/api"

test_setup 'rows of dora, a rename map' '
	printf "dora,example.com,bob,example.com,Bob,Friends\ndora,example.com,erin,example.com,Erin,Friends\n" >rows.csv &&
	printf "Contact ID,New Contact ID\nbob@example.com,robert@example.com\n" >map.csv
'

test_setup 'a server whose registered_users answers 404' '
	printf "registered_users 404 {\"status\":\"error\",\"message\":\"no such command\"}\n" >answers && serve
'

test_expect_success 'import: accounts that cannot be read stop the run (69), no owner taken as without one' '
	test_expect_code 69 imp --journal j1 --report r1.csv rows.csv 2>err &&
	grep -F "registered_users for example.com: HTTP 404" err &&
	! grep -F "no-account" r1.csv && ! grep -F "add_rosteritem" api/received && ! test -e j1 &&
	grep -Fx "ucmig-import: 2 rows of 1 user" err
'

test_expect_success 'rename: the same, 69, where it warned and ended 0' '
	test_expect_code 69 ren --map map.csv --journal j2 2>err &&
	grep -F "registered_users for example.com: HTTP 404" err && ! grep -F "get_roster" api/received
'

test_setup 'a server whose registered_users answers 65 MiB' '
	printf "registered_users 200 @bytes %d\n" $((65 << 20)) >answers && serve
'

test_expect_success 'an answer over 64 MiB: 69 saying so, not libcurl'\''s "Failed writing", nothing added' '
	test_expect_code 69 imp --journal big.journal rows.csv 2>err &&
	grep -F "registered_users: an answer over 64 MiB, which no admin API call gives" err &&
	! grep -F "Failed writing" err && ! grep -F "add_rosteritem" api/received
'

test_setup 'a server with dora, whose rosters cannot be read' '
	printf "registered_users 200 [\"dora\"]\nget_roster 404 {\"status\":\"error\",\"message\":\"gone\"}\n" >answers && serve
'

test_expect_success 'rename: a roster that cannot be read is a failure (1) with its line, not a warning' '
	test_expect_code 1 ren --map map.csv --journal j3 --report r3.csv 2>err &&
	grep -F "dora@example.com,rename,failed," r3.csv && grep -F "1 roster not read" err
'

test_setup 'a server with dora and an empty roster that refuses the login when asked to add' '
	printf "registered_users 200 [\"dora\"]\nget_roster 200 []\nadd_rosteritem 401 \n" >answers && serve
'

test_expect_success 'import: the run ends with the answer that stopped it, the call named (77)' '
	test_expect_code 77 imp --journal j4 rows.csv 2>err &&
	grep -F "stopped: $FIXED_HTTP_URL/add_rosteritem: HTTP 401: the server refused the login" err
'

test_expect_success 'rename --dry-run reads its journal as import'\''s does: one of another tool is 65' '
	printf "#ucmig-journal 1 ucmig-import\n" >other.journal &&
	test_expect_code 65 ren --map map.csv -n --journal other.journal 2>err &&
	grep -F "other.journal: a journal of ucmig-import, not of ucmig-rename" err &&
	printf "#ucmig-journal 1 ucmig-rename\n" >ren.journal &&
	test_expect_code 65 imp -n --journal ren.journal rows.csv 2>err &&
	grep -F "ren.journal: a journal of ucmig-rename, not of ucmig-import" err
'

test_expect_success 'a dry run creates no journal, in either tool' '
	test_expect_code 0 ren --map map.csv -n --journal none1.journal 2>/dev/null &&
	! test -e none1.journal &&
	imp -n --journal none2.journal rows.csv 2>/dev/null;
	! test -e none2.journal
'

test_setup 'two servers, both with dora and an empty roster: a lab and production' '
	printf "registered_users 200 [\"dora\"]\nget_roster 200 []\nadd_rosteritem 200 0\n" >answers &&
	serve && LAB_URL=$FIXED_HTTP_URL &&
	fixed_http_start "$TRASH/prod" "$TRASH/answers" && PROD_URL=$FIXED_HTTP_URL
'
test_on_exit fixed_http_stop "$TRASH/prod"

test_expect_success 'a journal names its server: the lab'\''s journal never makes production look done (65)' '
	ucmig-import --xmpp "$LAB_URL" --xmpp-user admin@example.com --xmpp-password-file admin.pw \
		--journal b2.journal rows.csv 2>err &&
	grep -F "2 added" err &&
	grep -Fx "server	$LAB_URL" b2.journal &&
	test_expect_code 65 ucmig-import --xmpp "$PROD_URL" --xmpp-user admin@example.com --xmpp-password-file admin.pw \
		--journal b2.journal rows.csv 2>err &&
	grep -F "b2.journal:2: the journal of a run against $LAB_URL, not $PROD_URL" err &&
	! grep -F "add_rosteritem" prod/received &&
	test_expect_code 65 ren --map map.csv --journal b2.journal 2>/dev/null
'

test_expect_success 'the same server, its URL spelled with a final slash: the journal is its own' '
	ucmig-import --xmpp "$LAB_URL/" --xmpp-user admin@example.com --xmpp-password-file admin.pw \
		--journal b2.journal rows.csv 2>err &&
	grep -F "2 added earlier (journal)" err
'

test_expect_success 'what the URL and the login lack is 64 before any request' '
	: >api/received &&
	test_expect_code 64 ucmig-import --xmpp "http://127.0.0.1:99999/api" --xmpp-user admin@example.com \
		--xmpp-password-file admin.pw rows.csv 2>err && grep -F "not a URL libcurl takes" err &&
	test_expect_code 64 ucmig-import --xmpp "http://admin:Pw-in-url@127.0.0.1:${FIXED_HTTP_PORT}/api" \
		--xmpp-user admin@example.com --xmpp-password-file admin.pw rows.csv 2>err &&
	grep -F "the URL holds a user or password" err && ! grep -F "Pw-in-url" err &&
	test_expect_code 64 ucmig-import --xmpp "$FIXED_HTTP_URL" --xmpp-password-file admin.pw rows.csv 2>err &&
	grep -F "give --xmpp-user" err &&
	test_expect_code 64 ucmig-import --xmpp "$FIXED_HTTP_URL" --xmpp-user "" --xmpp-password-file admin.pw rows.csv 2>err &&
	test_expect_code 64 ucmig-rename --xmpp "$FIXED_HTTP_URL" --xmpp-user "ad:min" --xmpp-password-file admin.pw \
		--map map.csv 2>err && grep -F "a '\'':'\'' cannot travel" err &&
	! test -s api/received
'

test_expect_success 'the fake server is as strict as ejabberd on the login: a wrong password is 77' '
	printf "Wrong-Pass\n" >wrong.pw && chmod 600 wrong.pw &&
	test_expect_code 77 ucmig-import --xmpp "$FIXED_HTTP_URL" --xmpp-user admin@example.com --xmpp-password-file wrong.pw \
		--journal wrongpw.journal rows.csv 2>err && grep -F "HTTP 401" err
'

test_expect_success 'plain http to a host not on this machine warns that the password travels in clear' '
	test_expect_code 64 env -u UCMIG_XMPP_PASSWORD ucmig-import --xmpp "http://imp.example.com:5280/api" \
		--xmpp-user admin@example.com rows.csv 2>err &&
	grep -F "plain http sends the admin password in clear to imp.example.com" err &&
	ucmig-import -n --xmpp "$FIXED_HTTP_URL" --xmpp-user admin@example.com --xmpp-password-file admin.pw \
		rows.csv 2>err; ! grep -F "in clear" err
'

test_setup 'a slow server: every answer after 1.2 s' '
	printf "registered_users 200 [\"dora\"]\nget_roster 200 []\nadd_rosteritem 200 0\n" >answers &&
	FIXED_HTTP_DELAY=1.2 && serve && FIXED_HTTP_DELAY=
'

test_expect_success 'slow answers inside --xmpp-timeout: the run finishes (0); past it, before any answer: 69 at once' '
	imp --xmpp-timeout 5 --journal slow.journal rows.csv 2>err && grep -F "2 added" err &&
	t0=$(date +%s) &&
	test_expect_code 69 imp --xmpp-timeout 1 --journal slow2.journal rows.csv 2>err &&
	test $(( $(date +%s) - t0 )) -le 4
'

# 48 owners of 5 contacts each, all with accounts.
test_setup 'a batch of 48 owners' '
	for u in $(seq 1 48); do for c in 1 2 3 4 5; do
		echo "u$u,example.com,c$c,example.com,C$c,Friends"; done; done >batch.csv &&
	users=$(seq -f "\"u%g\"" 1 48 | paste -sd, -) &&
	printf "registered_users 200 [%s]\nget_roster 500 {\"status\":\"error\",\"message\":\"internal_error\"}\n" "$users" >answers &&
	serve
'

test_expect_success 'a server that answers nothing but 500: 69 within --xmpp-timeout and the 30 s window, not owner after owner' '
	t0=$(date +%s) &&
	test_expect_code 69 imp --xmpp-timeout 5 --xmpp-concurrency 4 --journal j6 --report r6.csv batch.csv 2>err &&
	took=$(( $(date +%s) - t0 )) && echo "took $took s" &&
	test $took -le 45 &&
	grep -F "the server stopped answering" err &&
	test "$(grep -c "get_roster" api/received)" -lt 400
'

# Each answer 50 ms late: 240 rows at 4 in flight take 3 s, so the run is
# surely still going when the test stops the server or the tool (on a
# fast machine a run at full speed could end between two polls).
test_setup 'a server that stops mid-run (SIGSTOP), each answer 50 ms late' '
	printf "registered_users 200 [%s]\nget_roster 200 []\nadd_rosteritem 200 0\n" "$users" >answers &&
	FIXED_HTTP_DELAY=0.05 && serve
'

test_expect_success 'frozen after the first requests: 69 within --xmpp-timeout and the window; a re-run finishes' '
	t0=$(date +%s) rc=
	ucmig-import --xmpp "$FIXED_HTTP_URL" --xmpp-user admin@example.com --xmpp-password-file admin.pw \
		--xmpp-timeout 3 --xmpp-concurrency 4 --journal j7 --report r7.csv batch.csv 2>err &
	pid=$! &&
	n=0 && while test "$(cat api/received 2>/dev/null | grep -c add_rosteritem)" -lt 20 && test $n -lt 200; do
		sleep 0.05; n=$((n + 1)); done &&
	kill -STOP $FIXED_HTTP_PID &&
	{ wait $pid; rc=$?; } ; kill -CONT $FIXED_HTTP_PID;
	took=$(( $(date +%s) - t0 )) && echo "exit $rc after $took s" &&
	test "$rc" = 69 && test $took -le 45 &&
	imp --journal j7 --report r7b.csv batch.csv 2>err2 &&
	grep -F "240 rows of 48 users" err2
'

test_expect_success 'stopped by SIGTERM while requests are on the wire: those are pending, not "not sent"' '
	serve && : >api/received && rc=
	ucmig-import --xmpp "$FIXED_HTTP_URL" --xmpp-user admin@example.com --xmpp-password-file admin.pw \
		--xmpp-timeout 30 --xmpp-concurrency 4 --journal j8 --report r8.csv batch.csv 2>err &
	pid=$! &&
	n=0 && while test "$(cat api/received 2>/dev/null | grep -c add_rosteritem)" -lt 20 && test $n -lt 200; do
		sleep 0.05; n=$((n + 1)); done &&
	kill -STOP $FIXED_HTTP_PID && sleep 1 && kill -TERM $pid &&
	{ wait $pid; rc=$?; } ; kill -CONT $FIXED_HTTP_PID;
	test "$rc" = 143 &&
	pending=$(grep -c ",import,pending,.*sent, not answered: the run was stopped" r8.csv) &&
	test "$pending" -ge 1 && test "$pending" -le 4 &&
	! grep -F ",import,not-attempted,.*sent, not answered" r8.csv
'

FIXED_HTTP_DELAY=
# A full disk under the journal: a 16 KiB tmpfs (root only; skipped otherwise).
test_on_exit 'umount "$TRASH/full" 2>/dev/null'
mkdir -p full
if mount -t tmpfs -o size=16k tmpfs "$TRASH/full" 2>/dev/null; then
	test_expect_success 'a full disk under the journal: 74 saying so, not "the server stopped answering"' '
		printf "registered_users 200 [%s]\nget_roster 200 []\nadd_rosteritem 200 0\n" "$users" >answers &&
		serve &&
		test_expect_code 74 imp --journal full/j.journal batch.csv 2>err &&
		grep -F "No space left on device" err && grep -F "the journal cannot be written" err &&
		grep -F "free space where the journal is (or give --journal elsewhere), then run the same command again" err &&
		! grep -F "stopped answering" err
	'
else
	echo "ok $((test_count += 1)) # skip cannot mount a small tmpfs here (needs root)"
fi

test_done
