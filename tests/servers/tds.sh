# tds.sh - the TDS endpoint (tds_endpoint.py, test equipment) started by a
# test on 127.0.0.1 from its own directory and stopped by its PID.
#
#   tds_start DIR [ENDPOINT OPTIONS...]   schema rtc-schema.sql, login sa
#   tds_stop
#   tds_export [ucmig-export OPTIONS...]  ucmig-export against it
#
# After tds_start: TDS_PORT, TDS_PID, TDS_DIR, TDS_LOG (every statement
# and RPC the endpoint received), TDS_PWFILE.
# (Variables of these functions start with _tds_: sh has no locals.)

TDS_SERVERS_DIR=${TDS_SERVERS_DIR:-${TEST_DIRECTORY:-.}/servers}
. "$TDS_SERVERS_DIR/stop.sh"
TDS_USER=sa
TDS_PASSWORD='Rtc-Te5t!'

tds_start() {
	TDS_DIR=$1
	shift
	mkdir -p "$TDS_DIR" &&
	printf '%s\n' "$TDS_PASSWORD" >"$TDS_DIR/password" || return 1
	TDS_PWFILE=$TDS_DIR/password
	TDS_LOG=$TDS_DIR/endpoint.log
	_tds_port=${TDS_PORT:-$((40000 + ($$ * 17) % 20000))}
	_tds_tries=0
	while [ $_tds_tries -lt 20 ]; do
		rm -f "$TDS_DIR/rtc.db" "$TDS_DIR/rtc.db-wal" "$TDS_DIR/rtc.db-shm" "$TDS_DIR/ready"
		/usr/bin/python3 "$TDS_SERVERS_DIR/tds_endpoint.py" --db "$TDS_DIR/rtc.db" \
			--port "$_tds_port" --user "$TDS_USER" --password "$TDS_PASSWORD" \
			--schema "$TDS_SERVERS_DIR/rtc-schema.sql" --log "$TDS_LOG" "$@" \
			>"$TDS_DIR/ready" 2>"$TDS_DIR/endpoint.err" &
		TDS_PID=$!
		echo "$TDS_PID" >"$TDS_DIR/harness.pid"
		if server_wait_ready "$TDS_DIR" "$TDS_PID"; then
			TDS_PORT=$_tds_port
			return 0
		fi
		kill "$TDS_PID" 2>/dev/null || true
		wait "$TDS_PID" 2>/dev/null || true
		grep -q 'cannot listen' "$TDS_DIR/endpoint.err" || { cat "$TDS_DIR/endpoint.err" >&2; return 1; }
		_tds_port=$((_tds_port + 1))
		_tds_tries=$((_tds_tries + 1))
	done
	return 1
}

# tds_restart DIR PORT: the endpoint of DIR again on PORT with the data it
# had (a database server restarting mid-run). Sets TDS_PID.
tds_restart() {
	TDS_DIR=$1
	rm -f "$TDS_DIR/ready"
	/usr/bin/python3 "$TDS_SERVERS_DIR/tds_endpoint.py" --db "$TDS_DIR/rtc.db" \
		--port "$2" --user "$TDS_USER" --password "$TDS_PASSWORD" --log "$TDS_DIR/endpoint.log" \
		>"$TDS_DIR/ready" 2>"$TDS_DIR/endpoint.err" &
	TDS_PID=$!
	echo "$TDS_PID" >"$TDS_DIR/harness.pid"
	server_wait_ready "$TDS_DIR" "$TDS_PID"
}

# tds_wait_idle DIR: wait (up to 20 s) until the endpoint of DIR has
# finished with every connection it accepted. A client killed with
# requests in flight leaves the server running them, as SQL Server
# does; what the server then holds is only final once they are through.
tds_wait_idle() {
	_tds_n=0
	while [ $_tds_n -lt 400 ]; do
		[ "$(grep -c '^OPEN$' "$1/endpoint.log")" = "$(grep -c '^CLOSE$' "$1/endpoint.log")" ] && return 0
		sleep 0.05
		_tds_n=$((_tds_n + 1))
	done
	echo "tds_wait_idle: $1 still has connections open" >&2
	return 1
}

tds_stop() {
	server_stop "${TDS_DIR:-/nonexistent}" "${TDS_PID:-}"
	TDS_PID=
}

tds_export() {
	ucmig-export --db-host 127.0.0.1 --db-port "$TDS_PORT" --db-user "$TDS_USER" \
		--db-password-file "$TDS_PWFILE" "$@"
}
