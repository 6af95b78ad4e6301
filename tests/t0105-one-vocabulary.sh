#!/bin/sh
# One vocabulary: a single [ucmig] section holding every shared group's
# settings serves every tool at once (each takes what it knows, none is
# 64 or 78), and no setting meant for one server reaches another: the
# directory's password never goes to the XMPP server, whatever the file.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/blackhole.sh"

ZIP=$EXAMPLES/ExportedUserData.zip
ROUTES_HEADER="Destination Pattern,Next Hop,Next Hop Port,Route Type,Protocol Type,Priority,Weight"

test_setup 'passwords, inputs, and a [ucmig] section with every shared group' '
	printf "AdSecret\n" >ad.pw && printf "DbSecret\n" >db.pw && printf "XmppSecret\n" >xmpp.pw &&
	chmod 600 ad.pw db.pw xmpp.pw &&
	printf "sip:ann@example.com\n" >users.txt &&
	printf "ann,example.com,bob,example.com,,Contacts\nann,example.com,cy,partner.example.net,,Contacts\n" >rows.csv &&
	printf "Contact ID,New Contact ID\nbob@example.com,robert@example.com\n" >map.csv &&
	printf "%s\n" "$ROUTES_HEADER" ".com.example,fe1.example.com,5061,Domain,TLS,1,10" \
		".com.example,fe2.example.com,5061,Domain,TLS,2,10" >routes.csv &&
	cat >shared.conf <<-EOF
	# every shared group of every tool, in the one shared section
	[ucmig]
	ldap-uri = ldap://127.0.0.1:9
	bind-dn = cn=svc,dc=example,dc=com
	password-file = ad.pw
	base = dc=example,dc=com
	page-size = 200
	timeout = 3
	insecure = yes
	starttls = no
	db-host = 127.0.0.1
	db-port = 9
	db-user = svc
	db-password-file = db.pw
	db-name = rtc
	db-timeout = 30
	xmpp-user = admin@example.com
	xmpp-password-file = xmpp.pw
	xmpp-timeout = 3
	xmpp-concurrency = 4
	domains = example.com
	report = shared-report.csv
	no-progress = yes
	EOF
'

test_expect_success 'every tool: --help with the shared section' '
	for t in $(suite_tools); do
		UCMIG_CONF=shared.conf $t --help >/dev/null 2>err && ! test -s err || { echo "$t"; exit 1; }
	done
'

# Each tool's run with the shared section: it must get past its options
# and use the settings it knows (a directory or database that does not
# answer is 69: the tool got as far as the server the file names).
test_expect_success 'ucmig-export: --userdata on the command line wins over the database of [ucmig]' '
	UCMIG_CONF=shared.conf ucmig-export --userdata "$ZIP" -o out.csv 2>err &&
	test -s out.csv && ! grep -F "warning" err &&
	grep -F ",export," shared-report.csv >/dev/null || grep -F "users processed" err
'

test_expect_success 'ucmig-disable -n: the directory of [ucmig] (69 at 127.0.0.1:9), no 64 or 78' '
	test_expect_code 69 env UCMIG_CONF=shared.conf ucmig-disable -n users.txt 2>err &&
	grep -F "127.0.0.1:9" err && ! grep -F "warning" err
'

test_expect_success 'ucmig-delete -n: the database of [ucmig] (69 at 127.0.0.1:9), no 64 or 78' '
	test_expect_code 69 env UCMIG_CONF=shared.conf ucmig-delete -n --no-backup --skip-ad-check \
		--min-age 0 users.txt 2>err &&
	grep -F "127.0.0.1:9" err && ! grep -F "warning" err
'

test_expect_success 'ucmig-import --bat: the domains of [ucmig] count the federated row' '
	UCMIG_CONF=shared.conf ucmig-import --bat plan rows.csv >table 2>err &&
	grep -F "1 federated row (outside --domains) kept" err && ! grep -F "warning" err
'

test_expect_success 'ucmig-rename: the filter runs with the shared section' '
	UCMIG_CONF=shared.conf ucmig-rename --map map.csv rows.csv >renamed.csv 2>err &&
	grep -F "ann,example.com,robert,example.com" renamed.csv && ! grep -F "warning" err
'

test_expect_success 'ucmig-fedcheck: the domains of [ucmig] are the ones checked' '
	UCMIG_CONF=shared.conf ucmig-fedcheck --routes routes.csv --format json >out 2>err &&
	grep -F "\"domain-covered\"" out | grep -F "example.com" && ! grep -F "warning" err
'

# What the XMPP server was sent, from the black hole's record: the user
# and password of Basic authentication.
sent_login() {
	sed -n "s/^Authorization: Basic \([A-Za-z0-9+\/=]*\).*/\1/p" "$1" | head -n 1 | base64 -d
}

test_setup 'a server that records what it is sent' '
	blackhole_start "$PWD/bh"
'
test_on_exit blackhole_stop "$PWD/bh"

test_expect_success '[ucmig] password-file (the directory'\''s) never reaches the XMPP server: import' '
	printf "[ucmig]\npassword-file = ad.pw\nxmpp-user = admin@example.com\nxmpp-timeout = 1\n" >ad-only.conf &&
	: >bh/received &&
	test_expect_code 69 env UCMIG_CONF=ad-only.conf UCMIG_XMPP_PASSWORD=XmppSecret \
		ucmig-import --xmpp "http://127.0.0.1:$BLACKHOLE_PORT/api" --journal j1 rows.csv 2>err &&
	test "$(sent_login bh/received)" = "admin@example.com:XmppSecret" &&
	! grep -F AdSecret bh/received
'

test_expect_success '... nor in rename --xmpp, which has the LDAP options too' '
	: >bh/received &&
	test_expect_code 69 env UCMIG_CONF=ad-only.conf UCMIG_XMPP_PASSWORD=XmppSecret \
		ucmig-rename --xmpp "http://127.0.0.1:$BLACKHOLE_PORT/api" --map map.csv --journal j2 2>err &&
	test "$(sent_login bh/received)" = "admin@example.com:XmppSecret" &&
	! grep -F AdSecret bh/received
'

test_expect_success 'without an XMPP password, the directory'\''s is not taken instead: 64, nothing sent' '
	: >bh/received &&
	test_expect_code 64 env -u UCMIG_XMPP_PASSWORD UCMIG_CONF=ad-only.conf \
		ucmig-import --xmpp "http://127.0.0.1:$BLACKHOLE_PORT/api" --journal j3 rows.csv 2>err &&
	grep -F -- "--xmpp-password-file" err && ! test -s bh/received
'

test_expect_success 'rename --xmpp: the old --password-file on the command line still reaches it, with a warning' '
	: >bh/received &&
	test_expect_code 69 env -u UCMIG_XMPP_PASSWORD ucmig-rename --xmpp "http://127.0.0.1:$BLACKHOLE_PORT/api" \
		--xmpp-user admin@example.com --password-file xmpp.pw --xmpp-timeout 1 --map map.csv --journal j4 2>err &&
	grep -F -- "--password-file with --xmpp is the old name of --xmpp-password-file" err &&
	test "$(sent_login bh/received)" = "admin@example.com:XmppSecret"
'

test_done
