#!/bin/sh
# ucmig-fedcheck --live against real servers on loopback: unbound serving
# test zones (good and broken SRV set-ups), kamailio speaking SIP over TLS
# on 127.0.61.1-6 with a certificate each from a throwaway CA (good,
# expired, expiring soon, wrong name, no client auth, unknown CA) and
# plain TCP on 127.0.61.8 (port 5070: a system kamailio a fresh install
# may start holds *:5060), a dead address, and black holes. Every check
# has a passing and a failing case; the verdicts are compared exactly.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/fedcheck-lib.sh"
. "$TEST_DIRECTORY/servers/pki.sh"
. "$TEST_DIRECTORY/servers/unbound.sh"
. "$TEST_DIRECTORY/servers/kamailio.sh"
. "$TEST_DIRECTORY/servers/blackhole.sh"
test_on_exit 'unbound_stop "$TRASH/dns"'
test_on_exit 'kamailio_stop "$TRASH/kam"'
test_on_exit 'blackhole_stop "$TRASH/bh"'

fc() {
	ucmig-fedcheck --live --dns "$DNS_SERVER" --probe-timeout 3 --format json "$@"
}

PKI=$TRASH/pki
test_setup 'certificates: good, expired, expiring, wrong name, no client auth, unknown CA' '
	mkdir -p "$PKI" "$TRASH/other" &&
	test_pki_ca "$PKI" &&
	test_pki_leaf "$PKI" good "DNS:sipfed.good.example,DNS:fe1.good.example" serverAuth,clientAuth 365 &&
	test_pki_leaf "$PKI" expired "DNS:expired.good.example" serverAuth,clientAuth -1 &&
	test_pki_leaf "$PKI" soon "DNS:soon.good.example" serverAuth,clientAuth 10 &&
	test_pki_leaf "$PKI" wrongname "DNS:sip.other.example" serverAuth,clientAuth 365 &&
	test_pki_leaf "$PKI" noclient "DNS:noclient.good.example" serverAuth 365 &&
	test_pki_leaf "$PKI" clientonly "DNS:clientonly.good.example" clientAuth 365 &&
	test_pki_future "$PKI" future "DNS:future.good.example" &&
	test_pki_ca "$TRASH/other" "someone else" &&
	test_pki_leaf "$TRASH/other" unknownca "DNS:unknownca.good.example" serverAuth,clientAuth 365
'

test_setup 'kamailio on 127.0.61.1-6 (TLS) and 127.0.61.8 (TCP)' '
	cat >sockets <<-EOF &&
	127.0.61.1:5061 $PKI/good.crt $PKI/good.key
	127.0.61.2:5061 $PKI/expired.crt $PKI/expired.key
	127.0.61.3:5061 $PKI/soon.crt $PKI/soon.key
	127.0.61.4:5061 $PKI/wrongname.crt $PKI/wrongname.key
	127.0.61.5:5061 $PKI/noclient.crt $PKI/noclient.key
	127.0.61.6:5061 $TRASH/other/unknownca.crt $TRASH/other/unknownca.key
	127.0.61.10:5061 $PKI/clientonly.crt $PKI/clientonly.key
	127.0.61.11:5061 $PKI/future.crt $PKI/future.key
	127.0.61.8:5070 tcp
	EOF
	kamailio_start "$TRASH/kam" sockets
'

test_setup 'a black hole (accepts, never answers)' '
	blackhole_start "$TRASH/bh"
'

