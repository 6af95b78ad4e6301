#!/bin/sh
# demo.sh - `make demo`: a real export from the synthetic examples, shown
# step by step as an administrator would run it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PATH=$top/build:$PATH
work=$(mktemp -d "${TMPDIR:-/tmp}/ucmig-demo.XXXXXX")
cd "$work"

# The throwaway servers the demo starts, on 127.0.0.1, stopped at the end.
SLAPD_SCHEMA_DIR=$top/tests/servers
TDS_SERVERS_DIR=$top/tests/servers
. "$top/tests/servers/slapd.sh"
. "$top/tests/servers/tds.sh"
EJ_SERVERS_DIR=$top/tests/servers
. "$top/tests/servers/ejabberd.sh"
TEST_DIRECTORY=$top/tests
. "$top/tests/servers/pki.sh"
. "$top/tests/servers/unbound.sh"
. "$top/tests/servers/kamailio.sh"
trap 'slapd_stop; tds_stop; TDS_DIR=$work/be; tds_stop; TDS_DIR=$work/fe; tds_stop; ejabberd_stop;
      unbound_stop "$work/dns"; kamailio_stop "$work/kam"' EXIT

if [ -t 1 ]; then bold='\033[1m' plain='\033[0m'; else bold= plain=; fi
step() { printf "\n${bold}== %s${plain}\n" "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }

step "The batch: users to move (one is not on the Microsoft server)"
cp "$top/examples/users.txt" batch1.txt
show cat batch1.txt

step "Before the batch: check federation between IM and Presence and the Lync pool"
echo "(unbound serves example.com's records and kamailio answers SIP over TLS on 127.0.61.1-2,"
echo " certificates from a throwaway CA; fe2's was issued without the client-auth usage)"
mkdir -p "$work/pki"
test_pki_ca "$work/pki"
test_pki_leaf "$work/pki" sipfed "DNS:sipfed.example.com" serverAuth,clientAuth 365
test_pki_leaf "$work/pki" fe2 "DNS:fe2.example.com" serverAuth 365
printf '%s\n' "127.0.61.1:5061 $work/pki/sipfed.crt $work/pki/sipfed.key" \
	"127.0.61.2:5061 $work/pki/fe2.crt $work/pki/fe2.key" >"$work/sockets"
kamailio_start "$work/kam" "$work/sockets"
cat >"$work/zones" <<'ZONES'
local-zone: "example.com." static
local-data: "_sipfederationtls._tcp.example.com. 300 IN SRV 0 0 5061 sipfed.example.com."
local-data: "sipfed.example.com. 300 IN A 127.0.61.1"
local-data: "fe2.example.com. 300 IN A 127.0.61.2"
local-data-ptr: "127.0.61.1 sipfed.example.com."
ZONES
unbound_start "$work/dns" "$work/zones"
printf 'Destination Pattern,Description,Next Hop,Next Hop Port,Route Type,Protocol Type,Priority,Weight\n.com.example,Lync FE 1,sipfed.example.com,5061,Domain,TLS,1,10\n.com.example,Lync FE 2,fe2.example.com,5061,Domain,TLS,2,10\n' >static-routes.csv
show cat static-routes.csv
show ucmig-fedcheck --routes static-routes.csv --domains example.com --fed-fqdn sipfed.example.com \
	--live --dns "$DNS_SERVER" --ca "$work/pki/ca.crt" --report batch1-fedcheck.csv ||
	echo "(exit $?: a FAIL to fix before the batch; the evidence says what)"
unbound_stop "$work/dns"
kamailio_stop "$work/kam"

step "Export their contact lists from an Export-CsUserData backup (Lync 2013+)"
show ucmig-export --userdata "$top/examples/ExportedUserData.zip" \
	-o batch1-contacts.csv --exported-users batch1-users.txt \
	--report batch1-export.csv batch1.txt || echo "(exit $?: some users were not found; see the report)"

step "The BAT contact CSV for IM and Presence"
show cat batch1-contacts.csv

step "The users actually exported: the input for disable and delete"
show cat batch1-users.txt

step "The per-record report for the change board"
show cat batch1-export.csv

step "The same batch straight from the Lync back-end database (rtc) through FreeTDS"
echo "(a TDS endpoint on SQLite stands in for SQL Server: tests/servers/tds_endpoint.py)"
tds_start "$work/tds" --data "$top/tests/data/rtc-example.sql"
show ucmig-export --db-host 127.0.0.1 --db-port "$TDS_PORT" --db-user sa \
	--db-password-file "$TDS_PWFILE" -o batch1-contacts-sql.csv batch1.txt ||
	echo "(exit $?: some users were not found)"
show cmp batch1-contacts.csv batch1-contacts-sql.csv && echo "identical to the export from the backup file"
tds_stop

step "A Lync 2010 / OCS dbimpexp file (UTF-16), with a header line"
show ucmig-export --userdata "$top/examples/dbimpexp.xml" --header 2>&1

step "Start a throwaway Active Directory look-alike (OpenLDAP slapd on 127.0.0.1)"
slapd_setup "$work/ldap" >/dev/null
for u in alice bob erin dave; do
	user_ldif "$u" "sip:$u@example.com" TRUE
done >"$work/users.ldif"
# gina was hired after the Microsoft server was frozen: IM and Presence only.
printf 'dn: cn=gina,ou=Users,%s\nobjectClass: user\ncn: gina\nsn: gina\nsAMAccountName: gina\nmail: gina@example.com\n\n' \
	"$SLAPD_SUFFIX" >>"$work/users.ldif"
slapd_add_ldif "$work/users.ldif"
slapd_start
echo "slapd pid $SLAPD_PID on $SLAPD_LDAPS (TLS, throwaway CA)"
ldap_state

step "Dry run: what would change"
show ucmig-disable -n -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" batch1-users.txt

step "Disable the exported users: msRTCSIP-UserEnabled to FALSE, nothing else"
show ucmig-disable -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" \
	--report batch1-disable.csv batch1-users.txt
show cat batch1-disable.csv

step "Verify, reading the directory back"
show ucmig-disable -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" --verify batch1-users.txt
ldap_state

step "The journal: every change, with the value before it (ucmig-disable --undo uses it)"
show cat batch1-disable.csv.disable.journal

step "Delete their data on the back end and a Front End, keeping them on others' lists"
cat "$top/tests/data/rtc-example.sql" "$top/tests/data/rtc-stay.sql" >rtc.sql
TDS_PORT= ; tds_start "$work/be" --data rtc.sql; BE_PORT=$TDS_PORT
TDS_PORT= ; tds_start "$work/fe" --data rtc.sql; FE_PORT=$TDS_PORT
printf '[backend]\nhost = 127.0.0.1\nport = %s\n\n[fe1]\nhost = 127.0.0.1\nport = %s\n' "$BE_PORT" "$FE_PORT" >pool.ini
show cat pool.ini
delete() {
	ucmig-delete -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" \
		--backup batch1-contacts.csv --disable-journal batch1-disable.csv.disable.journal \
		--topology pool.ini --db-user sa --db-password-file "$TDS_PWFILE" "$@"
}
echo "First as it would run right after the disable: the interlock says to wait."
show delete --report batch1-delete.csv batch1-users.txt || echo "(exit $?: try later)"
echo
echo "The User Replicator may take 30 minutes; the demo does not wait, so --min-age 0:"
show delete --min-age 0 --report batch1-delete.csv batch1-users.txt
show cat batch1-delete.csv
echo "frank, still on Microsoft, keeps alice and bob on his list:"
/usr/bin/python3 -c "import sqlite3; d = sqlite3.connect('$work/be/rtc.db'); print(d.execute(
	'SELECT r.UserAtHost, o.UserAtHost FROM Contact c JOIN Resource r ON r.ResourceId = c.BuddyId JOIN Resource o ON o.ResourceId = c.OwnerId WHERE o.UserAtHost = ?',
	('frank@example.com',)).fetchall())"
