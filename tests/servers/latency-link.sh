# latency-link.sh - start and stop build/latency-link (latency-link.c), a
# TCP relay on 127.0.0.1 that delays every byte by a fixed one-way time,
# in front of a test server (sourced by tests, the demo and benchmarks).
#
#   link_start DIR PORT [DELAY_MS [OPTION...]]
#                                    relay to 127.0.0.1:PORT (default 1 ms
#                                    each way; OPTIONs are the relay's own,
#                                    e.g. --max-connections N); sets
#                                    LINK_PORT, LINK_PID
#   link_stop DIR                    (by DIR's PID file: a test's exit
#                                    hook runs in the main shell)
#
# The relay picks its own free port (the kernel's), so it never races the
# port ranges of the other servers.
. "${TEST_DIRECTORY:-$(dirname "$0")}/servers/stop.sh"

LATENCY_LINK=${LATENCY_LINK:-${TOP:-$(cd "${TEST_DIRECTORY:-.}/.." && pwd)}/build/latency-link}

link_start() {
	LINK_DIR=$1
	mkdir -p "$LINK_DIR" || return 1
	rm -f "$LINK_DIR/ready"
	link_target=$2 link_ms=${3:-1}
	shift 2
	[ $# -eq 0 ] || shift
	"$LATENCY_LINK" --target "127.0.0.1:$link_target" --delay-ms "$link_ms" "$@" >"$LINK_DIR/ready" 2>"$LINK_DIR/err" &
	LINK_PID=$!
	echo "$LINK_PID" >"$LINK_DIR/harness.pid"
	server_wait_ready "$LINK_DIR" "$LINK_PID" || { cat "$LINK_DIR/err" >&2; return 1; }
	LINK_PORT=$(sed -n 's/^ready 127\.0\.0\.1://p' "$LINK_DIR/ready")
}

link_stop() {
	server_stop "${1:-${LINK_DIR:-/nonexistent}}" "${LINK_PID:-}"
}
