#!/bin/sh
# tests/servers/latency-link: the relay the speed tests and benchmarks put
# between client and server delays every byte by its one-way time in both
# directions, and delivers every byte intact, in order, with half closes.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/latency-link.sh"
probe() { /usr/bin/python3 "$TEST_DIRECTORY/servers/link_probe.py" "$@"; }
test_on_exit 'link_stop link1; link_stop link5; server_stop echo'

mkdir echo
test_setup 'an echo server, and links of 1 ms and 5 ms in front of it' '
	/usr/bin/python3 "$TEST_DIRECTORY/servers/link_probe.py" echo >echo/ready &
	echo $! >echo/harness.pid &&
	server_wait_ready echo "$(cat echo/harness.pid)" &&
	ECHO_PORT=$(sed -n "s/^ready //p" echo/ready) &&
	link_start link1 "$ECHO_PORT" && echo "$LINK_PORT" >link1/port &&
	link_start link5 "$ECHO_PORT" 5 && echo "$LINK_PORT" >link5/port
'
ECHO_PORT=$(sed -n "s/^ready //p" echo/ready)
P1=$(cat link1/port)
P5=$(cat link5/port)

# A round trip through a link takes at least twice its one-way delay; the
# upper bound only catches a gross error (a lost timer, a delay applied
# per byte), generously, as the machine may be busy.
test_expect_success 'a round trip takes two one-way delays: 1 ms and 5 ms links' '
	direct=$(probe rtt "$ECHO_PORT" 50) && one=$(probe rtt "$P1" 50) && five=$(probe rtt "$P5" 20) &&
	echo "# round trip: direct $direct ms, 1 ms link $one ms, 5 ms link $five ms" &&
	awk -v d="$direct" -v a="$one" -v b="$five" "BEGIN { exit !(a >= 2 && a < d + 2 + 40 && b >= 10 && b < d + 10 + 40) }"
'

test_expect_success '32 MiB each way at once arrive intact and in order' '
	probe bulk "$P1" 32 >bulk.out &&
	echo "# 1 ms link: $(cut -d" " -f2 bulk.out) MiB/s each way" &&
	test "$(cut -d" " -f1 bulk.out)" = intact
'

test_expect_success 'a half close travels after the bytes before it' '
	test "$(probe halfclose "$P1")" = intact
'

test_expect_success 'twenty connections at once, each intact' '
	for i in $(seq 20); do probe bulk "$P1" 1 >c$i.out & done; wait &&
	test "$(cat c*.out | cut -d" " -f1 | sort -u)" = intact
'

# The relay refuses the argument before it opens any socket: nothing is
# sent to 10.0.0.1 (the one non-loopback address in the tests, on purpose).
test_expect_success 'a target outside 127.0.0.0/8 or a bad delay is refused (64)' '
	test_expect_code 64 "$LATENCY_LINK" --target 10.0.0.1:389 2>err &&
	grep -F "outside 127.0.0.0/8" err &&
	test_expect_code 64 "$LATENCY_LINK" --target 127.0.0.1:389 --delay-ms -1 2>/dev/null
'

test_expect_success 'stopped by its PID' '
	pid=$(cat link5/harness.pid) && link_stop link5 &&
	if server_alive "$pid"; then
		echo "still alive: $(cat /proc/$pid/stat; grep -E "^Sig(Blk|Pnd|Cgt)|^ShdPnd" /proc/$pid/status)"; false
	fi
'

test_done
