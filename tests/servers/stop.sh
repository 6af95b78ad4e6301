# stop.sh - waiting for a server a harness started, and stopping it by
# the PID it recorded in
# DIR/harness.pid (so that a server restarted in a test's subshell is still
# found from the main shell). Sourced by slapd.sh and tds.sh.
# (Variables start with _stop_: sh has no locals.)

# server_alive PID: running, not merely a zombie. A server started in a
# test's subshell is reparented when the subshell ends, and the machine's
# PID 1 may reap it late: kill -0 succeeds on a zombie, and waiting for it
# cost seconds per stopped server.
server_alive() {
	kill -0 "$1" 2>/dev/null || return 1
	_stop_state=$(sed 's/^.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null) || return 0
	[ "$_stop_state" != Z ]
}

# server_wait_ready DIR PID: wait (30 s at most: a large --data takes a while) until the server that
# PID is writes "ready" to DIR/ready; fails if it exits first.
server_wait_ready() {
	_wait_n=0
	while [ $_wait_n -lt 600 ]; do
		grep -q '^ready' "$1/ready" 2>/dev/null && return 0
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.05
		_wait_n=$((_wait_n + 1))
	done
	return 1
}

# server_stop DIR [PID]: PID is the fallback when there is no PID file.
server_stop() {
	_stop_pid=$(cat "$1/harness.pid" 2>/dev/null || echo "${2:-}")
	if [ -n "$_stop_pid" ] && kill "$_stop_pid" 2>/dev/null; then
		# wait works for our own child (its SIGTERM status is no error);
		# a sibling's child is polled.
		wait "$_stop_pid" 2>/dev/null || true
		_stop_n=0
		while server_alive "$_stop_pid" && [ $_stop_n -lt 100 ]; do
			sleep 0.05
			_stop_n=$((_stop_n + 1))
		done
	fi
	rm -f "$1/harness.pid"
	return 0
}

# server_start_on_a_port DIR PORT FN: FN PORT starts a server in the
# background (setting SERVER_PID=$!) that writes "ready" to DIR/ready once
# it listens on PORT; a port that is taken is passed over for the next,
# 20 at most. Sets SERVER_PORT and SERVER_PID.
server_start_on_a_port() {
	_start_dir=$1 _start_port=$2 _start_fn=$3 _start_tries=0
	while [ $_start_tries -lt 20 ]; do
		rm -f "$_start_dir/ready"
		"$_start_fn" "$_start_port"
		echo "$SERVER_PID" >"$_start_dir/harness.pid"
		if server_wait_ready "$_start_dir" "$SERVER_PID"; then
			SERVER_PORT=$_start_port
			return 0
		fi
		server_stop "$_start_dir" "$SERVER_PID"
		_start_port=$((_start_port + 1))
		_start_tries=$((_start_tries + 1))
	done
	return 1
}
