#!/bin/sh
# batch.sh - ucmig-batch against the same tools run by hand, one batch of
# USERS users (default 5,000) with CONTACTS contacts each (default 200:
# 1,000,000 contact rows), through every phase against real servers on
# 127.0.0.1: slapd (the directory), a TDS endpoint (the pool's back end;
# the topology has that one database), ejabberd (live rosters):
#   (a) by hand: the six commands an administrator would type for a batch
#       nobody fails in, each timed (export, disable, verify, delete,
#       import, the read-back), with the same options and files;
#   (b) ucmig-batch run: the same tools as processes, plus what the
#       runbook adds (the state journal, a list of users handed on after
#       each phase, the import's contact rows filtered to those users,
#       the per-user report at the end), timed as a whole; each tool it
#       starts is timed too, by a wrapper beside a copy of ucmig-batch
#       (the runbook runs the tools found beside itself).
# The runbook's own time is (b) less its tools' times, measured in the
# same run; (b) against the sum of (a) is the same question asked across
# two runs, where the servers' own variation shows. Each starts from
# fresh servers (the directory's users enabled, a fresh database, an
# empty XMPP spool with every user's account). Then both again through
# the latency link (LINK_MS, default 1, each way) in front of every
# server, at LINK_USERS users (default a tenth). Prints figures.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
users=${USERS:-5000}
per=${CONTACTS:-200}
link_users=${LINK_USERS:-$((users / 10))}
link_ms=${LINK_MS:-1}
work=${BENCH_WORK:-$top/bench/work}/batch
rm -rf "$work" && mkdir -p "$work"
cd "$work"
TEST_DIRECTORY=$top/tests
SLAPD_SCHEMA_DIR=$top/tests/servers
TDS_SERVERS_DIR=$top/tests/servers
EJ_SERVERS_DIR=$top/tests/servers
. "$top/tests/servers/slapd.sh"
. "$top/tests/servers/tds.sh"
. "$top/tests/servers/ejabberd.sh"
. "$top/tests/servers/latency-link.sh"
. "$top/bench/lib.sh"
PATH=$top/build:$PATH
export TDSVER=7.4

links_stop() { for l in ldap db ej; do link_stop "$work/link-$l"; done; }
stop_all() { links_stop; slapd_stop; TDS_DIR=$work/db; tds_stop; ejabberd_stop; }
trap stop_all EXIT

register() { # count: ejabberd accounts user00001..
	awk -v n="$1" -v url="$EJ_URL" -v auth="$EJ_ADMIN:$EJ_PASSWORD" 'BEGIN {
		for (i = 1; i <= n; i++) {
			printf "url = \"%s/register\"\nuser = \"%s\"\nheader = \"Content-Type: application/json\"\n", url, auth
			printf "data = \"{\\\"user\\\":\\\"user%05d\\\",\\\"host\\\":\\\"example.com\\\",\\\"password\\\":\\\"pw\\\"}\"\noutput = \"/dev/null\"\nnext\n", i }}' >reg.cfg
	curl -s --noproxy '*' -K reg.cfg 2>/dev/null || true
}

