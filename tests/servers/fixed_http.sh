# fixed_http.sh - start and stop tests/servers/fixed_http.py, an admin API
# that answers each method as told (sourced by the tests).
#
#   fixed_http_start DIR ANSWERS   ANSWERS: a file, "METHOD CODE BODY" a line
#                                  (fixed_http.py); sets FIXED_HTTP_PORT,
#                                  FIXED_HTTP_PID and FIXED_HTTP_URL; the
#                                  requests go to DIR/received
#   fixed_http_stop DIR
. "$TEST_DIRECTORY/servers/stop.sh"

fixed_http_start() {
	FIXED_HTTP_DIR=$1
	mkdir -p "$FIXED_HTTP_DIR" || return 1
	# Ports no other test server takes: unbound 10000-12500, ejabberd
	# 15000-20000, slapd 20000-40000, TDS 40000-60000, black hole 60000-65000.
	_fh_port=$((12600 + ($$ * 5) % 2300))
	_fh_tries=0
	while [ $_fh_tries -lt 20 ]; do
		rm -f "$FIXED_HTTP_DIR/ready"
		/usr/bin/python3 "$TEST_DIRECTORY/servers/fixed_http.py" --port "$_fh_port" \
			--answers "$2" --record "$FIXED_HTTP_DIR/received" \
			>"$FIXED_HTTP_DIR/ready" 2>"$FIXED_HTTP_DIR/err" &
		FIXED_HTTP_PID=$!
		echo "$FIXED_HTTP_PID" >"$FIXED_HTTP_DIR/harness.pid"
		if server_wait_ready "$FIXED_HTTP_DIR" "$FIXED_HTTP_PID"; then
			FIXED_HTTP_PORT=$_fh_port
			FIXED_HTTP_URL=http://127.0.0.1:$_fh_port/api
			return 0
		fi
		server_stop "$FIXED_HTTP_DIR" "$FIXED_HTTP_PID"
		_fh_port=$((_fh_port + 1))
		_fh_tries=$((_fh_tries + 1))
	done
	return 1
}

fixed_http_stop() {
	server_stop "${1:-${FIXED_HTTP_DIR:-/nonexistent}}" "${FIXED_HTTP_PID:-}"
	FIXED_HTTP_PID=
}
