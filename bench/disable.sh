#!/bin/sh
# disable.sh - ucmig-disable against the tools an administrator would use,
# in one run, on one slapd (mdb, dbnosync) holding USERS users (default
# 10,000), all over ldaps:// as the same non-root account:
#   (a) one ldapmodify -f process fed the equivalent LDIF (one replace per
#       user; it is even given the DNs, which ucmig-disable looks up);
#   (b) server capacity: 8 ldapmodify processes in parallel on disjoint
#       slices of that LDIF;
#   (c) ucmig-disable with its lookups, journal (fdatasync per window) and
#       report.
# Each contender starts from a copy of the same database and is checked
# afterwards: every user must read back FALSE.
# Then (a) to (c) again through tests/servers/latency-link, LINK_MS
# (default 1) each way: what a domain controller a network away costs.
# Then --set-address on as many IM and Presence-only users (no msRTCSIP
# attribute), each checked afterwards to carry sip:<mail>:
#   (d) one ldapmodify -f process, one add per user, given the DNs;
#   (e) ucmig-disable --set-address from a DN: line: expansion, look-ups
#       by mail, the search for entries already carrying each address,
#       journal and report.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
users=${USERS:-10000}
work=${BENCH_WORK:-$top/bench/work}/disable
rm -rf "$work" && mkdir -p "$work"
cd "$work"
SLAPD_SCHEMA_DIR=$top/tests/servers
. "$top/tests/servers/slapd.sh"
TEST_DIRECTORY=$top/tests
. "$top/tests/servers/latency-link.sh"
. "$top/bench/lib.sh"
link_ms=${LINK_MS:-1}
trap 'link_stop "$work/link"; slapd_stop' EXIT

slapd_setup "$work/ldap" >/dev/null
slapd_add_users "$users"
slapd_add_imp_users "$users"
cp -a "$SLAPD_DIR/db" "$work/db.orig"
seq -f "sip:user%05g@example.com" 1 "$users" >users.txt
awk -v n="$users" 'BEGIN { for (i = 1; i <= n; i++)
	printf "dn: cn=user%05d,ou=Users,dc=example,dc=com\nchangetype: modify\nreplace: msRTCSIP-UserEnabled\nmsRTCSIP-UserEnabled: FALSE\n\n", i }' >mod.ldif
awk -v n="$users" 'BEGIN { for (i = 1; i <= n; i++)
	printf "dn: cn=imp%05d,ou=IMP,ou=Users,dc=example,dc=com\nchangetype: modify\nadd: msRTCSIP-PrimaryUserAddress\nmsRTCSIP-PrimaryUserAddress: sip:imp%05d@example.com\n\n", i, i }' >add.ldif
echo "DN:ou=IMP,ou=Users,dc=example,dc=com" >imp-ou.txt
# 8 slices on record boundaries (records are 5 lines).
per=$(( (users + 7) / 8 * 5 ))
split -l "$per" -d mod.ldif slice.

# The URI the contenders use: the server itself, or the link before it.
uri() { if [ -n "${via_link:-}" ]; then echo "ldaps://127.0.0.1:$LINK_PORT"; else echo "$SLAPD_LDAPS"; fi; }

fresh_server() {
	link_stop "$work/link"
	slapd_stop
	rm -rf "$SLAPD_DIR/db" && cp -a "$work/db.orig" "$SLAPD_DIR/db"
	slapd_start
	# The server's certificate names 127.0.0.1: the link is on it too.
	[ -z "${via_link:-}" ] || link_start "$work/link" "$((SLAPD_PORT + 1))" "$link_ms"
}

check_all_false() {
	n=$(ldap_state | grep -c " FALSE\$" || true)
	[ "$n" -eq "$users" ] || { echo "bench: only $n of $users disabled" >&2; exit 1; }
}

check_all_addressed() {
	n=$(ldap_state | grep -c "^sip:imp[0-9]*@example.com -\$" || true)
	[ "$n" -eq "$users" ] || { echo "bench: only $n of $users got an address" >&2; exit 1; }
}