test_setup 'unbound with the test zones' '
	cat >zones <<-EOF &&
	local-zone: "good.example." static
	local-data: "_sipfederationtls._tcp.good.example. 300 IN SRV 0 0 5061 sipfed.good.example."
	local-data: "_xmpp-server._tcp.good.example. 300 IN SRV 5 0 5269 cup.good.example."
	local-data: "sipfed.good.example. 300 IN A 127.0.61.1"
	local-data: "expired.good.example. 300 IN A 127.0.61.2"
	local-data: "soon.good.example. 300 IN A 127.0.61.3"
	local-data: "wrongname.good.example. 300 IN A 127.0.61.4"
	local-data: "noclient.good.example. 300 IN A 127.0.61.5"
	local-data: "unknownca.good.example. 300 IN A 127.0.61.6"
	local-data: "dead.good.example. 300 IN A 127.0.61.7"
	local-data: "ocs.good.example. 300 IN A 127.0.61.8"
	local-data: "cup.good.example. 300 IN A 127.0.61.9"
	local-data: "clientonly.good.example. 300 IN A 127.0.61.10"
	local-data: "future.good.example. 300 IN A 127.0.61.11"
	local-data-ptr: "127.0.61.1 sipfed.good.example."
	local-data-ptr: "127.0.61.9 imp1.good.example."
	local-zone: "multi.example." static
	local-data: "_sipfederationtls._tcp.multi.example. 300 IN SRV 10 50 5061 edge1.multi.example."
	local-data: "_sipfederationtls._tcp.multi.example. 300 IN SRV 20 50 5061 edge2.multi.example."
	local-data: "_xmpp-server._tcp.multi.example. 300 IN SRV 5 0 5222 xmpp.multi.example."
	local-data: "edge1.multi.example. 300 IN A 127.0.61.7"
	local-data: "edge2.multi.example. 300 IN A 127.0.61.7"
	local-zone: "outside.example." static
	local-data: "_sipfederationtls._tcp.outside.example. 300 IN SRV 0 0 5061 sipfed.good.example."
	local-zone: "port.example." static
	local-data: "_sipfederationtls._tcp.port.example. 300 IN SRV 0 0 5062 sip.port.example."
	local-data: "sip.port.example. 300 IN A 127.0.61.7"
	local-zone: "dangling.example." static
	local-data: "_sipfederationtls._tcp.dangling.example. 300 IN SRV 0 0 5061 sip.dangling.example."
	local-zone: "none.example." static
	local-zone: "nosvc.example." static
	local-data: "_sipfederationtls._tcp.nosvc.example. 300 IN SRV 0 0 0 ."
	local-zone: "bh.example." static
	EOF
	for i in 1 2 3 4 5 6 7 8 9 10; do
		echo "local-data: \"bh$i.bh.example. 300 IN A 127.0.0.1\""
	done >>zones &&
	unbound_start "$TRASH/dns" zones
'

test_expect_success 'a good federation: every DNS, TLS and SIP check passes (exit 0)' '
	test_expect_code 0 fc --domains good.example --fed-fqdn sipfed.good.example --ca "$PKI/ca.crt" >out &&
	verdicts <out >got &&
	cat >want <<-EOF &&
	PASS srv-exists _sipfederationtls._tcp.good.example
	PASS srv-single _sipfederationtls._tcp.good.example
	PASS srv-port _sipfederationtls._tcp.good.example -> sipfed.good.example:5061
	PASS srv-namespace _sipfederationtls._tcp.good.example -> sipfed.good.example:5061
	PASS srv-target-resolves _sipfederationtls._tcp.good.example -> sipfed.good.example:5061
	PASS xmpp-srv _xmpp-server._tcp.good.example
	PASS fed-fqdn-resolves sipfed.good.example
	PASS fed-fqdn-srv sipfed.good.example
	PASS fed-fqdn-ptr sipfed.good.example
	PASS host-resolves sipfed.good.example:5061
	PASS tcp-connect sipfed.good.example:5061
	PASS tls-handshake sipfed.good.example:5061
	PASS tls-chain sipfed.good.example:5061
	PASS tls-name sipfed.good.example:5061
	PASS tls-expiry sipfed.good.example:5061
	PASS tls-eku sipfed.good.example:5061
	PASS sip-options sipfed.good.example:5061
	EOF
	test_cmp want got &&
	evidence sip-options sipfed.good.example:5061 <out >ev &&
	grep "^200 OK (kamailio" ev &&
	evidence srv-single _sipfederationtls._tcp.good.example <out | grep -x "0 0 5061 sipfed.good.example"
'

