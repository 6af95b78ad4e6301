#!/bin/sh
# The command line every tool shares: --help, --version, bad options, and
# --help against the man page (the option table and the page must agree).
. "$(dirname "$0")/test-lib.sh"

# "name arg" per option of --help (arg "-" for none), and of the man
# page's OPTIONS items (.It lines), arguments folded to lower-case
# letters and '|' so that "ADDRESS[:PORT]" and "Ar address Ns Op : Ns
# Ar port" compare equal and "USERS" and "Ar size" do not.
help_args() {
	$1 --help | sed -n 's/^ *\(-[A-Za-z], \)\{0,1\}--\([a-z][a-z-]*\)\([ []\([^ ]*\)\)\{0,1\}\( .*\)\{0,1\}$/\2 \4/p' |
		awk '{ a = tolower($2); gsub(/[^a-z|]/, "", a); print $1, (a == "" ? "-" : a) }' | sort -u
}
page_args() {
	sed -n '/^\.Sh OPTIONS/,/^\.Sh /p' "$TOP/man/$1.1" | sed -n 's/^\.It //p' |
		awk '{ n = split($0, item, / , /)
		       for (i = 1; i <= n; i++) {
			if (item[i] !~ /^Fl \\-/) continue
			k = split(item[i], w, / /); name = substr(w[2], 3); a = ""
			for (j = 3; j <= k; j++) if (w[j] !~ /^(Ar|Cm|Ns|Op|Oo|Oc)$/) a = a w[j]
			a = tolower(a); gsub(/[^a-z|]/, "", a); print name, (a == "" ? "-" : a) } }' | sort -u
}

