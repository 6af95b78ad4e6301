# unbound.sh - unbound as a hermetic DNS server for the federation tests:
# on 127.0.0.1, authoritative for the test zones only (everything else
# is NXDOMAIN; nothing is ever asked upstream), started by a test as a
# direct child in the foreground, stopped by its PID. See
# ../shared/TEST-SERVERS.md section 5.
#
#   unbound_start DIR ZONES  ZONES: a file of unbound local-zone,
#                            local-data and local-data-ptr lines
#   unbound_stop [DIR]
#
# After unbound_start: DNS_SERVER (127.0.0.1:PORT, as --dns takes it),
# DNS_PORT, DNS_PID, DNS_DIR.
. "${TEST_DIRECTORY:-.}/servers/stop.sh"

_unbound_config() {
	cat <<CONF
server:
  interface: 127.0.0.1@$1
  port: $1
  do-daemonize: no
  username: ""
  chroot: ""
  directory: "$DNS_DIR"
  pidfile: ""
  use-syslog: no
  logfile: ""
  verbosity: 1
  do-ip6: no
  access-control: 127.0.0.0/8 allow
  local-zone: "." static
$(sed 's/^/  /' "$2")
remote-control:
  control-enable: no
CONF
}

unbound_start() {
	DNS_DIR=$1
	mkdir -p "$DNS_DIR" || return 1
	# Ports of its own: ejabberd has 15000-19990, slapd 20000-40000.
	DNS_PORT=$((10000 + ($$ * 7) % 2500))
	_ub_tries=0
	while [ $_ub_tries -lt 20 ]; do
		_unbound_config "$DNS_PORT" "$2" >"$DNS_DIR/unbound.conf"
		unbound-checkconf "$DNS_DIR/unbound.conf" >"$DNS_DIR/check" 2>&1 ||
			{ cat "$DNS_DIR/check" >&2; return 1; }
		unbound -d -c "$DNS_DIR/unbound.conf" 2>"$DNS_DIR/err" &
		DNS_PID=$!
		echo "$DNS_PID" >"$DNS_DIR/harness.pid"
		_ub_n=0
		while [ $_ub_n -lt 100 ] && server_alive "$DNS_PID" &&
		      ! grep -q 'start of service' "$DNS_DIR/err"; do
			sleep 0.05
			_ub_n=$((_ub_n + 1))
		done
		if grep -q 'start of service' "$DNS_DIR/err" && server_alive "$DNS_PID"; then
			DNS_SERVER=127.0.0.1:$DNS_PORT
			return 0
		fi
		server_stop "$DNS_DIR" "$DNS_PID"
		DNS_PORT=$((DNS_PORT + 1))
		_ub_tries=$((_ub_tries + 1))
	done
	cat "$DNS_DIR/err" >&2
	return 1
}

unbound_stop() {
	server_stop "${1:-${DNS_DIR:-/nonexistent}}" "${DNS_PID:-}"
}
