# test-lib.sh - sourced by every tNNNN-*.sh test; prints TAP for prove.
#
# Each test script runs in its own scratch directory tests/trash.NAME
# (removed when every test passed, kept for inspection otherwise), with
# build/ first on PATH so the tools under test are the ones just built.
#
#   test_expect_success 'what it checks' 'commands chained with &&'
#   test_setup 'what it sets up' 'commands'   in this shell; bails out on failure
#   test_expect_code N command...     run, and fail unless it exits N
#   test_cmp expected actual          diff -u, fails on any difference
#   test_on_exit command              run at the end (stop a server)
#   suite_tools                       print every tool's name (the Makefile's TOOLS)
#   test_done                         print the plan and exit
#
# Options, for one test file run by hand (git's t/README has the same):
#   sh t2000-disable.sh -v          show every test's output, passing or not
#   sh t2000-disable.sh -x          trace each test's commands (set -x), shown as with -v
#   sh t2000-disable.sh -i          stop at the first failing test
#   sh t2000-disable.sh --run=1,4-6 run only these tests (test_setup steps
#                                   always run: later tests stand on them)
#
# VALGRIND=1 runs every ucmig-* command under valgrind (memcheck); any
# error it finds fails the test (exit status 126). TEST_TIMING=1 prints
# how long each passing test took, to find the slow ones.

TEST_DIRECTORY=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$TEST_DIRECTORY/.." && pwd)
BUILD=$TOP/build
EXAMPLES=$TOP/examples
DATA=$TEST_DIRECTORY/data
TEST_NAME=$(basename "$0" .sh)
TRASH=$TEST_DIRECTORY/trash.$TEST_NAME

rm -rf "$TRASH" && mkdir -p "$TRASH/bin" || exit 1
cd "$TRASH" || exit 1

# UCMIG_BINDIR=/usr/bin runs the tests against the installed package
# (make check-deb) instead of build/; helpers still come from build/.
TOOL_DIR=${UCMIG_BINDIR:-$BUILD}
if [ -n "${UCMIG_BINDIR:-}" ]; then
	COMPLETION_DIR=/usr/share/bash-completion/completions
else
	COMPLETION_DIR=$BUILD/completion
fi

# Built with ASan and UBSan (make check SANITIZE=1): memory figures are
# the sanitizers', not the tools'.
SANITIZED=
ldd "$TOOL_DIR/ucmig-import" 2>/dev/null | grep -q libasan && SANITIZED=1

for tool in "$TOOL_DIR"/ucmig-*; do
	[ -x "$tool" ] || continue
	if [ -n "${VALGRIND:-}" ]; then
		printf '#!/bin/sh\nexec valgrind -q --error-exitcode=126 --leak-check=full --errors-for-leak-kinds=definite "%s" "$@"\n' \
			"$tool" >"$TRASH/bin/${tool##*/}"
	else
		ln -s "$tool" "$TRASH/bin/${tool##*/}"
	fi
done
chmod +x "$TRASH"/bin/* 2>/dev/null
PATH=$TRASH/bin:$BUILD:$PATH
# No ucmig.conf of the machine's or the developer's may steer a test.
UCMIG_CONF=/dev/null
export PATH LC_ALL=C.UTF-8 UCMIG_CONF

test_count=0
test_failures=0
test_exit_hooks=
test_verbose=
test_trace=
test_immediate=
test_run=

for test_arg in "$@"; do
	case $test_arg in
	-v|--verbose) test_verbose=1 ;;
	-x) test_trace=1 test_verbose=1 ;;
	-i|--immediate) test_immediate=1 ;;
	--run=*) test_run=${test_arg#--run=} ;;
	*) echo "Bail out! unknown option '$test_arg' (-v, -x, -i, --run=LIST)"; exit 1 ;;
	esac
done

# Is test number $1 in --run's list (1,3-5,9)? Every test without --run.
test_selected() {
	[ -z "$test_run" ] && return 0
	for test_range in $(echo "$test_run" | tr , ' '); do
		case $test_range in
		*-*) [ "$1" -ge "${test_range%-*}" ] && [ "$1" -le "${test_range#*-}" ] && return 0 ;;
		*) [ "$1" -eq "$test_range" ] && return 0 ;;
		esac
	done
	return 1
}

# Run a test's body (in a subshell for test_expect_success), its output
# into .output; -x traces it there.
test_run_body() {
	if [ -n "$test_trace" ]; then
		eval "set -x; $1"
	else
		eval "$1"
	fi
}

# A failed test's diagnostics; with -i, the end of the run.
test_failed() {
	test_failures=$((test_failures + 1))
	echo "not ok $test_count - $1"
	sed -e 's/^/#  /' "$TRASH/.output"
	if [ -n "$test_immediate" ]; then
		eval "$test_exit_hooks"
		trap - EXIT
		echo "# stopped at the first failure (-i); scratch kept in $TRASH"
		exit 1
	fi
}

# Commands to run when the test ends, whatever way (stopping servers):
# before test_done removes the scratch directory, or on a bail-out.
test_on_exit() {
	test_exit_hooks="$test_exit_hooks $*;"
	trap 'eval "$test_exit_hooks"' EXIT
}

test_expect_success() {
	test_count=$((test_count + 1))
	if ! test_selected $test_count; then
		echo "ok $test_count # skip $1 (not in --run)"
		return 0
	fi
	[ -n "${TEST_TIMING:-}" ] && test_started=$(date +%s%N)
	if (test_run_body "$2") >"$TRASH/.output" 2>&1; then
		echo "ok $test_count - $1"
		[ -z "$test_verbose" ] || sed -e 's/^/#  /' "$TRASH/.output"
		[ -z "${TEST_TIMING:-}" ] || echo "# $(( ($(date +%s%N) - test_started) / 1000000 )) ms"
	else
		test_failed "$1"
	fi
	return 0
}

# Like test_expect_success, but in this shell (so variables it sets, such
# as a server's port and PID, stay) and fatal: nothing after it can run
# without it.
test_setup() {
	test_count=$((test_count + 1))
	if test_run_body "$2" >"$TRASH/.output" 2>&1; then
		{ set +x; } 2>/dev/null
		echo "ok $test_count - $1"
		[ -z "$test_verbose" ] || sed -e 's/^/#  /' "$TRASH/.output"
	else
		{ set +x; } 2>/dev/null
		echo "not ok $test_count - $1"
		sed -e 's/^/#  /' "$TRASH/.output"
		echo "Bail out! setup failed: $1"
		exit 1
	fi
}

test_expect_code() {
	want=$1
	shift
	"$@"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "exit status $got, wanted $want: $*" >&2
		return 1
	fi
	return 0
}

# Every tool of the suite, from the Makefile's TOOLS: a test that goes
# over them all cannot miss a new one.
suite_tools() {
	make -s -C "$TOP" --no-print-directory list-tools
}

test_cmp() {
	diff -u "$1" "$2"
}

# printf with \r\n line ends: the CSV writer's RFC 4180 output.
crlf() {
	printf '%s\r\n' "$@"
}

test_done() {
	eval "$test_exit_hooks"
	trap - EXIT
	echo "1..$test_count"
	if [ "$test_failures" -eq 0 ]; then
		cd "$TEST_DIRECTORY" && rm -rf "$TRASH"
		exit 0
	fi
	echo "# failed $test_failures of $test_count; scratch kept in $TRASH"
	exit 1
}
