# slapd.sh - an OpenLDAP slapd standing in for Active Directory, started
# by a test on 127.0.0.1 from its own directory and stopped by its PID.
# Sourced by tests (after test-lib.sh) and by the demo and benchmarks.
#
#   slapd_setup DIR          config, schema, throwaway CA, base entries
#   slapd_add_users N [FIRST] LDIF for userNNNNN (enabled) via slapadd (before start)
#   slapd_add_imp_users N [FIRST]  impNNNNN under ou=IMP: mail and account,
#                            no msRTCSIP attribute (IM and Presence-only users)
#   slapd_add_ldif FILE      more entries via slapadd (before start)
#   slapd_start / slapd_stop / slapd_restart
#   ldap_state               "address value" for every SIP user, sorted
#   ldap_enabled ADDRESS     msRTCSIP-UserEnabled of one user
#
# After slapd_start: SLAPD_URI (ldap://), SLAPD_LDAPS (ldaps://), SLAPD_PID,
# LDAPTLS_CACERT (exported), MIGRATOR_DN and MIGRATOR_PWFILE: a non-root
# account that, like an AD service account in RTCUniversalUserAdmins, may
# write msRTCSIP-UserEnabled and msRTCSIP-PrimaryUserAddress (nothing
# else) and gets 500 entries per search unless it pages.

# Where lync-ad.schema is: tests/servers, or wherever the caller says.
SLAPD_SCHEMA_DIR=${SLAPD_SCHEMA_DIR:-${TEST_DIRECTORY:-.}/servers}
. "$SLAPD_SCHEMA_DIR/stop.sh"
. "$SLAPD_SCHEMA_DIR/pki.sh"
SLAPD_SUFFIX=dc=example,dc=com
SLAPD_ROOTDN=cn=admin,$SLAPD_SUFFIX
SLAPD_ROOTPW=rootsecret
MIGRATOR_DN=cn=migrator,$SLAPD_SUFFIX
MIGRATOR_PW=Migr8-secret
HOME_SERVER='CN=Lc Services,CN=Microsoft,CN=1:1,CN=Pools,CN=RTC Service,CN=Services,CN=Configuration,DC=example,DC=com'

slapd_mkpki() { test_pki "$1"; }

slapd_setup() {
	SLAPD_DIR=$1
	mkdir -p "$SLAPD_DIR/db" "$SLAPD_DIR/run" &&
	slapd_mkpki "$SLAPD_DIR" || return 1
	cat >"$SLAPD_DIR/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include $SLAPD_SCHEMA_DIR/lync-ad.schema
pidfile $SLAPD_DIR/run/slapd.pid
argsfile $SLAPD_DIR/run/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
loglevel none
TLSCACertificateFile $SLAPD_DIR/ca.crt
TLSCertificateFile $SLAPD_DIR/server.crt
TLSCertificateKeyFile $SLAPD_DIR/server.key
database mdb
maxsize 1073741824
suffix "$SLAPD_SUFFIX"
rootdn "$SLAPD_ROOTDN"
rootpw $SLAPD_ROOTPW
directory $SLAPD_DIR/db
dbnosync
index objectClass eq
index sAMAccountName,userPrincipalName,mail,msRTCSIP-PrimaryUserAddress eq
# Like AD: 500 entries per plain search, any number when paged.
limits dn.exact="$MIGRATOR_DN" size.soft=500 size.hard=500 size.pr=500 size.prtotal=unlimited
access to attrs=userPassword by self write by anonymous auth by * none
access to attrs=msRTCSIP-UserEnabled,msRTCSIP-PrimaryUserAddress by dn.exact="$MIGRATOR_DN" write by users read by * none
access to * by users read by anonymous auth by * none
CONF
	cat >"$SLAPD_DIR/base.ldif" <<LDIF
dn: $SLAPD_SUFFIX
objectClass: dcObject
objectClass: organization
dc: example
o: Example

dn: ou=Users,$SLAPD_SUFFIX
objectClass: organizationalUnit
ou: Users

dn: ou=Sales,ou=Users,$SLAPD_SUFFIX
objectClass: organizationalUnit
ou: Sales

dn: $MIGRATOR_DN
objectClass: person
cn: migrator
sn: Migrator
userPassword: $MIGRATOR_PW

LDIF
	printf '%s\n' "$MIGRATOR_PW" >"$SLAPD_DIR/migrator.pw" && chmod 600 "$SLAPD_DIR/migrator.pw"
	MIGRATOR_PWFILE=$SLAPD_DIR/migrator.pw
	LDAPTLS_CACERT=$SLAPD_DIR/ca.crt
	export LDAPTLS_CACERT
	slapd_add_ldif "$SLAPD_DIR/base.ldif"
}

# One user entry: user_ldif CN ADDRESS ENABLED [OU]
user_ldif() {
	printf 'dn: cn=%s,%s\nobjectClass: user\ncn: %s\nsn: %s\nsAMAccountName: %s\nuserPrincipalName: %s@example.com\nmail: %s@example.com\nmsRTCSIP-PrimaryUserAddress: %s\n' \
		"$1" "${4:-ou=Users,$SLAPD_SUFFIX}" "$1" "$1" "$1" "$1" "$1" "$2"
	[ -n "$3" ] && printf 'msRTCSIP-UserEnabled: %s\n' "$3"
	printf 'msRTCSIP-PrimaryHomeServer: %s\nmsRTCSIP-OptionFlags: 257\nmsRTCSIP-Line: tel:+1555%s\n\n' \
		"$HOME_SERVER" "$(printf %s "$1" | tr -cd 0-9)"
}

