#!/bin/sh
# Every fuzz target (fuzz/fuzz-*.c) over every input kept for it in
# fuzz/corpus/NAME/: the seeds and each input that once crashed a
# parser. A crash, an abort (a round trip that did not hold) or, under
# SANITIZE=1, a sanitizer report fails the test.
. "$(dirname "$0")/test-lib.sh"

for replay in "$BUILD"/fuzz/replay-*; do
	name=${replay##*/replay-}
	test_expect_success "fuzz target $name replays its corpus" "
		ls '$TOP/fuzz/corpus/$name'/* >/dev/null &&
		'$replay' '$TOP/fuzz/corpus/$name'/* >out &&
		grep -q 'inputs replayed' out
	"
done

test_expect_success 'every fuzz target has a corpus and a replay binary' '
	for src in "$TOP"/fuzz/fuzz-*.c; do
		name=$(basename "$src" .c); name=${name#fuzz-}
		test -x "$BUILD/fuzz/replay-$name" && test -d "$TOP/fuzz/corpus/$name" || { echo "$name"; exit 1; }
	done
'

test_done
