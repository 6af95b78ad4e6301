# blackhole.sh - start and stop tests/servers/blackhole.py, a server that
# accepts connections and never answers (sourced by the tests).
#
#   blackhole_start DIR     sets BLACKHOLE_PORT and BLACKHOLE_PID; what
#                           arrives over TCP is kept in DIR/received
#   blackhole_stop DIR      (DIR, because a test's exit hook runs in the
#                           main shell, which a start inside a test's
#                           subshell did not set anything in)
. "$TEST_DIRECTORY/servers/stop.sh"

BLACKHOLE_SERVERS_DIR=$TEST_DIRECTORY/servers

blackhole_start() {
	BLACKHOLE_DIR=$1
	mkdir -p "$BLACKHOLE_DIR" || return 1
	# Ports of its own: slapd takes 20000-40000, the TDS endpoint
	# 40000-60000; a black hole on a port a slapd then wanted once made
	# that slapd's readiness probe wait on it.
	_bh_port=$((60000 + ($$ * 7) % 5000))
	_bh_tries=0
	while [ $_bh_tries -lt 20 ]; do
		rm -f "$BLACKHOLE_DIR/ready"
		/usr/bin/python3 "$BLACKHOLE_SERVERS_DIR/blackhole.py" --port "$_bh_port" \
			--record "$BLACKHOLE_DIR/received" \
			>"$BLACKHOLE_DIR/ready" 2>"$BLACKHOLE_DIR/err" &
		BLACKHOLE_PID=$!
		echo "$BLACKHOLE_PID" >"$BLACKHOLE_DIR/harness.pid"
		if server_wait_ready "$BLACKHOLE_DIR" "$BLACKHOLE_PID"; then
			BLACKHOLE_PORT=$_bh_port
			return 0
		fi
		server_stop "$BLACKHOLE_DIR" "$BLACKHOLE_PID"
		_bh_port=$((_bh_port + 1))
		_bh_tries=$((_bh_tries + 1))
	done
	return 1
}

blackhole_stop() {
	server_stop "${1:-${BLACKHOLE_DIR:-/nonexistent}}" "${BLACKHOLE_PID:-}"
	BLACKHOLE_PID=
}