TDS_DIR=$work/be; tds_stop
TDS_DIR=$work/fe; tds_stop

step "gina was created straight on IM and Presence: give her an msRTCSIP-PrimaryUserAddress so Microsoft users find her"
echo gina@example.com >imp-only.txt
show ucmig-disable --set-address -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" \
	--report imp-only-address.csv imp-only.txt
show cat imp-only-address.csv
echo "The search Microsoft's address book makes finds her (msRTCSIP-UserEnabled stays unset: she is not on the Microsoft server):"
(umask 077 && printf %s "$MIGRATOR_PW" >ldapsearch.pw)   # ldapsearch -y takes no newline
show ldapsearch -LLL -x -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y ldapsearch.pw -b "$SLAPD_SUFFIX" \
	'(msRTCSIP-PrimaryUserAddress=sip:gina@example.com)' mail msRTCSIP-PrimaryUserAddress msRTCSIP-UserEnabled

step "Rename the migrated users on everyone's lists: IM and Presence addresses are sAMAccountName@corp.example.com"
show ucmig-rename --map-from-ldap -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" \
	--im-address userid --domains corp.example.com -o batch1-rename.csv batch1-users.txt
show cat batch1-rename.csv
show ucmig-rename --map batch1-rename.csv --report batch1-rename-report.csv batch1-contacts.csv
echo "(Only the renamed fields change; every other row comes out byte for byte.)"

step "Import the exported contacts straight into a presence server's rosters"
echo "(ejabberd 23.01 on 127.0.0.1 with its HTTP admin API stands in for the XMPP server)"
ejabberd_start "$work/ej"
ej_register alice bob
show ucmig-import --xmpp "$EJ_URL" --xmpp-user "$EJ_ADMIN" --xmpp-password-file "$EJ_PWFILE" \
	--report batch1-import.csv batch1-contacts.csv
show cat batch1-import.csv
echo "alice's roster, read back from the server (contact|nickname|subscription|groups):"
ej_roster alice
echo "Run again: nothing is sent twice."
show ucmig-import --xmpp "$EJ_URL" --xmpp-user "$EJ_ADMIN" --xmpp-password-file "$EJ_PWFILE" \
	--report batch1-import-again.csv batch1-contacts.csv