test_expect_success 'broken SRV set-ups and a federation FQDN that is no SRV target with a foreign PTR' '
	test_expect_code 1 fc --domains multi.example,outside.example,port.example,dangling.example,none.example \
		--fed-fqdn cup.good.example >out &&
	verdicts srv- xmpp- fed- <out >got &&
	cat >want <<-EOF &&
	PASS srv-exists _sipfederationtls._tcp.multi.example
	WARN srv-single _sipfederationtls._tcp.multi.example
	PASS srv-port _sipfederationtls._tcp.multi.example -> edge1.multi.example:5061
	PASS srv-namespace _sipfederationtls._tcp.multi.example -> edge1.multi.example:5061
	PASS srv-target-resolves _sipfederationtls._tcp.multi.example -> edge1.multi.example:5061
	PASS srv-port _sipfederationtls._tcp.multi.example -> edge2.multi.example:5061
	PASS srv-namespace _sipfederationtls._tcp.multi.example -> edge2.multi.example:5061
	PASS srv-target-resolves _sipfederationtls._tcp.multi.example -> edge2.multi.example:5061
	WARN xmpp-srv _xmpp-server._tcp.multi.example
	PASS srv-exists _sipfederationtls._tcp.outside.example
	PASS srv-single _sipfederationtls._tcp.outside.example
	PASS srv-port _sipfederationtls._tcp.outside.example -> sipfed.good.example:5061
	FAIL srv-namespace _sipfederationtls._tcp.outside.example -> sipfed.good.example:5061
	PASS srv-target-resolves _sipfederationtls._tcp.outside.example -> sipfed.good.example:5061
	PASS srv-exists _sipfederationtls._tcp.port.example
	PASS srv-single _sipfederationtls._tcp.port.example
	FAIL srv-port _sipfederationtls._tcp.port.example -> sip.port.example:5062
	PASS srv-namespace _sipfederationtls._tcp.port.example -> sip.port.example:5062
	PASS srv-target-resolves _sipfederationtls._tcp.port.example -> sip.port.example:5062
	PASS srv-exists _sipfederationtls._tcp.dangling.example
	PASS srv-single _sipfederationtls._tcp.dangling.example
	PASS srv-port _sipfederationtls._tcp.dangling.example -> sip.dangling.example:5061
	PASS srv-namespace _sipfederationtls._tcp.dangling.example -> sip.dangling.example:5061
	FAIL srv-target-resolves _sipfederationtls._tcp.dangling.example -> sip.dangling.example:5061
	FAIL srv-exists _sipfederationtls._tcp.none.example
	PASS fed-fqdn-resolves cup.good.example
	FAIL fed-fqdn-srv cup.good.example
	FAIL fed-fqdn-ptr cup.good.example
	EOF
	test_cmp want got &&
	evidence srv-single _sipfederationtls._tcp.multi.example <out | grep "2 records; Microsoft uses only the best (10 50 5061 edge1.multi.example)" &&
	evidence fed-fqdn-ptr cup.good.example <out | grep -x "127.0.61.9 points to imp1.good.example, not to it" &&
	evidence srv-exists _sipfederationtls._tcp.none.example <out | grep NXDOMAIN
'

test_expect_success 'a federation FQDN with no address fails' '
	test_expect_code 1 fc --domains good.example --fed-fqdn nohost.good.example --ca "$PKI/ca.crt" >out &&
	verdicts fed- <out >got &&
	printf "%s\n" "FAIL fed-fqdn-resolves nohost.good.example" "FAIL fed-fqdn-srv nohost.good.example" >want &&
	test_cmp want got
'

cat >routes.csv <<EOF
Destination Pattern,Next Hop,Next Hop Port,Route Type,Protocol Type,Priority,Weight
.example.good,expired.good.example,5061,Domain,TLS,1,10
.example.good,soon.good.example,5061,Domain,TLS,2,10
.example.good,wrongname.good.example,5061,Domain,TLS,3,10
.example.good,noclient.good.example,5061,Domain,TLS,4,10
.example.good,unknownca.good.example,5061,Domain,TLS,5,10
.example.good,dead.good.example,5061,Domain,TLS,6,10
.example.good,ocs.good.example,5070,Domain,TCP,7,10
.example.good,nohost.good.example,5061,Domain,TLS,8,10
EOF

test_expect_success 'each certificate fault fails its own check; a dead host, a TCP route, a name without address' '
	test_expect_code 1 fc --routes routes.csv --ca "$PKI/ca.crt" >out &&
	verdicts host- tcp- tls- sip- <out >got &&
	for h in expired soon wrongname noclient unknownca; do
		for c in host-resolves tcp-connect tls-handshake tls-chain tls-name tls-expiry tls-eku sip-options; do
			v=PASS
			case $h/$c in
			expired/tls-expiry|wrongname/tls-name|noclient/tls-eku|unknownca/tls-chain) v=FAIL ;;
			soon/tls-expiry) v=WARN ;;
			esac
			echo "$v $c $h.good.example:5061"
		done
	done >want &&
	cat >>want <<-EOF &&
	PASS host-resolves dead.good.example:5061
	FAIL tcp-connect dead.good.example:5061
	PASS host-resolves ocs.good.example:5070
	PASS tcp-connect ocs.good.example:5070
	PASS sip-options ocs.good.example:5070
	FAIL host-resolves nohost.good.example:5061
	EOF
	test_cmp want got &&
	evidence tls-expiry expired.good.example:5061 <out | grep "^expired " &&
	evidence tls-expiry soon.good.example:5061 <out | grep "in [0-9] days (under 30)" &&
	evidence tls-name wrongname.good.example:5061 <out | grep "wrongname.good.example is not among .*sip.other.example" &&
	evidence tls-eku noclient.good.example:5061 <out | grep "^client auth missing" &&
	evidence tls-chain unknownca.good.example:5061 <out | grep "unable to get local issuer certificate" &&
	evidence tcp-connect dead.good.example:5061 <out | grep "refused" &&
	evidence sip-options ocs.good.example:5070 <out | grep "^200 OK"
