#!/bin/sh
# Every hostile or broken input in tests/data/bad/ (see its README): the
# tool stops with the case's exit status and message, and afterwards the
# directory and the database are exactly as before: no server saw a
# write (slapd's log has no MOD, the endpoint's no DELETE, UPDATE, INSERT
# or COMMIT).
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
. "$TEST_DIRECTORY/servers/tds.sh"
SLAPD_DEBUG=256

stop_all() { tds_stop; slapd_stop; }
test_on_exit stop_all

BAD=$TEST_DIRECTORY/data/bad

# Every row of every table of the endpoint's database, sorted.
db_dump() {
	/usr/bin/python3 -c "import sqlite3, sys
d = sqlite3.connect(sys.argv[1])
for (t,) in d.execute(\"SELECT name FROM sqlite_master WHERE type = 'table'\"):
    for r in d.execute('SELECT * FROM \"%s\"' % t): print(t, *r)" "$TRASH/tds/rtc.db" | sort
}

test_setup 'slapd with 3 users, a TDS endpoint with the example users' '
	slapd_setup "$TRASH/ldap" && slapd_add_users 3 && slapd_start &&
	tds_start "$TRASH/tds" --data "$DATA/rtc-example.sql" &&
	seq -f "sip:user%05g@example.com" 1 3 >users.txt &&
	ldap_state >ldap.before && db_dump >db.before && test -s db.before
'

# Fill a case's placeholders.
expand() {
	printf "%s" "$1" | sed \
		-e "s|@IN@|$2|g" -e "s|@ZIP@|$EXAMPLES/ExportedUserData.zip|g" \
		-e "s|@USERS@|users.txt|g" -e "s|@PW@|$MIGRATOR_PWFILE|g" \
		-e "s|@LDAPURI@|$SLAPD_URI|g" \
		-e "s|@LDAP@|-H $SLAPD_LDAPS -D $MIGRATOR_DN -y $MIGRATOR_PWFILE|g" \
		-e "s|@DB@|--db-host 127.0.0.1 --db-port $TDS_PORT --db-user sa --db-password-file $TDS_PWFILE|g"
}

field() { sed -n "s/^$1: //p" "$2"; }

ncases=0
for c in "$BAD"/*.case; do
	name=$(basename "$c" .case)
	ncases=$((ncases + 1))
	tool=$(field tool "$c")
	want=$(field exit "$c")
	message=$(field message "$c")
	input=
	[ -f "$BAD/$name.in" ] && input=$name.in
	args=$(expand "$(field args "$c")" "$input")
	env=$(expand "$(field env "$c")" "$input")
	printf "%s" "$message" >"$name.msg"
	test_expect_success "bad input $name: $tool exits $want" "
		rm -f '$name.in' && { test -z '$input' || cp '$BAD/$name.in' '$name.in'; } &&
		eval \"set -- $args\" &&
		{ env $env $tool \"\$@\" >out 2>err; rc=\$?; } ;
		test \$rc -eq $want || { echo \"exit \$rc, wanted $want\"; cat err; exit 1; }
		test ! -s '$name.msg' || grep -F -f '$name.msg' err || { cat err; exit 1; }
	"
done

test_expect_success "at least 60 cases ($ncases)" "test $ncases -ge 60"

test_expect_success 'no server saw a write: directory and database exactly as before' '
	ldap_state >ldap.after && test_cmp ldap.before ldap.after &&
	! grep -E " MOD dn=| ADD dn=| DEL dn=" "$SLAPD_DIR/slapd.log" &&
	db_dump >db.after && test_cmp db.before db.after &&
	! grep -E "^SQL (DELETE|UPDATE|INSERT|COMMIT)|^RPC .*(Delete|delete)" "$TDS_LOG"
'

test_done
