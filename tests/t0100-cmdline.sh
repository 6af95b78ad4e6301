#!/bin/sh
# The command line every tool shares: --help, --version, bad options, and
# --help against the man page (the option table and the page must agree).
. "$(dirname "$0")/test-lib.sh"

for tool in ucmig-export ucmig-disable ucmig-delete; do
	test_expect_success "$tool --help prints usage to stdout, exits 0" "
		$tool --help >out 2>err &&
		grep -q '^usage: $tool ' out &&
		test ! -s err
	"
	test_expect_success "$tool --version" "
		$tool --version >out &&
		grep -Eq '^$tool [0-9]+\.[0-9]+\.[0-9]+$' out
	"
	test_expect_success "$tool: unknown option exits 64 with a message" "
		test_expect_code 64 $tool --no-such-option 2>err &&
		grep -q \"unknown option '--no-such-option'\" err
	"
	test_expect_success "$tool: every --help option is in the man page" "
		$tool --help | sed -n 's/^ *\(-[A-Za-z], \)\{0,1\}--\([a-z][a-z-]*\).*/\\2/p' >opts &&
		test \$(wc -l <opts) -ge 5 &&
		sed 's/\\\\-/-/g' '$TOP/man/$tool.1' >page &&
		missing= &&
		for o in \$(cat opts); do
			grep -Eq \"Fl -\$o( |\$)\" page || missing=\"\$missing \$o\"
		done &&
		test -z \"\$missing\" || { echo \"not in man/$tool.1:\$missing\"; false; }
	"
done

test_expect_success 'option needing an argument, given none, exits 64' '
	test_expect_code 64 ucmig-export --userdata 2>err &&
	grep -q "needs an argument" err
'

test_expect_success 'a number option out of range or not a number exits 64 naming it' '
	test_expect_code 64 ucmig-export --userdata x --batch 0 2>err &&
	grep -F -- "--batch: '\''0'\'' is not a number from 1 to 2000" err &&
	test_expect_code 64 ucmig-disable --window 12x users.txt 2>err &&
	grep -F -- "--window: '\''12x'\'' is not a number from 1 to 1024" err &&
	test_expect_code 64 ucmig-delete --min-age -1 users.txt 2>err &&
	grep -F -- "--min-age: '\''-1'\'' is not a number from 0 to 100000" err
'

test_done
