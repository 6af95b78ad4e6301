#!/bin/sh
# ucmig-disable through a latency link (1 ms each way, as to a domain
# controller a network away): a batch, kill -9 then resume, undo, and
# --set-address, each entry modified exactly once, and slapd restarted
# during the look-ups; the directory is read back directly (not through
# the link) after every run.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
. "$TEST_DIRECTORY/servers/latency-link.sh"
. "$TEST_DIRECTORY/lib-disable.sh"
test_on_exit 'link_stop link; link_stop slow; link_stop capped; slapd_stop'
SLAPD_DEBUG=256
N=2000

test_setup "slapd with $N users and $N IM and Presence-only users, a 1 ms link before it" '
	slapd_setup "$TRASH/ldap" && slapd_add_users $N && slapd_add_imp_users $N && slapd_start &&
	link_start link "$((SLAPD_PORT + 1))" 1 && echo "$LINK_PORT" >link/port
'
# Every ucmig-disable of this file (dis, dis_bg) goes through the link.
DIS_URI=ldaps://127.0.0.1:$(cat link/port)
seq -f "sip:user%05g@example.com" 1 $N >all.txt

test_expect_success 'the link delays: a bind and one search take over 4 ms through it' '
	start=$(date +%s%N) &&
	ldapsearch -x -H "$DIS_URI" -D "$MIGRATOR_DN" -w "$MIGRATOR_PW" -b "" -s base 1.1 >/dev/null &&
	end=$(date +%s%N) && test $(( (end - start) / 1000000 )) -ge 4
'

test_expect_success "disable $N users through the link: every one FALSE, each modified once" '
	: >"$SLAPD_DIR/slapd.log" &&
	dis --report r1.csv all.txt 2>err &&
	grep -F "$N users: $N disabled" err &&
	test "$(ldap_state | grep -c " FALSE\$")" -eq $N &&
	mods_per_entry >mods && test "$(wc -l <mods)" -eq $N && test "$(awk "\$1 != 1" mods | wc -l)" -eq 0
'

test_expect_success 'the changes came over the 4 connections of the default --parallel' '
	test "$(mod_connections)" -eq 4
'

test_expect_success 'undo through the link, --parallel 1: one connection' '
	: >"$SLAPD_DIR/slapd.log" &&
	dis --parallel 1 --undo r1.csv.disable.journal 2>err && grep -F "$N users: $N restored" err &&
	test "$(ldap_state | grep -c " TRUE\$")" -eq $N &&
	test "$(mod_connections)" -eq 1
'

test_expect_success 'no more connections than --in-flight: --in-flight 2 --parallel 8 uses 2' '
	: >"$SLAPD_DIR/slapd.log" &&
	dis --in-flight 2 --parallel 8 --report w.csv all.txt 2>err && grep -F "$N users: $N disabled" err &&
	test "$(mod_connections)" -eq 2 &&
	dis --undo w.csv.disable.journal 2>err && grep -F "$N users: $N restored" err
'

test_expect_success 'a server that takes 2 connections: the run goes on with 2, says so, and changes everyone once' '
	link_start capped "$((SLAPD_PORT + 1))" 1 --max-connections 2 &&
	: >"$SLAPD_DIR/slapd.log" &&
	DIS_URI=ldaps://127.0.0.1:$LINK_PORT dis --parallel 4 --report c.csv all.txt 2>err &&
	link_stop capped &&
	cat err &&
	grep -F "working with 2 connections instead of 4" err &&
	grep -F "$N users: $N disabled" err &&
	test "$(ldap_state | grep -c " FALSE\$")" -eq $N &&
	mods_per_entry >mods && test "$(wc -l <mods)" -eq $N && test "$(awk "\$1 != 1" mods | wc -l)" -eq 0 &&
	test "$(mod_connections)" -eq 2 &&
	dis --undo c.csv.disable.journal 2>err && grep -F "$N users: $N restored" err
'

