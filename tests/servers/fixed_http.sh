# fixed_http.sh - start and stop tests/servers/fixed_http.py, an admin API
# that answers each method as told (sourced by the tests).
#
#   fixed_http_start DIR ANSWERS   ANSWERS: a file, "METHOD CODE BODY" a line
#                                  (fixed_http.py); sets FIXED_HTTP_PORT,
#                                  FIXED_HTTP_PID and FIXED_HTTP_URL; the
#                                  requests go to DIR/received; FIXED_HTTP_DELAY
#                                  seconds before each answer (default 0);
#                                  the one login it takes is FIXED_HTTP_LOGIN's
#                                  first line, "user:password" (default
#                                  DIR/login, which the test writes)
#   fixed_http_stop DIR
. "$TEST_DIRECTORY/servers/stop.sh"

fixed_http_launch() {
	/usr/bin/python3 "$TEST_DIRECTORY/servers/fixed_http.py" --port "$1" --answers "$FIXED_HTTP_ANSWERS" \
		--login "${FIXED_HTTP_LOGIN:-$FIXED_HTTP_DIR/login}" \
		--record "$FIXED_HTTP_DIR/received" --delay "${FIXED_HTTP_DELAY:-0}" \
		>"$FIXED_HTTP_DIR/ready" 2>"$FIXED_HTTP_DIR/err" &
	SERVER_PID=$!
}

fixed_http_start() {
	FIXED_HTTP_DIR=$1 FIXED_HTTP_ANSWERS=$2
	mkdir -p "$FIXED_HTTP_DIR" || return 1
	# Ports no other test server takes: unbound 10000-12500, ejabberd
	# 15000-20000, slapd 20000-40000, TDS 40000-60000, black hole 60000-65000.
	server_start_on_a_port "$FIXED_HTTP_DIR" $((12600 + ($$ * 5) % 2300)) fixed_http_launch || return 1
	FIXED_HTTP_PORT=$SERVER_PORT FIXED_HTTP_PID=$SERVER_PID
	FIXED_HTTP_URL=http://127.0.0.1:$SERVER_PORT/api
}

fixed_http_stop() {
	server_stop "${1:-${FIXED_HTTP_DIR:-/nonexistent}}" "${FIXED_HTTP_PID:-}"
	FIXED_HTTP_PID=
}
