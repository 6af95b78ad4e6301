#!/bin/sh
# ucmig-delete killed with -9 at 20 points spread across a run over two
# databases of 300 users each (by the transactions it has recorded as
# committed), then the same command again: each time both databases end
# exactly as after an uninterrupted run, and each endpoint's own log
# shows each user's transaction committed once.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/tds.sh"
USERS=300
POINTS=20

. "$TEST_DIRECTORY/lib-delete.sh"

dump() { # every row of every table, sorted
	/usr/bin/python3 -c "import sqlite3, sys
d = sqlite3.connect(sys.argv[1])
for (t,) in d.execute(\"SELECT name FROM sqlite_master WHERE type = 'table'\"):
    for r in d.execute('SELECT * FROM \"%s\"' % t): print(t, *r)" "$1/rtc.db" | sort
}

del() {
	ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology topology.ini --db-user sa \
		--db-password-file "$TDS_PWFILE" "$@"
}

# From fresh databases, start a run and kill -9 it after POINT commits;
# if the run ended before the poll saw the point (a loaded machine), try
# again with half the point, up to three times.
kill_at() {
	_point=$1
	for _try in 1 2 3; do
		fresh_databases && rm -f k.journal || return 1
		# The binary itself in the background (not the del function, whose
		# subshell a kill would reach instead).
		ucmig-delete --skip-ad-check --no-backup --min-age 0 --topology topology.ini --db-user sa \
			--db-password-file "$TDS_PWFILE" --journal k.journal all.txt 2>/dev/null &
		_pid=$!
		_n=0
		while test "$(done_records k.journal)" -lt "$_point" && kill -0 $_pid 2>/dev/null && test $_n -lt 3000; do
			sleep 0.002; _n=$((_n + 1))
		done
		kill -9 $_pid 2>/dev/null; wait $_pid
		# What the killed run had sent, the servers still finish.
		tds_wait_idle "$TRASH/be" && tds_wait_idle "$TRASH/fe" || return 1
		_at=$(done_records k.journal)
		echo "killed after $_at commits (try $_try)"
		test "$_at" -lt $((2 * USERS)) && return 0
		_point=$((_point / 2))
	done
	return 1
}

test_setup "two databases of $USERS users each" '
	sh "$TEST_DIRECTORY/servers/gen-rtc.sh" $USERS 5 >data.sql &&
	TDS_PORT= && tds_start "$TRASH/be" --data data.sql && BE_PORT=$TDS_PORT &&
	TDS_PORT= && tds_start "$TRASH/fe" --data data.sql && FE_PORT=$TDS_PORT &&
	write_topology &&
	seq -f "sip:user%05g@example.com" 1 $USERS >all.txt
'

test_expect_success 'an uninterrupted run, for comparison' '
	del --journal ref.journal all.txt 2>/dev/null &&
	dump "$TRASH/be" >ref.be && dump "$TRASH/fe" >ref.fe &&
	test "$(grep -c "^HomedResource" ref.be)" -eq 0 &&
	test "$(grep -c "^Resource " ref.be)" -eq $USERS
'

i=0
while [ $i -lt $POINTS ]; do
	i=$((i + 1))
	point=$(( (2 * USERS * 9 / 10 * i / (POINTS + 1)) + (i * 37 % 11) ))
	test_expect_success "kill -9 after $point commits, then resume: both databases as uninterrupted" "
		kill_at $point &&
		{ del --journal k.journal all.txt 2>err || { cat err; exit 1; }; } &&
		dump \"\$TRASH/be\" >now.be && test_cmp ref.be now.be &&
		dump \"\$TRASH/fe\" >now.fe && test_cmp ref.fe now.fe &&
		test \$(grep -c '^SQL COMMIT TRANSACTION' \"\$TRASH/be/endpoint.log\") -eq $USERS &&
		test \$(grep -c '^SQL COMMIT TRANSACTION' \"\$TRASH/fe/endpoint.log\") -eq $USERS
	"
done

test_done