test_expect_success 'kill -9 in the middle, then the same command through the link: nobody modified twice' '
	: >"$SLAPD_DIR/slapd.log" &&
	dis_bg --in-flight 4 --report r2.csv all.txt 2>/dev/null &&
	pid=$DIS_PID &&
	wait_mods 300 &&
	kill -9 $pid && { wait $pid; true; } &&
	done_before=$(ldap_state | grep -c " FALSE\$") &&
	echo "disabled when killed: $done_before" &&
	test "$done_before" -gt 0 && test "$done_before" -lt $N &&
	dis --report r2.csv all.txt 2>err &&
	test "$(ldap_state | grep -c " FALSE\$")" -eq $N &&
	mods_per_entry >mods && test "$(wc -l <mods)" -eq $N && test "$(awk "\$1 != 1" mods | wc -l)" -eq 0
'

test_expect_success '--set-address through the link, killed and resumed: every address once' '
	: >"$SLAPD_DIR/slapd.log" &&
	echo "DN:ou=IMP,ou=Users,dc=example,dc=com" >ou.txt &&
	dis_bg --set-address --in-flight 4 --report a.csv ou.txt 2>/dev/null &&
	pid=$DIS_PID &&
	wait_mods 300 &&
	kill -9 $pid && { wait $pid; true; } &&
	test "$(address_state | awk "\$1 ~ /^cn=imp/ && \$2 != \"-\"" | wc -l)" -gt 0 &&
	test "$(address_state | awk "\$1 ~ /^cn=imp/ && \$2 != \"-\"" | wc -l)" -lt $N &&
	dis --set-address --report a.csv ou.txt 2>err &&
	cat err &&
	test "$(address_state | awk "\$1 ~ /^cn=imp/ && \$2 != \"-\"" | wc -l)" -eq $N &&
	mods_per_entry >mods && test "$(wc -l <mods)" -eq $N && test "$(awk "\$1 != 1" mods | wc -l)" -eq 0
'

# The look-ups are 8 searches of 100 users in flight on one connection
# (common/ldap/search_many.c). Through a 50 ms link they take a few
# hundred milliseconds: long enough to restart slapd after the first
# search has answered and before the last one has. (How many are sent
# again is not exact: answers slapd logged may still be in the link when
# its connection resets.)
test_expect_success 'slapd restarted during the look-ups: the unanswered searches are sent again, every user once' '
	dis --undo r2.csv.disable.journal 2>/dev/null &&
	test "$(ldap_state | grep -c " TRUE\$")" -eq $N &&
	link_start slow "$((SLAPD_PORT + 1))" 50 &&
	: >"$SLAPD_DIR/slapd.log" || exit 1
	ucmig-disable -H "ldaps://127.0.0.1:$LINK_PORT" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" \
		--report r3.csv all.txt 2>err &
	pid=$!
	n=0 && while ! grep -q "SEARCH RESULT.* nentries=100" "$SLAPD_DIR/slapd.log" && test $n -lt 1000; do
		sleep 0.01; n=$((n + 1)); done &&
	answered=$(grep -c "SEARCH RESULT.* nentries=100" "$SLAPD_DIR/slapd.log") &&
	modified=$(grep -c " MOD dn=" "$SLAPD_DIR/slapd.log"; true) &&
	slapd_restart &&
	wait $pid &&
	echo "searches answered before the restart: $answered, modifies: $modified" &&
	test "$answered" -lt $((N / 100)) && test "$modified" -eq 0 &&
	grep -F "$N users: $N disabled" err && grep -F "1 reconnect" err &&
	sed -n "/slapd starting/,\$p" "$SLAPD_DIR/slapd.log" | grep -c "SEARCH RESULT.* nentries=100" >resent &&
	test "$(cat resent)" -ge 1 &&
	test "$(ldap_state | grep -c " FALSE\$")" -eq $N &&
	mods_per_entry >mods && test "$(wc -l <mods)" -eq $N && test "$(awk "\$1 != 1" mods | wc -l)" -eq 0
'

test_done