'

test_expect_success 'the chain is judged against --ca: without it our CA is unknown' '
	test_expect_code 1 fc --domains good.example >out &&
	verdicts tls-chain <out >got &&
	echo "FAIL tls-chain sipfed.good.example:5061" >want &&
	test_cmp want got
'

test_expect_success '--expiry-warn moves the WARN line; --strict fails on WARN' '
	printf "%s\n" "Destination Pattern,Next Hop,Next Hop Port,Route Type,Protocol Type,Priority,Weight" \
		".example.good,soon.good.example,5061,Domain,TLS,1,10" \
		".example.good,sipfed.good.example,5061,Domain,TLS,2,10" >soon.csv &&
	test_expect_code 0 fc --routes soon.csv --ca "$PKI/ca.crt" --domains good.example >out &&
	verdicts tls-expiry <out >got &&
	printf "%s\n" "PASS tls-expiry sipfed.good.example:5061" "WARN tls-expiry soon.good.example:5061" >want &&
	test_cmp want got &&
	test_expect_code 1 fc --routes soon.csv --ca "$PKI/ca.crt" --domains good.example --strict >/dev/null &&
	test_expect_code 0 fc --routes soon.csv --ca "$PKI/ca.crt" --domains good.example --strict \
		--expiry-warn 5 >out &&
	verdicts tls-expiry <out >got &&
	printf "%s\n" "PASS tls-expiry sipfed.good.example:5061" "PASS tls-expiry soon.good.example:5061" >want &&
	test_cmp want got
'

test_expect_success 'ten black-hole next hops finish in about one timeout, each a FAIL' '
	{
		echo "Destination Pattern,Next Hop,Next Hop Port,Route Type,Protocol Type,Priority,Weight"
		for i in 1 2 3 4 5 6 7 8 9 10; do
			echo ".example.bh,bh$i.bh.example,$BLACKHOLE_PORT,Domain,TLS,$i,10"
		done
	} >bh.csv &&
	start=$(date +%s%N) &&
	test_expect_code 1 ucmig-fedcheck --routes bh.csv --live --dns "$DNS_SERVER" --probe-timeout 2 \
		--format json >out &&
	ms=$(( ($(date +%s%N) - start) / 1000000 )) &&
	echo "took $ms ms" &&
	test "$ms" -ge 1900 &&
	# (valgrind runs the threads one at a time: no bound on the time there)
	{ test -n "${VALGRIND:-}" || test "$ms" -lt 4500; } &&
	verdicts tls-handshake <out | grep -c "^FAIL tls-handshake bh" >n &&
	echo 10 >want && test_cmp want n &&
	evidence tls-handshake bh1.bh.example:$BLACKHOLE_PORT <out | grep "no answer before the timeout"
'

test_expect_success 'a peer that accepts and never answers the OPTIONS: sip-options FAILs after the timeout' '
	printf "%s\n" "Destination Pattern,Next Hop,Next Hop Port,Route Type,Protocol Type,Priority,Weight" \
		".example.bh,bh1.bh.example,$BLACKHOLE_PORT,Domain,TCP,1,10" >silent.csv &&
	test_expect_code 1 ucmig-fedcheck --routes silent.csv --live --dns "$DNS_SERVER" --probe-timeout 1 \
		--format json >out &&
	verdicts host- tcp- sip- <out >got &&
	printf "%s\n" "PASS host-resolves bh1.bh.example:$BLACKHOLE_PORT" "PASS tcp-connect bh1.bh.example:$BLACKHOLE_PORT" \
		"FAIL sip-options bh1.bh.example:$BLACKHOLE_PORT" >want &&
	test_cmp want got &&
	evidence sip-options bh1.bh.example:$BLACKHOLE_PORT <out | grep -x "no SIP answer: reading: no answer before the timeout"
'

test_expect_success 'SIGTERM during the probes stops the run at once with 143' '
	start=$(date +%s%N)
	ucmig-fedcheck --routes bh.csv --live --dns "$DNS_SERVER" --probe-timeout 20 >out 2>err &
	pid=$!
	sleep 0.5 &&
	kill -TERM $pid &&
	{ wait $pid; rc=$?; } &&
	ms=$(( ($(date +%s%N) - start) / 1000000 )) &&
	echo "exit $rc after $ms ms" &&
	test $rc -eq 143 && test "$ms" -lt 2500 &&
	grep "stopped by SIGTERM" err