slapd_add_users() {
	awk -v n="$1" -v first="${2:-1}" -v suffix="$SLAPD_SUFFIX" -v home="$HOME_SERVER" 'BEGIN {
		for (i = first; i < first + n; i++) {
			u = sprintf("user%05d", i)
			printf "dn: cn=%s,ou=Users,%s\nobjectClass: user\ncn: %s\nsn: %s\n", u, suffix, u, u
			printf "sAMAccountName: %s\nuserPrincipalName: %s@example.com\nmail: %s@example.com\n", u, u, u
			printf "msRTCSIP-PrimaryUserAddress: sip:%s@example.com\nmsRTCSIP-UserEnabled: TRUE\n", u
			printf "msRTCSIP-PrimaryHomeServer: %s\nmsRTCSIP-OptionFlags: 257\nmsRTCSIP-Line: tel:+1555%07d\n\n", home, i
		}
	}' >"$SLAPD_DIR/users.ldif" &&
	slapd_add_ldif "$SLAPD_DIR/users.ldif"
}

slapd_add_imp_users() {
	awk -v n="$1" -v first="${2:-1}" -v suffix="$SLAPD_SUFFIX" 'BEGIN {
		if (first == 1)
			printf "dn: ou=IMP,ou=Users,%s\nobjectClass: organizationalUnit\nou: IMP\n\n", suffix
		for (i = first; i < first + n; i++) {
			u = sprintf("imp%05d", i)
			printf "dn: cn=%s,ou=IMP,ou=Users,%s\nobjectClass: user\ncn: %s\nsn: %s\n", u, suffix, u, u
			printf "sAMAccountName: %s\nuserPrincipalName: %s@example.com\nmail: %s@example.com\n\n", u, u, u
		}
	}' >"$SLAPD_DIR/imp-users.ldif" &&
	slapd_add_ldif "$SLAPD_DIR/imp-users.ldif"
}

slapd_add_ldif() {
	slapadd -q -f "$SLAPD_DIR/slapd.conf" -l "$1" 2>"$SLAPD_DIR/slapadd.err" ||
		{ cat "$SLAPD_DIR/slapadd.err" >&2; return 1; }
}

# (Variables of these functions start with _slapd_: sh has no locals, and
# a test's own $pid or $n must survive a restart.)
# Start in the foreground as our child (no double fork, no zombie), on a
# free port found by trying: slapd exits at once if its port is taken.
slapd_start() {
	_slapd_port=${SLAPD_PORT:-$((20000 + ($$ * 13) % 20000))}
	_slapd_tries=0
	while [ $_slapd_tries -lt 20 ]; do
		slapd -d "${SLAPD_DEBUG:-0}" -f "$SLAPD_DIR/slapd.conf" \
			-h "ldap://127.0.0.1:$_slapd_port/ ldaps://127.0.0.1:$((_slapd_port + 1))/" \
			>>"$SLAPD_DIR/slapd.log" 2>&1 &
		SLAPD_PID=$!
		# A restart in a test's subshell must be stoppable from the main
		# shell: the PID lives in a file too.
		echo "$SLAPD_PID" >"$SLAPD_DIR/harness.pid"
		_slapd_waited=0
		while [ $_slapd_waited -lt 100 ]; do
			if timeout 5 ldapsearch -o nettimeout=2 -x -H "ldap://127.0.0.1:$_slapd_port" -s base -b "" >/dev/null 2>&1; then
				SLAPD_PORT=$_slapd_port
				SLAPD_URI=ldap://127.0.0.1:$_slapd_port
				SLAPD_LDAPS=ldaps://127.0.0.1:$((_slapd_port + 1))
				return 0
			fi
			kill -0 $SLAPD_PID 2>/dev/null || break
			sleep 0.05
			_slapd_waited=$((_slapd_waited + 1))
		done
		kill $SLAPD_PID 2>/dev/null || true
		wait $SLAPD_PID 2>/dev/null || true
		_slapd_port=$((_slapd_port + 2))
		_slapd_tries=$((_slapd_tries + 1))
	done
	echo "slapd did not start; see $SLAPD_DIR/slapd.log" >&2
	return 1
}

slapd_stop() {
	server_stop "${SLAPD_DIR:-/nonexistent}" "${SLAPD_PID:-}"
	SLAPD_PID=
}

slapd_restart() {
	slapd_stop && slapd_start
}

# Read the directory back as root: "address value" lines, sorted.
ldap_state() {
	ldapsearch -LLL -o ldif-wrap=no -x -H "$SLAPD_URI" -D "$SLAPD_ROOTDN" -w "$SLAPD_ROOTPW" \
		-b "$SLAPD_SUFFIX" '(msRTCSIP-PrimaryUserAddress=*)' \
		msRTCSIP-PrimaryUserAddress msRTCSIP-UserEnabled |
	awk '/^dn:/ { if (a != "") print a, (e == "" ? "-" : e); a = ""; e = "" }
	     /^msRTCSIP-PrimaryUserAddress:/ { a = $2 }
	     /^msRTCSIP-UserEnabled:/ { e = $2 }
	     END { if (a != "") print a, (e == "" ? "-" : e) }' | sort
}

ldap_enabled() {
	ldap_state | awk -v a="$1" '$1 == a { print $2 }'
}

# Every attribute of one entry, for "nothing else changed" checks.
ldap_entry() {
	ldapsearch -LLL -o ldif-wrap=no -x -H "$SLAPD_URI" -D "$SLAPD_ROOTDN" -w "$SLAPD_ROOTPW" \
		-b "$1" -s base '(objectClass=*)' '*' | sort
}