run() { # name command...
	check=check_all_false
	[ "$1" = --check ] && { check=$2; shift 2; }
	name=$1
	shift
	fresh_server
	t0=$(now)
	"$@"
	t1=$(now)
	$check
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
	rate=$(awk -v s="$secs" -v n="$users" 'BEGIN { printf "%.0f", n / s }')
	printf '%-48s %8ss %8s users/s\n' "$name" "$secs" "$rate"
	bench_keep "$name" "$secs"
}

ldapmodify_one() {
	ldapmodify -x -H "$(uri)" -D "$MIGRATOR_DN" -w "$MIGRATOR_PW" -f mod.ldif >/dev/null
}

ldapmodify_eight() {
	pids=
	for f in slice.*; do
		ldapmodify -x -H "$(uri)" -D "$MIGRATOR_DN" -w "$MIGRATOR_PW" -f "$f" >/dev/null &
		pids="$pids $!"
	done
	# Not a bare wait: slapd is this shell's child too.
	for p in $pids; do
		wait "$p"
	done
}

ldapmodify_add() {
	ldapmodify -x -H "$(uri)" -D "$MIGRATOR_DN" -w "$MIGRATOR_PW" -f add.ldif >/dev/null
}

ucmig_set_address() {
	rm -f imp.journal
	/usr/bin/time -f '%M' -o rss-address.txt "$top/build/ucmig-disable" -q --no-progress \
		-H "$(uri)" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" --set-address \
		--journal imp.journal --report report-address.csv imp-ou.txt
}

ucmig_disable() {
	rm -f users.journal
	/usr/bin/time -f '%M' -o rss.txt "$top/build/ucmig-disable" -q --no-progress \
		-H "$(uri)" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" \
		--journal users.journal --report report.csv users.txt
}

# (a) to (c) once, and the ratios: $1 is "" (loopback) or "'" (link).
disable_round() {
	run "(a$1) ldapmodify -f, one process" ldapmodify_one
	run "(b$1) 8 x ldapmodify in parallel (capacity)" ldapmodify_eight
	run "(c$1) ucmig-disable (lookup+journal+report)" ucmig_disable
	a=$(bench_seconds "(a$1)"); b=$(bench_seconds "(b$1)"); c=$(bench_seconds "(c$1)")
	awk -v a="$a" -v b="$b" -v c="$c" -v rss="$(cat rss.txt)" 'BEGIN {
		printf "ucmig-disable is %.1fx one ldapmodify and %.2fx 8 in parallel (%.0f%% of their speed); peak RSS %.1f MiB\n",
			a / c, b / c, 100 * b / c, rss / 1024 }'
}

echo "# ucmig-disable: $users users, one slapd (mdb, dbnosync), ldaps://, $(nproc) cores"
disable_round ""
lo_one=$(ratio "$a" "$c"); lo_eight=$(ratio "$b" "$c")
echo "# the same through a latency link of $link_ms ms each way"
via_link=1
disable_round "'"
via_link=
bench_row ucmig-disable "one ldapmodify -f" "$lo_one" "$(ratio "$a" "$c")" "$(cat rss.txt)"
bench_row ucmig-disable "8 x ldapmodify -f (capacity)" "$lo_eight" "$(ratio "$b" "$c")" "$(cat rss.txt)"

# (d) and (e) once, and the ratio: $1 is "" (loopback) or "'" (link).
address_round() {
	run --check check_all_addressed "(d$1) ldapmodify -f, one process, add" ldapmodify_add
	run --check check_all_addressed "(e$1) ucmig-disable --set-address (DN: line)" ucmig_set_address
	d=$(bench_seconds "(d$1)"); e=$(bench_seconds "(e$1)")
	awk -v d="$d" -v e="$e" -v rss="$(cat rss-address.txt)" 'BEGIN {
		printf "ucmig-disable --set-address is %.1fx one ldapmodify; peak RSS %.1f MiB\n", d / e, rss / 1024 }'
}

echo "# ucmig-disable --set-address: $users IM and Presence-only users"
address_round ""
lo_address=$(ratio "$d" "$e")
echo "# the same through a latency link of $link_ms ms each way"
via_link=1
address_round "'"
via_link=
bench_row "ucmig-disable --set-address" "one ldapmodify -f, add" "$lo_address" "$(ratio "$d" "$e")" "$(cat rss-address.txt)"
