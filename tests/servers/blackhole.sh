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

blackhole_launch() {
	/usr/bin/python3 "$BLACKHOLE_SERVERS_DIR/blackhole.py" --port "$1" --record "$BLACKHOLE_DIR/received" \
		>"$BLACKHOLE_DIR/ready" 2>"$BLACKHOLE_DIR/err" &
	SERVER_PID=$!
}

blackhole_start() {
	BLACKHOLE_DIR=$1
	mkdir -p "$BLACKHOLE_DIR" || return 1
	# Ports of its own: slapd takes 20000-40000, the TDS endpoint
	# 40000-60000; a black hole on a port a slapd then wanted once made
	# that slapd's readiness probe wait on it.
	server_start_on_a_port "$BLACKHOLE_DIR" $((60000 + ($$ * 7) % 5000)) blackhole_launch || return 1
	BLACKHOLE_PORT=$SERVER_PORT BLACKHOLE_PID=$SERVER_PID
}

blackhole_stop() {
	server_stop "${1:-${BLACKHOLE_DIR:-/nonexistent}}" "${BLACKHOLE_PID:-}"
	BLACKHOLE_PID=
}
