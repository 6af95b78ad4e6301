#!/bin/sh
# ucmig-disable through a latency link (1 ms each way, as to a domain
# controller a network away): a batch, kill -9 then resume, undo, and
# --set-address, each entry modified exactly once; the directory is read
# back directly (not through the link) after every run.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
. "$TEST_DIRECTORY/servers/latency-link.sh"
. "$TEST_DIRECTORY/lib-disable.sh"
test_on_exit 'link_stop link; slapd_stop'
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

test_expect_success 'undo through the link' '
	dis --undo r1.csv.disable.journal 2>err && grep -F "$N users: $N restored" err &&
	test "$(ldap_state | grep -c " TRUE\$")" -eq $N
'

test_expect_success 'kill -9 in the middle, then the same command through the link: nobody modified twice' '
	: >"$SLAPD_DIR/slapd.log" &&
	dis_bg --window 4 --report r2.csv all.txt 2>/dev/null &&
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
	dis_bg --set-address --window 4 --report a.csv ou.txt 2>/dev/null &&
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

test_done
