#!/bin/sh
# ucmig-batch killed with -9 during each phase, then run again: the batch
# ends exactly as an uninterrupted one (the servers read back, and where
# every user stands). A 10 ms link each way in front of every server makes
# each phase last long enough for the kill to land inside it; the tool
# the runbook was running gets SIGTERM and stops with its journal.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
. "$TEST_DIRECTORY/servers/tds.sh"
. "$TEST_DIRECTORY/servers/ejabberd.sh"
. "$TEST_DIRECTORY/servers/latency-link.sh"
. "$TEST_DIRECTORY/lib-batch.sh"

links_stop() {
	for l in ldap be fe ej; do link_stop "$TRASH/link-$l"; done
}
test_on_exit links_stop

# Every server as it was before any batch, links in front of them, and a
# batch directory DIR pointed at the links.
fresh_round() {
	for u in alice bob erin hank ivy frank; do
		printf "dn: cn=%s,ou=Users,%s\nchangetype: modify\nreplace: msRTCSIP-UserEnabled\nmsRTCSIP-UserEnabled: TRUE\n\n" \
			"$u" "$SLAPD_SUFFIX"
	done | ldapmodify -x -H "$SLAPD_URI" -D "$SLAPD_ROOTDN" -w "$SLAPD_ROOTPW" >/dev/null &&
	for u in alice bob erin hank gus frank; do
		ej_api unregister "{\"user\":\"$u\",\"host\":\"example.com\"}" >/dev/null || return 1
	done &&
	ej_register alice bob erin hank gus frank &&
	batch_databases && links_stop &&
	link_start "$TRASH/link-ldap" "${SLAPD_LDAPS##*:}" 10 && ldap_link=$LINK_PORT &&
	link_start "$TRASH/link-be" "$BE_PORT" 10 && be_link=$LINK_PORT &&
	link_start "$TRASH/link-fe" "$FE_PORT" 10 && fe_link=$LINK_PORT &&
	ej_port=${EJ_URL#http://127.0.0.1:} && link_start "$TRASH/link-ej" "${ej_port%%/*}" 10 && ej_link=$LINK_PORT &&
	rm -rf "$1" && batch_make "$1" &&
	printf '[backend]\nhost = 127.0.0.1\nport = %s\n\n[fe1]\nhost = 127.0.0.1\nport = %s\n' "$be_link" "$fe_link" \
		>"$1/topology.ini" &&
	sed -i -e "s|^ldap-uri = .*|ldap-uri = ldaps://127.0.0.1:$ldap_link|" -e "s|^db-port = .*|db-port = $be_link|" \
		-e "s|^topology = .*|topology = topology.ini|" \
		-e "s|^xmpp = .*|xmpp = http://127.0.0.1:$ej_link/api|" "$1/batch.conf"
}

# Run the batch again until no run holds it (the killed runbook's tool
# may still be stopping: 75), then where every user stands.
run_to_end() {
	n=0
	while :; do
		ucmig-batch run --report "$2" "$1" >>rerun.out 2>>rerun.err
		rc=$?
		[ $rc -eq 75 ] && [ $n -lt 50 ] || break
		sleep 0.2
		n=$((n + 1))
	done
	test $rc = 1
}

test_setup 'the servers of a batch; an uninterrupted batch through the links, as the reference' '
	batch_servers_start && fresh_round ref && run_to_end ref ref.csv && batch_servers_state >ref-state &&
	grep -F "ldap sip:alice@example.com FALSE" ref-state
'

for phase in export disable verify delete import arrived; do
	test_expect_success "kill -9 during $phase, run again: the batch ends as the uninterrupted one" "
		fresh_round k-$phase &&
		ucmig-batch run k-$phase >killed.out 2>killed.err &
		pid=\$! && n=0 &&
		while ! tail -n 1 k-$phase/state 2>/dev/null | grep -q '^$phase	running' && kill -0 \$pid 2>/dev/null &&
		      [ \$n -lt 1000 ]; do sleep 0.01; n=\$((n + 1)); done &&
		sleep 0.0\$((n % 5)) && { kill -9 \$pid 2>/dev/null; wait \$pid; true; } &&
		tail -n 1 k-$phase/state >killed-at && cat killed-at &&
		if grep -q '^$phase	running' killed-at; then echo $phase >>killed-inside; fi &&
		run_to_end k-$phase after.csv && test_cmp ref.csv after.csv &&
		batch_servers_state >after-state && test_cmp ref-state after-state &&
		ucmig-batch status k-$phase | grep -Fx 'users: 2 through every phase, 2 stopped at export, 1 stopped at disable, 1 stopped at delete, 1 stopped at import'
	"
done

test_expect_success 'SIGINT during delete: the tool gets it once and stops cleanly, 130; run again: the same end' '
	fresh_round k-int &&
	ucmig-batch run k-int >int.out 2>int.err &
	pid=$! && n=0 &&
	while ! tail -n 1 k-int/state 2>/dev/null | grep -q "^delete	running" && [ $n -lt 1000 ]; do
		sleep 0.01; n=$((n + 1)); done &&
	sleep 0.05 && kill -INT $pid && { wait $pid; echo $? >rc; } && test "$(cat rc)" = 130 &&
	grep -E "^delete	failed	[0-9]+	130	delete ended with 130" k-int/state &&
	grep -F "\"status\": 130" k-int/50-delete/summary.json &&
	run_to_end k-int after.csv && test_cmp ref.csv after.csv &&
	batch_servers_state >after-state && test_cmp ref-state after-state
'

test_expect_success 'kill -9 while the gate waits, run again once it is open: the same end' '
	fresh_round k-gate && sed -i "s/^min-age = 0/min-age = 1/" k-gate/batch.conf &&
	ucmig-batch run --wait k-gate >killed.out 2>killed.err &
	pid=$! && n=0 &&
	while ! tail -n 1 k-gate/state 2>/dev/null | grep -q "^gate	waiting" && [ $n -lt 1000 ]; do
		sleep 0.01; n=$((n + 1)); done &&
	kill -9 $pid && { wait $pid; true; } && echo gate >>killed-inside &&
	sed -i "s/^min-age = 1/min-age = 0/" k-gate/batch.conf &&
	run_to_end k-gate after.csv && test_cmp ref.csv after.csv &&
	batch_servers_state >after-state && test_cmp ref-state after-state
'

test_expect_success 'most kills landed inside their phase, with its tool running' '
	cat killed-inside && test "$(wc -l <killed-inside)" -ge 5
'
test_done