step "What arrived: the rosters read back against the contact CSV, the chain from the Microsoft server on"
echo "(bob's item is taken off alice's roster first, as a job that stopped half way would leave it)"
ej_api delete_rosteritem '{"localuser":"alice","localhost":"example.com","user":"bob","host":"example.com"}' >/dev/null
show ucmig-import --xmpp "$EJ_URL" --xmpp-user "$EJ_ADMIN" --xmpp-password-file "$EJ_PWFILE" \
	--reconcile --export-report batch1-export.csv --missing batch1-missing.csv \
	--report batch1-arrived.csv batch1-contacts.csv || echo "(exit $?: rows are missing)"
show cat batch1-arrived.csv
show cat batch1-missing.csv
echo "The missing rows are the next import; then everything has arrived:"
show ucmig-import --xmpp "$EJ_URL" --xmpp-user "$EJ_ADMIN" --xmpp-password-file "$EJ_PWFILE" \
	--report batch1-import-missing.csv batch1-missing.csv
show ucmig-import --xmpp "$EJ_URL" --xmpp-user "$EJ_ADMIN" --xmpp-password-file "$EJ_PWFILE" \
	--reconcile batch1-contacts.csv
ejabberd_stop

step "Or plan the upload for IM and Presence BAT: two nodes, 5,000-user OVAs, 1-hour windows"
printf 'UserID,Subcluster Name,Node Name\r\nalice,Subcluster-1,imp1a.example.com\r\nbob,Subcluster-1,imp1b.example.com\r\n' >user-assignment.csv
show cat user-assignment.csv
show ucmig-import --bat batch1-bat --assignment user-assignment.csv --ova 5000 --window 1h \
	--domains example.com --report batch1-plan.csv batch1-contacts.csv
show cat batch1-bat/plan.csv
show cat batch1-bat/imp1a.example.com-01.csv
echo "(Upload each file with BAT, one window at a time.)"

step "Now the whole batch at once: ucmig-batch runs every step above in order, as those commands"
echo "(fresh servers: the directory, the back end and a Front End, the XMPP server)"
slapd_stop
slapd_setup "$work/ldap-batch" >/dev/null
for u in alice bob erin frank; do user_ldif "$u" "sip:$u@example.com" TRUE; done >"$work/batch-users.ldif"
slapd_add_ldif "$work/batch-users.ldif"
slapd_start
TDS_PORT= ; tds_start "$work/be" --data rtc.sql; BE_PORT=$TDS_PORT
TDS_PORT= ; tds_start "$work/fe" --data rtc.sql; FE_PORT=$TDS_PORT
printf '[backend]\nhost = 127.0.0.1\nport = %s\n\n[fe1]\nhost = 127.0.0.1\nport = %s\n' "$BE_PORT" "$FE_PORT" >pool.ini
ejabberd_start "$work/ej-batch"
ej_register alice bob
printf 'sip:alice@example.com\nsip:bob@example.com\nsip:erin@example.com\nsip:nobody@example.com\n' >batch2.txt
show ucmig-batch init batch2 batch2.txt
# The administrator's edits to batch.conf: the servers and password files.
sed -i -e "s|^#ldap-uri = .*|ldap-uri = $SLAPD_LDAPS|" -e "s|^#bind-dn = .*|bind-dn = $MIGRATOR_DN|" \
	-e "s|^#password-file = .*|password-file = $MIGRATOR_PWFILE|" -e "s|^#db-user = .*|db-user = sa|" \
	-e "s|^#db-password-file = .*|db-password-file = $TDS_PWFILE|" -e "s|^#domains = .*|domains = example.com|" \
	-e "s|^#db-host = .*|db-host = 127.0.0.1\ndb-port = $BE_PORT|" -e "s|^#topology = .*|topology = $work/pool.ini|" \
	-e "s|^min-age = 30|min-age = 1|" -e "s|^#xmpp = .*|xmpp = $EJ_URL|" -e "s|^#xmpp-user = .*|xmpp-user = $EJ_ADMIN|" \
	-e "s|^#xmpp-password-file = .*|xmpp-password-file = $EJ_PWFILE|" \
	-e "s|^#backup = .*|backup = $top/examples/ExportedUserData.zip|" batch2/batch.conf
echo "batch.conf as edited (the settings in use; min-age 1 makes the demo's replication gate a minute):"
grep -v '^#' batch2/batch.conf | grep -v '^$'
show ucmig-batch plan batch2 || echo "(exit $?: NO-GO; nobody@example.com is on no server: take them out of the batch)"
sed -i '/nobody/d' batch2/users.txt
show ucmig-batch plan batch2
show ucmig-batch run --wait batch2 || echo "(exit $?: users stopped on the way; the report says where and why)"
show ucmig-batch status batch2
show ucmig-batch report batch2
echo "alice's roster, read back from the server:"
ej_roster alice
ejabberd_stop
printf '\nThe batch report for the change board: %s/batch2/report.html\n' "$work"

printf '\nDemo files are in %s\n' "$work"
