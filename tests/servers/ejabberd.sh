# ejabberd.sh - ejabberd 23.01 (Debian) with mod_http_api, the live XMPP
# server of the import tests: started by a test on 127.0.0.1 from its own
# directory as a direct child (plain erl, no epmd), stopped by its PID.
# See ../shared/TEST-SERVERS.md section 4.
#
#   ejabberd_start DIR [PORT]  config, start, wait for the API, admin
#                            account; PORT to reuse one (a restart)
#   ejabberd_stop
#   ej_api METHOD JSON       POST to the API as the admin; the answer on stdout
#   ej_register USER...      accounts USER@example.com (password pw)
#   ej_roster USER           USER's roster, one "jid|nick|subscription|groups"
#                            line an item (groups sorted, ';'), sorted
#                            (get_roster answers one entry per group)
#
# After ejabberd_start: EJ_URL (http://127.0.0.1:PORT/api), EJ_PORT,
# EJ_PID, EJ_DIR, EJ_ADMIN (admin@example.com), EJ_PWFILE; EJ_TLS_URL
# (https on EJ_TLS_PORT) with EJ_CACERT, the CA that signed its certificate.

EJ_SERVERS_DIR=${EJ_SERVERS_DIR:-${TEST_DIRECTORY:-.}/servers}
. "$EJ_SERVERS_DIR/stop.sh"
. "$EJ_SERVERS_DIR/pki.sh"
EJ_ADMIN=admin@example.com
EJ_PASSWORD='Xmpp-Adm1n!'

_ej_config() {
	cat >"$EJ_DIR/ejabberd.yml" <<YML
hosts:
  - example.com
loglevel: warning
log_rotate_count: 0
certfiles:
  - "$EJ_DIR/server.pem"
listen:
  -
    port: $EJ_PORT
    ip: "127.0.0.1"
    module: ejabberd_http
    request_handlers:
      /api: mod_http_api
  -
    port: $EJ_TLS_PORT
    ip: "127.0.0.1"
    module: ejabberd_http
    tls: true
    request_handlers:
      /api: mod_http_api
acl:
  admin:
    user: $EJ_ADMIN
api_permissions:
  "loopback bootstrap":
    from:
      - mod_http_api
    who:
      ip: 127.0.0.1/8
    what:
      - register
  "admin over http api":
    from:
      - mod_http_api
    who:
      access:
        allow:
          acl: admin
    what:
      - "*"
      - "!stop"
      - "!start"
auth_method: internal
auth_password_format: plain
s2s_access: none
modules:
  mod_roster: {}
  mod_admin_extra: {}
  mod_http_api: {}
YML
}

_ej_pki() {
	test_pki "$EJ_DIR" && cat "$EJ_DIR/server.crt" "$EJ_DIR/server.key" >"$EJ_DIR/server.pem"
}

_ej_run() {
	env -i PATH=/usr/bin:/bin HOME="$EJ_DIR" EJABBERD_CONFIG_PATH="$EJ_DIR/ejabberd.yml" \
		EJABBERD_LOG_PATH="$EJ_DIR/log/ejabberd.log" ERL_LIBS=/usr/lib/x86_64-linux-gnu \
		ERL_INETRC="$EJ_DIR/inetrc" ERL_CRASH_DUMP_BYTES=0 \
		erl -sname "ej$EJ_PORT@localhost" -erl_epmd_port "$EJ_DIST_PORT" -start_epmd false \
		-kernel inet_dist_use_interface '{127,0,0,1}' \
		-mnesia dir "\"$EJ_DIR/spool\"" -s ejabberd -noinput >"$EJ_DIR/log/stdout" 2>&1 &
	EJ_PID=$!
	echo "$EJ_PID" >"$EJ_DIR/harness.pid"
	_ej_n=0
	while [ $_ej_n -lt 600 ]; do
		kill -0 "$EJ_PID" 2>/dev/null || return 1
		curl -s -o /dev/null --noproxy '*' -m 2 -X POST "$EJ_URL/status" 2>/dev/null && return 0
		sleep 0.05
		_ej_n=$((_ej_n + 1))
	done
	return 1
}

# _ej_port_free PORT: nothing answers on it (nor on the next two).
_ej_port_free() {
	for _ej_p in "$1" $(($1 + 1)) $(($1 + 2)); do
		curl -s -o /dev/null --noproxy '*' -m 1 "http://127.0.0.1:$_ej_p/" 2>/dev/null
		[ $? -eq 7 ] || return 1     # 7: nothing listens
	done
	return 0
}

ejabberd_start() {
	EJ_DIR=$1
	EJ_PORT=${2:-$((15000 + ($$ * 3) % 4990))}   # slapd has 20000-40000, TDS 40000-60000
	if [ -z "${2:-}" ]; then
		_ej_tries=0
		while ! _ej_port_free "$EJ_PORT" && [ $_ej_tries -lt 20 ]; do
			EJ_PORT=$((EJ_PORT + 3))
			_ej_tries=$((_ej_tries + 1))
		done
	fi
	_ej_port_free "$EJ_PORT" || { echo "ejabberd.sh: port $EJ_PORT is taken" >&2; return 1; }
	EJ_TLS_PORT=$((EJ_PORT + 1))
	EJ_DIST_PORT=$((EJ_PORT + 2))
	EJ_URL=http://127.0.0.1:$EJ_PORT/api
	EJ_TLS_URL=https://127.0.0.1:$EJ_TLS_PORT/api
	EJ_CACERT=$EJ_DIR/ca.crt
	EJ_PWFILE=$EJ_DIR/admin.pw
	mkdir -p "$EJ_DIR/spool" "$EJ_DIR/log" || return 1
	cp /etc/ejabberd/inetrc "$EJ_DIR/" &&
	printf '%s\n' "$EJ_PASSWORD" >"$EJ_PWFILE" || return 1
	[ -f "$EJ_DIR/server.pem" ] || _ej_pki || return 1
	_ej_config
	_ej_run || { cat "$EJ_DIR/log/stdout" >&2; return 1; }
	[ -n "${2:-}" ] || curl -s --noproxy '*' -m 10 -X POST "$EJ_URL/register" \
		-d "{\"user\":\"admin\",\"host\":\"example.com\",\"password\":\"$EJ_PASSWORD\"}" >/dev/null
}

ejabberd_stop() {
	[ -n "${EJ_DIR:-}" ] && server_stop "$EJ_DIR"
}

ej_api() {
	curl -s --noproxy '*' -m 20 -u "$EJ_ADMIN:$EJ_PASSWORD" -H 'Content-Type: application/json' \
		-X POST "$EJ_URL/$1" -d "$2"
}

ej_register() {
	for _ej_u in "$@"; do
		ej_api register "{\"user\":\"$_ej_u\",\"host\":\"example.com\",\"password\":\"pw\"}" >/dev/null || return 1
	done
}

ej_roster() {
	ej_api get_roster "{\"user\":\"$1\",\"host\":\"example.com\"}" |
		/usr/bin/python3 -c 'import json, sys
items = {}
for i in json.load(sys.stdin):       # one entry per group of an item
    it = items.setdefault(i["jid"], [i["nick"], i["subscription"], set()])
    it[2].update(g for g in i["group"].split(";") if g)
for jid, (nick, sub, groups) in items.items():
    print("%s|%s|%s|%s" % (jid, nick, sub, ";".join(sorted(groups))))' | LC_ALL=C sort
}
