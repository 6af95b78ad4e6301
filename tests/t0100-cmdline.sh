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
	test_expect_success "$tool: --help and the man page's OPTIONS name the same options, both ways" "
		$tool --help | sed -n 's/^ *\(-[A-Za-z], \)\{0,1\}--\([a-z][a-z-]*\).*/\\2/p' | sort -u >help-opts &&
		test \$(wc -l <help-opts) -ge 5 &&
		sed -n '/^\.Sh OPTIONS/,/^\.Sh /p' '$TOP/man/$tool.1' |
			grep -o 'Fl \\\\-[a-z][a-z-]*' | sed 's/^Fl \\\\-//' | sort -u >page-opts &&
		test_cmp help-opts page-opts
	"
	test_expect_success "$tool: every exit status its man page lists is in the contract" "
		sed -n '/^\.Sh EXIT STATUS/,/^\.Sh /s/^\.It \([0-9][0-9]*\)\$/\\1/p' '$TOP/man/$tool.1' >page-codes &&
		test -s page-codes &&
		$tool --help | sed -n '/^exit status:/,\$s/^  \([0-9][0-9]*\) .*/\\1/p' >help-codes &&
		for c in \$(cat page-codes); do grep -qx \$c help-codes || { echo \"\$c not in --help\"; exit 1; }; done
	"
done

test_expect_success 'the exit status table of --help is ucmig(7)'\''s, word for word, both ways' '
	ucmig-export --help | sed -n "/^exit status:/,\$s/^  \([0-9][0-9]*\) *\(.*\)/\1 \2/p" >help-table &&
	test $(wc -l <help-table) -ge 12 &&
	sed -n "/^\.Sh EXIT STATUS/,/^\.Sh /p" "$TOP/man/ucmig.7" |
		awk "/^\.It [0-9]+\$/ { code = \$2; next } code != \"\" { print code \" \" \$0; code = \"\" }" >page-table &&
	test_cmp help-table page-table &&
	for tool in ucmig-disable ucmig-delete; do
		$tool --help | sed -n "/^exit status:/,\$s/^  \([0-9][0-9]*\) *\(.*\)/\1 \2/p" >other &&
		test_cmp help-table other || exit 1
	done
'

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
