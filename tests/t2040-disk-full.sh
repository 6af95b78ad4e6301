#!/bin/sh
# A full disk under ucmig-disable's journal or report: the run stops
# with 74 and says why, the journal holds only whole records, and the
# same command with the journal moved to room finishes the batch. The
# full disk is a 32 KiB tmpfs the test mounts (root only; skipped
# otherwise).
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
USERS=2000

unmount() { umount "$TRASH/full" 2>/dev/null; }
test_on_exit slapd_stop
test_on_exit unmount

dis() {
	ucmig-disable -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" "$@"
}

mkdir -p full
if ! mount -t tmpfs -o size=32k tmpfs "$TRASH/full" 2>/dev/null; then
	echo "ok 1 # skip cannot mount a small tmpfs here (needs root)"
	echo "1..1"
	exit 0
fi

test_setup "slapd with $USERS users" '
	slapd_setup "$TRASH/ldap" && slapd_add_users $USERS && slapd_start &&
	seq -f "sip:user%05g@example.com" 1 $USERS >all.txt
'

test_expect_success 'journal on a full disk: 74, whole records only, then a resume elsewhere finishes' '
	test_expect_code 74 dis --journal full/j.journal all.txt 2>err &&
	cat err && grep -F "No space left on device" err &&
	! grep -F "Success" err &&
	test "$(tail -c 1 full/j.journal | od -An -c | tr -d " ")" = "\n" &&
	awk -F "\t" "NR > 1 && \$1 != \"begin\" && \$1 != \"done\" { bad++ } END { exit bad > 0 }" full/j.journal &&
	cp full/j.journal room.journal && rm full/j.journal &&
	dis --journal room.journal all.txt 2>err &&
	cat err &&
	test "$(ldap_state | grep -c " FALSE\$")" -eq $USERS
'

test_expect_success 'report on a full disk: 74 and the message; the changes themselves are journaled' '
	dis --undo room.journal 2>/dev/null &&
	test_expect_code 74 dis --journal r.journal --report full/report.csv all.txt 2>err &&
	cat err && grep -F "full/report.csv" err && grep -F "No space left on device" err &&
	! ls full/report.csv* 2>/dev/null | grep -v "^full/report.csv\$" &&
	test "$(grep -c "^done" r.journal)" -eq "$(ldap_state | grep -c " FALSE\$")"
'

test_done
