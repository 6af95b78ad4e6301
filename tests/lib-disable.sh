# lib-disable.sh - running ucmig-disable against the test's slapd, for
# the disable tests (after servers/slapd.sh and slapd_start).
#
#   dis ARGS...        ucmig-disable with -H/-D/-y of the test's slapd (or
#                      of DIS_URI, a latency link before it)
#   dis_bg ARGS...     the same in the background, the binary itself, so
#                      that DIS_PID is the process a kill must reach
#   mods_per_entry     "count dn" of the modifies in slapd's log (-d stats)
#   mod_connections    how many connections those modifies came over
#   wait_mods N        until slapd has logged N modifies (10 s at most)

dis() {
	ucmig-disable -H "${DIS_URI:-$SLAPD_LDAPS}" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" "$@"
}

dis_bg() {
	ucmig-disable -H "${DIS_URI:-$SLAPD_LDAPS}" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" "$@" &
	DIS_PID=$!
}

mods_per_entry() {
	sed -n 's/.* MOD dn="\(.*\)"$/\1/p' "$SLAPD_DIR/slapd.log" | sort | uniq -c
}

mod_connections() {
	sed -n 's/.*\(conn=[0-9]*\) op=[0-9]* MOD dn=.*/\1/p' "$SLAPD_DIR/slapd.log" | sort -u | wc -l
}

wait_mods() {
	_wait_mods_n=0
	while [ "$(grep -c " MOD dn=" "$SLAPD_DIR/slapd.log")" -lt "$1" ] && [ $_wait_mods_n -lt 200 ]; do
		sleep 0.05
		_wait_mods_n=$((_wait_mods_n + 1))
	done
}

# --set-address's view of the directory, read back as root:
#   address_state       "dn address" for every user object, sorted; "-"
#                       where it has no msRTCSIP-PrimaryUserAddress
#   address_holders A   the DNs Microsoft's address book search for A finds
address_state() {
	ldapsearch -LLL -o ldif-wrap=no -x -H "$SLAPD_URI" -D "$SLAPD_ROOTDN" -w "$SLAPD_ROOTPW" \
		-b "$SLAPD_SUFFIX" '(objectClass=user)' msRTCSIP-PrimaryUserAddress |
	awk '/^dn:/ { if (d != "") print d, (a == "" ? "-" : a); d = $2; a = "" }
	     /^msRTCSIP-PrimaryUserAddress:/ { a = $2 }
	     END { if (d != "") print d, (a == "" ? "-" : a) }' | sort
}

address_holders() {
	ldapsearch -LLL -o ldif-wrap=no -x -H "$SLAPD_URI" -D "$MIGRATOR_DN" -w "$MIGRATOR_PW" \
		-b "$SLAPD_SUFFIX" "(msRTCSIP-PrimaryUserAddress=$1)" 1.1 | sed -n 's/^dn: //p' | sort
}
