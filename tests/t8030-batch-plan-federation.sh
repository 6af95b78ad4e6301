#!/bin/sh
# ucmig-batch plan with fedcheck = yes: ucmig-fedcheck --live against
# unbound and kamailio on 127.0.62.1-2 (TLS, a throwaway CA) as the
# plan's federation check, beside the dry run of every phase against
# slapd, the TDS endpoints and ejabberd; and the address check that says
# whether the batch needs a rename. Nothing changes on any server.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
. "$TEST_DIRECTORY/servers/tds.sh"
. "$TEST_DIRECTORY/servers/ejabberd.sh"
. "$TEST_DIRECTORY/servers/pki.sh"
. "$TEST_DIRECTORY/servers/unbound.sh"
. "$TEST_DIRECTORY/servers/kamailio.sh"
. "$TEST_DIRECTORY/lib-batch.sh"
test_on_exit 'unbound_stop "$TRASH/dns"'
test_on_exit 'kamailio_stop "$TRASH/kam"'

test_setup 'federation: kamailio with a good and a server-only certificate, unbound with the SRV' '
	mkdir -p pki && test_pki_ca "$TRASH/pki" &&
	test_pki_leaf "$TRASH/pki" sipfed "DNS:sipfed.example.com" serverAuth,clientAuth 365 &&
	test_pki_leaf "$TRASH/pki" fe2 "DNS:fe2.example.com" serverAuth 365 &&
	printf "%s\n" "127.0.62.1:5061 $TRASH/pki/sipfed.crt $TRASH/pki/sipfed.key" \
		"127.0.62.2:5061 $TRASH/pki/fe2.crt $TRASH/pki/fe2.key" >sockets &&
	kamailio_start "$TRASH/kam" sockets &&
	cat >zones <<-\EOF &&
	local-zone: "example.com." static
	local-data: "_sipfederationtls._tcp.example.com. 300 IN SRV 0 0 5061 sipfed.example.com."
	local-data: "sipfed.example.com. 300 IN A 127.0.62.1"
	local-data: "fe2.example.com. 300 IN A 127.0.62.2"
	local-data-ptr: "127.0.62.1 sipfed.example.com."
	EOF
	unbound_start "$TRASH/dns" zones
'

test_setup 'the servers of a batch, and a batch of alice and bob that checks federation live' '
	batch_servers_start && batch_make b1 && batch_servers_state >state0 &&
	printf "sip:alice@example.com\nsip:bob@example.com\n" >b1/users.txt &&
	printf "Destination Pattern,Description,Next Hop,Next Hop Port,Route Type,Protocol Type,Priority,Weight\r\n.com.example,FE 1,sipfed.example.com,5061,Domain,TLS,1,10\r\n.com.example,FE 2,fe2.example.com,5061,Domain,TLS,2,10\r\n" >b1/routes.csv &&
	sed -i -e "s/^fedcheck = no/fedcheck = yes/" -e "s|^#routes = .*|routes = routes.csv|" \
		-e "s|^#fed-fqdn = .*|fed-fqdn = sipfed.example.com\nlive = yes\ndns = $DNS_SERVER\nca = $TRASH/pki/ca.crt\nprobe-timeout = 3|" \
		b1/batch.conf
'

test_expect_success 'plan: a federation host without the client-auth usage is no-go; the evidence is in 00-plan' '
	test_expect_code 1 ucmig-batch plan b1 >out 2>err &&
	grep -F "$ UCMIG_CONF=batch.conf ucmig-fedcheck --report=00-plan/fedcheck.csv" out &&
	grep -E "^federation +fail +checks failed: see 00-plan/fedcheck.csv" out &&
	grep -F "fe2.example.com" b1/00-plan/fedcheck.csv | grep -F ",fail," &&
	grep -E "^export +pass +2 of 2 go on" out && grep -F "verdict: NO-GO" out &&
	grep -F "{ \"check\": \"federation\", \"result\": \"fail\"" b1/00-plan/plan.json &&
	batch_servers_state >now && test_cmp state0 now
