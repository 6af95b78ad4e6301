#!/bin/sh
# ucmig-disable --set-address at batch scale and under trouble: a DN:
# line over more user objects than AD (1,000) or the test's slapd (500)
# returns to one unpaged search, kill -9 then resume, kill -9 then undo,
# the server restarted mid-batch, SIGTERM. slapd's operation log (-d
# stats) counts the modifies each entry received.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
. "$TEST_DIRECTORY/lib-disable.sh"
test_on_exit slapd_stop
SLAPD_DEBUG=256
N=4000
IMP=ou=IMP,ou=Users,dc=example,dc=com

test_setup "slapd with $N IM and Presence-only users" '
	slapd_setup "$TRASH/ldap" && slapd_add_users 10 && slapd_add_imp_users $N && slapd_start
'

echo "DN:$IMP" >ou.txt
seq -f "imp%05g@example.com" 1 $N >all.txt

# How many of the IM and Presence users carry their own address now.
with_address() {
	address_state | awk '$1 ~ /^cn=imp[0-9]+,/ && $2 == "sip:" substr($1, 4, 8) "@example.com"' | wc -l
}
without_address() {
	address_state | awk '$1 ~ /^cn=imp[0-9]+,/ && $2 == "-"' | wc -l
}

test_expect_success "DN: over $N user objects, paged: every one gets its address, each modified once" '
	: >"$SLAPD_DIR/slapd.log" &&
	dis --set-address --report r1.csv ou.txt 2>err &&
	grep -F "ou.txt:1: $N user objects under $IMP" err &&
	grep -F "$N users: $N address set" err &&
	test "$(with_address)" -eq $N &&
	mods_per_entry >mods && test "$(wc -l <mods)" -eq $N &&
	test "$(awk "\$1 != 1" mods | wc -l)" -eq 0 &&
	dis --set-address --verify all.txt 2>err && grep -F "$N users: $N verified address" err
'

test_expect_success 'undo them all' '
	dis --set-address --undo r1.csv.set-address.journal 2>err &&
	grep -F "$N users: $N address removed" err &&
	test "$(without_address)" -eq $N
'

test_expect_success 'kill -9 in the middle, then the same command finishes without touching anyone twice' '
	: >"$SLAPD_DIR/slapd.log" &&
	dis_bg --set-address --in-flight 1 --report r3.csv all.txt 2>/dev/null &&
	pid=$DIS_PID &&
	wait_mods 1000 &&
	kill -9 $pid && { wait $pid; true; } &&
	done_before=$(with_address) &&
	echo "addresses when killed: $done_before" &&
	test "$done_before" -gt 0 && test "$done_before" -lt $N &&
	dis --set-address --report r3.csv all.txt 2>err &&
	cat err &&
	test "$(with_address)" -eq $N &&
	mods_per_entry >mods && test "$(wc -l <mods)" -eq $N &&
	test "$(awk "\$1 != 1" mods | wc -l)" -eq 0 &&
	test "$(grep -c "^begin" r3.csv.set-address.journal)" -eq $N
'

test_expect_success 'kill -9 in the middle, then --undo straight away: every address gone again' '
	dis --set-address --undo r3.csv.set-address.journal 2>/dev/null &&
	test "$(without_address)" -eq $N &&
	dis_bg --set-address --in-flight 1 --journal k4.journal all.txt 2>/dev/null &&
	pid=$DIS_PID &&
	n=0 && while test "$(with_address)" -lt 500 && test $n -lt 200; do
		sleep 0.05; n=$((n + 1)); done &&
	kill -9 $pid && { wait $pid; true; } &&
	test "$(with_address)" -gt 0 &&
	dis --set-address --undo k4.journal 2>err &&
	cat err &&
	test "$(without_address)" -eq $N
'

test_expect_success 'slapd restarted mid-batch: the run reconnects and finishes, none failed (an add that landed and is sent again is read back)' '
	: >"$SLAPD_DIR/slapd.log" &&
	dis_bg --set-address --parallel 4 --report r5.csv all.txt 2>err &&
	pid=$DIS_PID &&
	wait_mods 1500 &&
	slapd_restart &&
	wait $pid &&
	cat err &&
	# each of the 4 connections finds the server gone and comes back once
	grep -F "$N users: $N address set" err && grep -F "; 4 reconnects" err &&
	test "$(grep -c "connection lost and re-established" err)" -eq 4 &&
	test "$(with_address)" -eq $N
'

test_expect_success 'SIGTERM in the middle of an undo: a clean stop (143), then the same command finishes' '
	: >"$SLAPD_DIR/slapd.log" &&
	dis_bg --set-address --in-flight 1 --undo r5.csv.set-address.journal 2>err &&
	pid=$DIS_PID &&
	wait_mods 1000 &&
	kill -TERM $pid &&
	test_expect_code 143 wait $pid &&
	grep -F "address removed" err &&
	test "$(without_address)" -gt 0 && test "$(with_address)" -gt 0 &&
	dis --set-address --undo r5.csv.set-address.journal 2>err &&
	test "$(without_address)" -eq $N
'

test_done