for tool in $(suite_tools); do
	test_expect_success "$tool --help prints usage to stdout, exits 0" "
		$tool --help >out 2>err &&
		grep -q '^usage: $tool ' out &&
		test ! -s err
	"
	test_expect_success "$tool --version: the suite's version, then its libraries, running and built with" "
		$tool --version >out &&
		head -n 1 out | grep -Eq '^$tool [0-9]+\.[0-9]+\.[0-9]+$' &&
		grep -Eq '^glibc [0-9]' out && grep -Eq '^libcsv [0-9]' out
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
	test_expect_success "$tool: --help and the man page give each option the same argument" "
		help_args $tool >help-args && test \$(wc -l <help-args) -ge 5 &&
		page_args $tool >page-args && test \$(wc -l <page-args) -ge 5 &&
		join help-args page-args | awk '\$2 != \$3 { print \"--\" \$1 \": --help says \" \$2 \", the page \" \$3; bad = 1 } END { exit bad }'
	"
	test_expect_success "$tool: every old option name warns, naming the new one" "
		$tool --list-options | awk -F '\t' '\$3 == \"alias\" { print \$1, \$4 }' >aliases &&
		while read old new; do
			arg=\$($tool --list-options | awk -F '\t' -v n=\"\$new\" '\$1 == n && \$4 != \"-\" { print \"x\" }') &&
			$tool --\$old \$arg --help >/dev/null 2>err
			grep -F -- \"--\$old is the old name of --\$new\" err || { echo \"--\$old: no warning\"; exit 1; }
		done <aliases
	"
	test_expect_success "$tool: every exit status its man page lists is in the contract" "
		sed -n '/^\.Sh EXIT STATUS/,/^\.Sh /s/^\.It \([0-9][0-9]*\)\$/\\1/p' '$TOP/man/$tool.1' >page-codes &&
		test -s page-codes &&
		$tool --help | sed -n '/^exit status:/,\$s/^  \([0-9][0-9]*\) .*/\\1/p' >help-codes &&
		for c in \$(cat page-codes); do grep -qx \$c help-codes || { echo \"\$c not in --help\"; exit 1; }; done
	"
done

test_expect_success '--version names the libraries each tool links, and only those' '
	ucmig-export --version >v && grep -q "^expat " v && grep -q "^libzip " v && grep -q "^FreeTDS " v && ! grep -q "^libldap" v &&
	ucmig-disable --version >v && grep -q "^libldap " v && ! grep -q "^FreeTDS" v && ! grep -q "^libcurl" v &&
	ucmig-delete --version >v && grep -q "^libldap " v && grep -q "^FreeTDS " v &&
	ucmig-import --version >v && grep -q "^libcurl " v && ! grep -q "^libldap" v &&
	ucmig-rename --version >v && grep -q "^libcurl " v && grep -q "^libldap " v &&
	ucmig-fedcheck --version >v && grep -q "^OpenSSL " v && ! grep -q "^libcurl" v
'

test_expect_success 'the exit status table of --help is ucmig(7)'\''s, word for word, both ways' '
	ucmig-export --help | sed -n "/^exit status:/,\$s/^  \([0-9][0-9]*\) *\(.*\)/\1 \2/p" >help-table &&
	test $(wc -l <help-table) -ge 12 &&
	sed -n "/^\.Sh EXIT STATUS/,/^\.Sh /p" "$TOP/man/ucmig.7" |
		awk "/^\.It [0-9]+\$/ { code = \$2; next } code != \"\" { print code \" \" \$0; code = \"\" }" >page-table &&
	test_cmp help-table page-table &&
	for tool in ucmig-disable ucmig-delete ucmig-import ucmig-rename ucmig-fedcheck; do
		$tool --help | sed -n "/^exit status:/,\$s/^  \([0-9][0-9]*\) *\(.*\)/\1 \2/p" >other &&
		test_cmp help-table other || exit 1
	done
'

test_expect_success 'ucmig(7) REPORT FORMAT is the table of result tokens every tool reports with, word for word' '
	ucmig-export --list-results | awk -F "\t" "{ print \$1 \" \" \$2 \": \" \$3 \".\" }" >table &&
	test $(wc -l <table) -ge 60 &&
	sed -n "/^\.Sh REPORT FORMAT/,/^\.Sh /p" "$TOP/man/ucmig.7" |
		awk "/^\.It Cm / { tok = \$3; next } tok != \"\" { print tok \" \" \$0; tok = \"\" }" >page &&
	test_cmp table page
'

test_expect_success 'option needing an argument, given none, exits 64' '
	test_expect_code 64 ucmig-export --userdata 2>err &&
	grep -q "needs an argument" err
'

test_expect_success 'a number option out of range or not a number exits 64 naming it' '
	test_expect_code 64 ucmig-export --userdata x --batch 0 2>err &&
	grep -F -- "--batch: '\''0'\'' is not a number from 1 to 100000" err &&
	test_expect_code 64 ucmig-disable --in-flight 12x users.txt 2>err &&
	grep -F -- "--in-flight: '\''12x'\'' is not a number from 1 to 1024" err &&
	test_expect_code 64 ucmig-delete --min-age -1 users.txt 2>err &&
	grep -F -- "--min-age: '\''-1'\'' is not a number from 0 to 100000" err
'

ZIP=$EXAMPLES/ExportedUserData.zip

test_expect_success 'ucmig.conf: [ucmig] and [ucmig-export] settings apply, the command line wins' '
	printf "[ucmig]\nquiet = yes\nldap-uri = ldaps://ignored.example\n\n[ucmig-export]\nuserdata = %s\ndefault-group = Buddies\nheader = yes\n\n[ucmig-import]\nwhatever = x\n" "$ZIP" >site.conf &&
	UCMIG_CONF=site.conf ucmig-export >conf.csv 2>err &&
	head -n 1 conf.csv | grep -q "^User ID," &&
	grep -q ",Buddies" conf.csv && ! test -s err &&
	UCMIG_CONF=site.conf ucmig-export --default-group Mine >conf2.csv 2>err &&
	grep -q ",Mine" conf2.csv && ! grep -q ",Buddies" conf2.csv
'

test_expect_success 'ucmig.conf: a tool section wins over [ucmig] wherever it stands; a list is replaced, not added to' '
	printf "[ucmig-export]\nuserdata = %s\ndefault-group = Mine\n\n[ucmig]\ndefault-group = Shared\n" "$ZIP" >order.conf &&
	UCMIG_CONF=order.conf ucmig-export >order.csv 2>err &&
	grep -q ",Mine" order.csv && ! grep -q ",Shared" order.csv &&
	printf "alice,corp.example.com,bob,example.com,Bob,Contacts\r\n" >fed.csv &&
	printf "[ucmig]\ndomains = example.com\n[ucmig-import]\ndomains = corp.example.com\n" >lists.conf &&
	UCMIG_CONF=lists.conf ucmig-import --bat lists-plan fed.csv >/dev/null 2>err &&
	grep -F "1 federated row" err &&
	printf "[ucmig]\ndomains = example.com\n" >shared-only.conf &&
	UCMIG_CONF=shared-only.conf ucmig-import --bat shared-plan fed.csv >/dev/null 2>err &&
	! grep -F "federated" err
'

test_expect_success 'ucmig.conf: an unknown option in a tool section, a bad value or a bad boolean is 78 with its line' '
	printf "[ucmig-export]\nno-such-option = 1\n" >bad1.conf &&
	test_expect_code 78 env UCMIG_CONF=bad1.conf ucmig-export --userdata "$ZIP" 2>err &&
	grep -F "bad1.conf:2: ucmig-export has no option --no-such-option" err &&
	printf "[ucmig-export]\nbatch = 0\n" >bad2.conf &&
	test_expect_code 78 env UCMIG_CONF=bad2.conf ucmig-export --userdata "$ZIP" 2>err &&
	grep -F "bad2.conf:2: the value of batch is not usable" err &&
	printf "[ucmig]\nquiet = maybe\n" >bad3.conf &&
	test_expect_code 78 env UCMIG_CONF=bad3.conf ucmig-export --userdata "$ZIP" 2>err &&
	grep -F "bad3.conf:2: quiet takes yes or no" err &&
	printf "[ucmig-export]\nheader = yes\nheader = no\n" >bad4.conf &&
	test_expect_code 78 env UCMIG_CONF=bad4.conf ucmig-export --userdata "$ZIP" 2>err &&
	grep -F "bad4.conf:3: setting '\''header'\'' repeats line 2" err
'

test_expect_success 'ucmig.conf: a value over 1 MiB is 78 with its line, and not echoed' '
	{ printf "[ucmig-export]\ndefault-group = "; head -c 1100000 /dev/zero | tr "\0" x; printf "\n"; } >huge.conf &&
	test_expect_code 78 env UCMIG_CONF=huge.conf ucmig-export --userdata "$ZIP" --stats-only 2>err &&
	grep -F "huge.conf:2: a line longer than 1 MiB" err && test $(wc -c <err) -lt 400
'

test_expect_success 'ucmig.conf: UCMIG_CONF naming no file is 66; --help works whatever the file' '
	test_expect_code 66 env UCMIG_CONF=missing.conf ucmig-export --userdata "$ZIP" 2>err &&
	grep -F "missing.conf: cannot open (named by UCMIG_CONF)" err &&
	UCMIG_CONF=bad1.conf ucmig-export --help >/dev/null
'

test_expect_success 'ucmig.conf: found in ~/.config/ucmig when UCMIG_CONF is unset' '
	mkdir -p home/.config/ucmig &&
	printf "[ucmig-export]\nuserdata = %s\nstats-only = yes\n" "$ZIP" >home/.config/ucmig/ucmig.conf &&
	env -u UCMIG_CONF HOME=$PWD/home ucmig-export >out 2>err &&
	! test -s out && grep -F "users processed" err
'

test_done
