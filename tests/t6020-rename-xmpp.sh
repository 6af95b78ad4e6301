#!/bin/sh
# ucmig-rename --map --xmpp against a real ejabberd 23.01 on 127.0.0.1:
# every roster read back and compared exactly; a roster holding both the
# old and the new ID, dry run, re-run, kill -9 and resume.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/ejabberd.sh"
test_on_exit ejabberd_stop

ren() {
	ucmig-rename --xmpp "$EJ_URL" --xmpp-user "$EJ_ADMIN" --xmpp-password-file "$EJ_PWFILE" "$@"
}
# deleted JOURNAL: old items the server confirmed gone so far.
deleted() {
	_n=$(grep -c "^deleted" "$1" 2>/dev/null)
	echo "${_n:-0}"
}
add() { # owner contact nick groups subs
	ej_api add_rosteritem "{\"localuser\":\"$1\",\"localhost\":\"example.com\",\"user\":\"${2%@*}\",\"host\":\"${2#*@}\",\"nick\":\"$3\",\"group\":\"$4\",\"subs\":\"$5\"}" >/dev/null
}

test_setup 'ejabberd: alice and carl hold bob; dave holds bob and robert already' '
	ejabberd_start "$TRASH/ej" &&
	ej_register alice bob carl dave robert &&
	add alice bob@example.com "Bob B" "Friends;Work" both &&
	add alice erin@example.com Erin Friends both &&
	add carl bob@example.com Bobby Team to &&
	add dave bob@example.com Bob Old both &&
	add dave robert@example.com Robert New from &&
	printf "Contact ID,New Contact ID\r\nBOB@example.com,robert@example.com\r\n" >map.csv
'

test_expect_success '--dry-run reports, changes nothing, writes no journal' '
	ren --map map.csv -n --report dry.csv 2>err &&
	grep -F "2 would be renamed, 1 would be merged into the new ID" err &&
	test "$(ej_roster alice)" = "$(printf "bob@example.com|Bob B|both|Friends;Work\nerin@example.com|Erin|both|Friends")" &&
	! test -e map.csv.rename.journal
'

test_expect_success 'renamed in every roster; nickname, groups, subscription kept; the new ID merged where it was' '
	ren --map map.csv --report rep.csv 2>err &&
	grep -F "2 renamed, 1 merged into the new ID" err &&
	printf "erin@example.com|Erin|both|Friends\nrobert@example.com|Bob B|both|Friends;Work\n" >want &&
	ej_roster alice >got && test_cmp want got &&
	test "$(ej_roster carl)" = "robert@example.com|Bobby|to|Team" &&
	test "$(ej_roster dave)" = "robert@example.com|Robert|from|New;Old" &&
	grep -F "dave@example.com,rename,merged,bob@example.com -> robert@example.com" rep.csv &&
	test "$(grep -c "^deleted" rep.csv.rename.journal)" -eq 3
'

test_expect_success 'a re-run changes nothing' '
	ren --map map.csv --journal j2 2>err &&
	grep -F "rosters read" err && ! grep -F "renamed," err &&
	test "$(ej_roster carl)" = "robert@example.com|Bobby|to|Team"
'

test_expect_success 'killed between add and delete (both items there): the same command finishes' '
	add carl robert@example.com Bobby Team to && add carl bob@example.com Bobby Team to &&
	ren --map map.csv --journal j3 2>err &&
	grep -F "1 merged into the new ID" err &&
	test "$(ej_roster carl)" = "robert@example.com|Bobby|to|Team"
'

test_expect_success 'kill -9 mid-run over 30 rosters, then the same command: every roster exact' '
	ej_register $(seq -f "u%g" 1 30) &&
	for i in $(seq 1 30); do
		for j in $(seq 1 20); do
			echo "{\"localuser\":\"u$i\",\"localhost\":\"example.com\",\"user\":\"old$j\",\"host\":\"example.com\",\"nick\":\"N$j\",\"group\":\"G\",\"subs\":\"both\"}"
		done
	done >items.json &&
	while read -r body; do ej_api add_rosteritem "$body" >/dev/null; done <items.json &&
	{ printf "Contact ID,New Contact ID\n"; for j in $(seq 1 20); do echo "old$j@example.com,new$j@example.com"; done; } >big.map || exit 1
	ucmig-rename --xmpp "$EJ_URL" --xmpp-user "$EJ_ADMIN" --xmpp-password-file "$EJ_PWFILE" --xmpp-concurrency 2 \
		--map big.map --journal big.j 2>kill.err &
	pid=$!
	n=0 && while [ "$(deleted big.j)" -lt 50 ] && [ $n -lt 400 ]; do
		sleep 0.05; n=$((n + 1)); done
	kill -9 $pid; wait $pid
	before=$(deleted big.j) && echo "killed after $before of 600" &&
	test "$before" -ge 50 && test "$before" -lt 600 &&
	ren --map big.map --journal big.j 2>err && cat err &&
	grep -E "[0-9]+ (renamed|merged into the new ID)" err &&
	for j in $(seq 1 20); do echo "new$j@example.com|N$j|both|G"; done | LC_ALL=C sort >want &&
	for i in $(seq 1 30); do ej_roster u$i >got && test_cmp want got || exit 1; done
'

test_expect_success 'a wrong password is 77; no password is 64' '
	printf "nope\n" >bad.pw &&
	test_expect_code 77 ucmig-rename --xmpp "$EJ_URL" --xmpp-user "$EJ_ADMIN" --xmpp-password-file bad.pw --map map.csv --journal j4 2>err &&
	test_expect_code 64 env -u UCMIG_XMPP_PASSWORD ucmig-rename --xmpp "$EJ_URL" --xmpp-user "$EJ_ADMIN" --map map.csv 2>err
'

test_done
