# stop.sh - stopping a server a harness started, by the PID it recorded in
# DIR/harness.pid (so that a server restarted in a test's subshell is still
# found from the main shell). Sourced by slapd.sh and tds.sh.
# (Variables start with _stop_: sh has no locals.)

# server_stop DIR [PID]: PID is the fallback when there is no PID file.
server_stop() {
	_stop_pid=$(cat "$1/harness.pid" 2>/dev/null || echo "${2:-}")
	if [ -n "$_stop_pid" ] && kill "$_stop_pid" 2>/dev/null; then
		# wait works for our own child (its SIGTERM status is no error);
		# a sibling's child is polled.
		wait "$_stop_pid" 2>/dev/null || true
		_stop_n=0
		while kill -0 "$_stop_pid" 2>/dev/null && [ $_stop_n -lt 100 ]; do
			sleep 0.05
			_stop_n=$((_stop_n + 1))
		done
	fi
	rm -f "$1/harness.pid"
	return 0
}