'

test_expect_success 'a DNS server that swallows questions: FAIL after the timeout, no hang' '
	start=$(date +%s%N) &&
	test_expect_code 1 ucmig-fedcheck --live --dns 127.0.0.1:$BLACKHOLE_PORT --domains good.example \
		--probe-timeout 1 --format json >out &&
	ms=$(( ($(date +%s%N) - start) / 1000000 )) &&
	echo "took $ms ms" && test "$ms" -ge 900 && test "$ms" -lt 8000 &&
	verdicts srv-exists <out >got &&
	echo "FAIL srv-exists _sipfederationtls._tcp.good.example" >want &&
	test_cmp want got &&
	python3 -c "import json,sys; print(json.load(sys.stdin)[0][\"evidence\"])" <out >ev &&
	grep "no answer from 127.0.0.1:$BLACKHOLE_PORT" ev
'

test_expect_success 'a certificate valid only from 2030 fails tls-expiry; one with client auth only is trusted, and fails tls-eku' '
	printf "%s\n" "Destination Pattern,Next Hop,Next Hop Port,Route Type,Protocol Type,Priority,Weight" \
		".example.good,clientonly.good.example,5061,Domain,TLS,1,10" \
		".example.good,future.good.example,5061,Domain,TLS,2,10" >two-hosts.csv &&
	test_expect_code 1 fc --routes two-hosts.csv --domains good.example --ca "$PKI/ca.crt" >out &&
	verdicts <out >got &&
	grep -Fx "FAIL tls-expiry future.good.example:5061" got &&
	evidence tls-expiry future.good.example:5061 <out | grep "^not valid before 2030-01-01" &&
	grep -Fx "PASS tls-chain clientonly.good.example:5061" got &&
	grep -Fx "FAIL tls-eku clientonly.good.example:5061" got &&
	grep -Fx "PASS tls-chain future.good.example:5061" got
'

test_expect_success 'SRV "0 0 0 ." (RFC 2782: no such service) fails srv-exists, and no host ":0" is probed' '
	test_expect_code 1 fc --domains nosvc.example >out &&
	verdicts <out >got &&
	grep -Fx "FAIL srv-exists _sipfederationtls._tcp.nosvc.example" got &&
	! grep -F "srv-single" got && ! grep -F ":0" got
'

test_expect_success 'a --ca that is missing, a directory or no certificate is 66 before any probe' '
	test_expect_code 66 fc --domains good.example --ca missing.pem 2>err && grep -F "cannot open" err &&
	test_expect_code 66 fc --domains good.example --ca . 2>err && grep -F "not a file of certificates" err &&
	echo garbage >garbage.pem &&
	test_expect_code 66 fc --domains good.example --ca garbage.pem 2>err && grep -F "no certificate in it" err &&
	printf -- "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n" >broken.pem &&
	test_expect_code 66 fc --domains good.example --ca broken.pem 2>err && grep -F "no certificate OpenSSL can read" err
'

test_expect_success 'the text table, the report and the JSON say the same' '
	test_expect_code 0 ucmig-fedcheck --live --dns "$DNS_SERVER" --ca "$PKI/ca.crt" --domains good.example \
		--report report.csv >table 2>summary &&
	head -1 table | grep "^VERDICT CHECK" &&
	test $(($(wc -l <table) - 1)) -eq 14 &&
	head -1 report.csv | grep -Fx "key,action,result,detail$(printf "\r")" &&
	test $(($(wc -l <report.csv) - 1)) -eq 14 &&
	grep -x "ucmig-fedcheck: 14 checks: 14 pass" summary &&
	grep "^sipfed.good.example:5061,tls-eku,pass,server auth and client auth" report.csv
'

test_expect_success 'usage errors: 64, nothing asked' '
	test_expect_code 64 ucmig-fedcheck --live --dns nowhere --domains good.example &&
	test_expect_code 64 ucmig-fedcheck --dns "$DNS_SERVER" --routes routes.csv &&
	test_expect_code 64 ucmig-fedcheck --live &&
	test_expect_code 64 ucmig-fedcheck --live --domains "bad domain" &&
	test_expect_code 64 ucmig-fedcheck --live --domains good.example --probe-timeout 0 &&
	test_expect_code 64 ucmig-fedcheck
'

test_done
