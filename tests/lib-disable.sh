# lib-disable.sh - running ucmig-disable against the test's slapd, for
# the disable tests (after servers/slapd.sh and slapd_start).
#
#   dis ARGS...        ucmig-disable with -H/-D/-y of the test's slapd
#   dis_bg ARGS...     the same in the background, the binary itself, so
#                      that DIS_PID is the process a kill must reach
#   mods_per_entry     "count dn" of the modifies in slapd's log (-d stats)

dis() {
	ucmig-disable -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" "$@"
}

dis_bg() {
	ucmig-disable -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" "$@" &
	DIS_PID=$!
}

mods_per_entry() {
	sed -n 's/.* MOD dn="\(.*\)"$/\1/p' "$SLAPD_DIR/slapd.log" | sort | uniq -c
}