# Fresh servers for n users, and a batch directory DIR for them (through
# the links when via_link is set). Not timed.
fresh() { # n dir
	stop_all 2>/dev/null || true
	rm -rf "$work/ldap" "$work/db" "$work/ej" "$2"
	slapd_setup "$work/ldap" >/dev/null && slapd_add_users "$1" && slapd_start >/dev/null
	sh "$top/tests/servers/gen-rtc.sh" "$1" "$per" >data.sql
	TDS_PORT= ; tds_start "$work/db" --data data.sql; db_port=$TDS_PORT
	ejabberd_start "$work/ej" >/dev/null; register "$1"
	ldap_port=${SLAPD_LDAPS##*:}; ej_port=$EJ_PORT
	if [ -n "${via_link:-}" ]; then
		link_start "$work/link-ldap" "$ldap_port" "$link_ms"; ldap_port=$LINK_PORT
		link_start "$work/link-db" "$db_port" "$link_ms"; db_port=$LINK_PORT
		link_start "$work/link-ej" "$ej_port" "$link_ms"; ej_port=$LINK_PORT
	fi
	seq -f "sip:user%05g@example.com" 1 "$1" >users.txt
	ucmig-batch init "$2" users.txt >/dev/null
	printf '[backend]\nhost = 127.0.0.1\nport = %s\n' "$db_port" >"$2/topology.ini"
	sed -i -e "s|^#ldap-uri = .*|ldap-uri = ldaps://127.0.0.1:$ldap_port|" -e "s|^#bind-dn = .*|bind-dn = $MIGRATOR_DN|" \
		-e "s|^#password-file = .*|password-file = $MIGRATOR_PWFILE|" -e "s|^#db-user = .*|db-user = sa|" \
		-e "s|^#db-password-file = .*|db-password-file = $TDS_PWFILE|" -e "s|^#domains = .*|domains = example.com|" \
		-e "s|^\[ucmig\]$|[ucmig]\nno-progress = yes\nquiet = yes|" \
		-e "s|^#db-host = .*|db-host = 127.0.0.1\ndb-port = $db_port|" -e "s|^#topology = .*|topology = topology.ini|" \
		-e "s|^min-age = 30|min-age = 0|" -e "s|^#xmpp = .*|xmpp = http://127.0.0.1:$ej_port/api|" \
		-e "s|^#xmpp-user = .*|xmpp-user = $EJ_ADMIN|" -e "s|^#xmpp-password-file = .*|xmpp-password-file = $EJ_PWFILE|" \
		"$2/batch.conf"
}

# One command by hand, timed: "phase seconds" appended to hand.times.
by_hand() { # phase command...
	phase=$1; shift
	t0=$(now)
	UCMIG_CONF=batch.conf "$@" || [ $? -eq 1 ]
	t1=$(now)
	echo "$phase $(elapsed "$t0" "$t1")" >>hand.times
}

hand_round() { # n mark
	fresh "$1" hand
	cd hand && mkdir -p x && : >hand.times
	by_hand export ucmig-export --exported-users=x/exported-users.txt --output=x/contacts.csv \
		--report=x/export.csv --summary=x/export.json users.txt
	by_hand disable ucmig-disable --continue --journal=x/disable.journal --rejects=x/disable.rejects \
		--report=x/disable.csv --summary=x/disable.json x/exported-users.txt
	by_hand verify ucmig-disable --verify=x/exported-users.txt --report=x/verify.csv --summary=x/verify.json
	by_hand delete ucmig-delete --disable-journal=x/disable.journal --backup=x/contacts.csv \
		--journal=x/delete.journal --rejects=x/delete.rejects --report=x/delete.csv --summary=x/delete.json \
		x/exported-users.txt
	by_hand import ucmig-import --journal=x/import.journal --rejects=x/import.rejects --report=x/import.csv \
		--summary=x/import.json x/contacts.csv
	by_hand arrived ucmig-import --reconcile --import-report=x/import.csv --export-report=x/export.csv \
		--missing=x/missing.csv --report=x/arrived.csv --summary=x/arrived.json x/contacts.csv
	grep -c ",reconcile,arrived," x/arrived.csv >arrived.count || true
	sum=$(awk '{ s += $2 } END { printf "%.3f", s }' hand.times)
	cd ..
	bench_keep "(a$2)" "$sum"
	printf '%-34s %9ss  (%s)\n' "(a$2) the six commands by hand" "$sum" \
		"$(awk '{ printf "%s%s %ss", sep, $1, $2; sep = ", " }' hand/hand.times)"
	echo "    users arrived: $(cat hand/arrived.count)"
}

# The runbook beside wrappers that time each tool it starts.
wrapped_tools() {
	mkdir -p "$work/bin"
	cp "$top/build/ucmig-batch" "$work/bin/"
	for t in export disable delete import rename fedcheck; do
		cat >"$work/bin/ucmig-$t" <<-EOF
		#!/bin/sh
		t0=\$(date +%s.%N)
		"$top/build/ucmig-$t" "\$@"
		rc=\$?
		echo "ucmig-$t \$t0 \$(date +%s.%N)" >>"$work/tool.times"
		exit \$rc
		EOF
		chmod +x "$work/bin/ucmig-$t"
	done
}

batch_round() { # n mark
	fresh "$1" batch
	: >"$work/tool.times"
	t0=$(now)
	/usr/bin/time -f '%M' -o batch.rss "$work/bin/ucmig-batch" -q run --report batch-users.csv batch \
		>batch.out 2>batch.err || true
	t1=$(now)
	secs=$(elapsed "$t0" "$t1")
	tools=$(awk '{ s += $3 - $2 } END { printf "%.3f", s }' "$work/tool.times")
	bench_keep "(b$2)" "$secs"
	bench_keep "(t$2)" "$tools"
	printf '%-34s %9ss  (its tools %ss: %s)\n' "(b$2) ucmig-batch run" "$secs" "$tools" \
		"$(awk 'BEGIN { split("export disable verify delete import arrived", ph) }
			{ printf "%s%s %.3fs", sep, (NR in ph ? ph[NR] : $1), $3 - $2; sep = ", " }' "$work/tool.times")"
	echo "    users through every phase: $(grep -c ",batch,arrived," batch-users.csv || true); peak RSS of the run (largest process): $(cat batch.rss) KiB"
}

overhead() { # mark
	awk -v a="$(bench_seconds "(a$1)")" -v b="$(bench_seconds "(b$1)")" -v t="$(bench_seconds "(t$1)")" 'BEGIN {
		printf "    runbook'"'"'s own time: %.3f s, %.2f %% of its tools'"'"' (same run)\n", b - t, 100 * (b - t) / t
		printf "    against the six commands by hand: %+.3f s, %+.2f %% (two runs)\n", b - a, 100 * (b - a) / a }'
}

wrapped_tools
echo "# $users users x $per contacts = $((users * per)) rows; $(nproc) cores; every server on loopback"
hand_round "$users" ""
batch_round "$users" ""
overhead ""
echo "# $link_users users x $per contacts through a latency link of $link_ms ms each way before every server"
via_link=1
hand_round "$link_users" "'"
batch_round "$link_users" "'"
overhead "'"
via_link=
bench_row ucmig-batch "its own tools' time, same run" "$(bench_ratio "(t)" "(b)")" "$(bench_ratio "(t')" "(b')")" \
	"$(cat batch.rss)"
bench_row ucmig-batch "the six commands by hand" "$(bench_ratio "(a)" "(b)")" "$(bench_ratio "(a')" "(b')")" "$(cat batch.rss)"