'

test_expect_success 'plan: the route to the host fixed away, federation passes and the verdict is go' '
	sed -i "/FE 2/d" b1/routes.csv &&
	ucmig-batch plan b1 >out 2>err &&
	grep -E "^federation +pass" out && grep -F "verdict: GO" out &&
	batch_servers_state >now && test_cmp state0 now
'

test_expect_success 'plan: IM and Presence addresses that differ from the SIP URIs are no-go until rename = yes' '
	sed -i "s/^#im-address = userid/im-address = userid\ndomains = corp.example.com/" b1/batch.conf &&
	test_expect_code 1 ucmig-batch plan b1 >out 2>err &&
	grep -E "^addresses +fail +2 users get a new ID \(00-plan/60-rename/map.csv\): set rename = yes" out &&
	grep -F "alice@example.com,alice@corp.example.com" b1/00-plan/60-rename/map.csv &&
	sed -i "s/^rename = no/rename = yes/" b1/batch.conf &&
	test_expect_code 1 ucmig-batch plan b1 >out 2>err &&
	grep -E "^addresses +pass +2 users get a new ID" out &&
	grep -E "^import plan +fail .*sip:alice@example.com no-account" out &&
	batch_servers_state >now && test_cmp state0 now
'
test_expect_success 'plan: the backup named in batch.conf must hold every user; none named is a warning' '
	grep -E "^backup +warn +not checked: name the Export-CsUserData file" out &&
	cp "$EXAMPLES/dbimpexp.xml" b1/backup.xml &&
	sed -i "s|^#backup = .*|backup = backup.xml|" b1/batch.conf &&
	test_expect_code 1 ucmig-batch plan b1 >out 2>err &&
	grep -Fx "backup       fail     backup.xml holds 0 of 2 users: no backup of sip:alice@example.com, sip:bob@example.com" out &&
	cp "$EXAMPLES/ExportedUserData.zip" b1/backup.zip && sed -i "s|^backup = .*|backup = backup.zip|" b1/batch.conf &&
	test_expect_code 1 ucmig-batch plan b1 >out 2>err &&
	grep -Fx "backup       pass     backup.zip holds 2 of 2 users" out &&
	batch_servers_state >now && test_cmp state0 now
'

test_expect_success 'import = bat: the plan writes BAT files per node; a user on no node of the assignment is no-go' '
	cp -r b1 bat && rm -rf bat/00-plan &&
	sed -i -e "s/^import = xmpp/import = bat/" -e "s/^rename = yes/rename = no/" -e "s/^fedcheck = yes/fedcheck = no/" \
		-e "s|^#assignment = .*|assignment = assignment.csv|" -e "s|^#ova = 5000|ova = 5000|" -e "/^im-address = /d" \
		-e "/^domains = corp.example.com/d" bat/batch.conf &&
	printf "UserID,Subcluster Name,Node Name\r\nalice,Subcluster-1,imp1a.example.com\r\n" >bat/assignment.csv &&
	test_expect_code 1 ucmig-batch plan bat >out 2>err &&
	grep -E "^import plan +fail +1 of 2 go on: sip:bob@example.com unassigned" out &&
	test -s bat/00-plan/70-import/bat/plan.csv && ls bat/00-plan/70-import/bat | grep -F imp1a.example.com &&
	printf "bob,Subcluster-1,imp1b.example.com\r\n" >>bat/assignment.csv &&
	ucmig-batch plan bat >out 2>err && grep -F "verdict: GO" out &&
	grep -F "# 00-plan/70-import/bat: the files of an earlier run kept as 00-plan/70-import/bat.1" out &&
	ls bat/00-plan/70-import/bat.1 | grep -F imp1a.example.com && ls bat/00-plan/70-import/bat | grep -F imp1b.example.com &&
	batch_servers_state >now && test_cmp state0 now
'
test_done
