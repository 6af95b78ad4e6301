# lib-batch.sh - the servers of a whole batch on 127.0.0.1 and a batch
# directory whose batch.conf points at them (ucmig-batch's tests; after
# servers/slapd.sh, tds.sh and ejabberd.sh). Sourced; registers
# batch_servers_stop to run at the end.
#
#   batch_servers_start   slapd with the batch's users, the back end and a
#                         Front End (rtc-example + rtc-stay + rtc-batch),
#                         ejabberd with accounts for all but ivy
#   batch_make DIR        ucmig-batch init DIR users, then batch.conf's
#                         settings for those servers (min-age 0)
#   batch_users           the batch's users, one a line
#   be_homed ADDRESS      1 if the back end still homes the user, else 0

batch_servers_stop() {
	slapd_stop
	TDS_DIR=$TRASH/be; tds_stop
	TDS_DIR=$TRASH/fe; tds_stop
	ejabberd_stop
}
test_on_exit batch_servers_stop

batch_users() {
	printf '%s\n' sip:alice@example.com sip:bob@example.com sip:erin@example.com sip:nobody@example.com \
		sip:gus@example.com sip:hank@example.com sip:ivy@example.com
}

batch_databases() {
	cat "$DATA/rtc-example.sql" "$DATA/rtc-stay.sql" "$DATA/rtc-batch.sql" >"$TRASH/batch-data.sql" &&
	TDS_DIR=$TRASH/be; tds_stop
	TDS_DIR=$TRASH/fe; tds_stop
	TDS_PORT= && tds_start "$TRASH/be" --data "$TRASH/batch-data.sql" && BE_PORT=$TDS_PORT &&
	TDS_PORT= && tds_start "$TRASH/fe" --data "$TRASH/batch-data.sql" && FE_PORT=$TDS_PORT &&
	printf '[backend]\nhost = 127.0.0.1\nport = %s\n\n[fe1]\nhost = 127.0.0.1\nport = %s\n' \
		"$BE_PORT" "$FE_PORT" >"$TRASH/topology.ini"
}

batch_directory() {
	slapd_setup "$TRASH/ldap" >/dev/null &&
	for u in alice bob erin hank ivy frank; do user_ldif "$u" "sip:$u@example.com" TRUE; done >"$TRASH/users.ldif" &&
	slapd_add_ldif "$TRASH/users.ldif" && slapd_start
}

batch_servers_start() {
	batch_directory && batch_databases &&
	ejabberd_start "$TRASH/ej" && ej_register alice bob erin hank gus frank
}

batch_make() {
	batch_users >"$TRASH/batch-users.txt" &&
	ucmig-batch init "$1" "$TRASH/batch-users.txt" >/dev/null &&
	# The template's commented settings get the test's servers.
	sed -i -e "s|^#ldap-uri = .*|ldap-uri = $SLAPD_LDAPS|" -e "s|^#bind-dn = .*|bind-dn = $MIGRATOR_DN|" \
		-e "s|^#password-file = .*|password-file = $MIGRATOR_PWFILE|" -e "s|^#db-user = .*|db-user = sa|" \
		-e "s|^#db-password-file = .*|db-password-file = $TDS_PWFILE|" -e "s|^#domains = .*|domains = example.com|" \
		-e "s|^\\[ucmig\\]\$|[ucmig]\\nno-progress = yes|" "$1/batch.conf" &&
	sed -i -e "s|^#db-host = .*|db-host = 127.0.0.1\ndb-port = $BE_PORT|" \
		-e "s|^#topology = .*|topology = $TRASH/topology.ini|" -e "s|^min-age = 30|min-age = 0|" \
		-e "s|^#xmpp = .*|xmpp = $EJ_URL|" -e "s|^#xmpp-user = .*|xmpp-user = $EJ_ADMIN|" \
		-e "s|^#xmpp-password-file = .*|xmpp-password-file = $EJ_PWFILE|" "$1/batch.conf"
}

be_homed() {
	/usr/bin/python3 -c "import sqlite3, sys; d = sqlite3.connect(sys.argv[1]); print(d.execute(
		'SELECT COUNT(*) FROM HomedResource h JOIN Resource r ON r.ResourceId = h.ResourceId WHERE r.UserAtHost = ?',
		(sys.argv[2],)).fetchone()[0])" "$TRASH/be/rtc.db" "$1"
}

# Everything the batch can change, read back from the servers: the
# directory, both databases' users and contact rows, and every roster.
batch_servers_state() {
	ldap_state | sed 's/^/ldap /'
	for db in be fe; do
		/usr/bin/python3 - "$TRASH/$db/rtc.db" "$db" <<'PY'
import sqlite3, sys
d = sqlite3.connect(sys.argv[1])
for (u,) in d.execute("SELECT r.UserAtHost FROM HomedResource h JOIN Resource r ON r.ResourceId = h.ResourceId ORDER BY 1"):
    print(sys.argv[2], "homed", u)
for t in ("Contact", "ContactGroup", "ContactGroupAssoc", "Container", "UserPolicy"):
    print(sys.argv[2], t, d.execute("SELECT COUNT(*) FROM %s" % t).fetchone()[0])
PY
	done
	for u in alice bob erin hank gus frank; do
		ej_roster "$u" | sed "s/^/roster $u /"
	done
}
