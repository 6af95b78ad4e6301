#!/bin/sh
# ucmig-fedcheck without the network: IM and Presence static routes and
# Expressway search rules, each check with a passing and a failing case,
# the verdicts compared exactly; malformed files are 65 with their line
# and nothing else.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/fedcheck-lib.sh"

HEADER="Destination Pattern,Next Hop,Next Hop Port,Route Type,Protocol Type,Priority,Weight"
RULES_HEADER="Name,Priority,Source,Mode,Pattern type,Pattern string,Target,State"

fc() {
	ucmig-fedcheck --format json "$@"
}

test_expect_success 'a good route set: every check passes, exit 0' '
	printf "%s\n" "$HEADER" \
		".com.example,fe1.example.com,5061,Domain,TLS,1,10" \
		".com.example,fe2.example.com,5061,Domain,TLS,2,10" \
		".net.example.*,expc.example.com,5061,Domain,TLS,1,10" >routes.csv &&
	test_expect_code 0 fc --routes routes.csv --domains example.com >out &&
	verdicts <out >got &&
	cat >want <<-EOF &&
	PASS route-syntax line 2 .com.example
	PASS route-reversed line 2 .com.example
	PASS route-type line 2 .com.example
	PASS route-transport line 2 .com.example
	PASS route-syntax line 3 .com.example
	PASS route-reversed line 3 .com.example
	PASS route-type line 3 .com.example
	PASS route-transport line 3 .com.example
	PASS route-syntax line 4 .net.example.*
	PASS route-reversed line 4 .net.example.*
	PASS route-type line 4 .net.example.*
	PASS route-shadowed all routes
	PASS domain-covered example.com
	PASS route-backup example.com
	EOF
	test_cmp want got &&
	evidence route-backup example.com <out >ev &&
	echo "primary fe1.example.com:5061 (priority 1), backup fe2.example.com:5061 (priority 2, line 3)" >want &&
	test_cmp want ev
'

test_expect_success 'a forward pattern FAILs with the reversed one; a User route, TCP 5060, UDP, no backup' '
	printf "%s\n" "$HEADER" \
		".example.com,fe1.example.com,5061,Domain,TLS,1,10" \
		".com.msexample,fe1.msexample.com,5060,User,TCP,1,10" \
		".org.other,fe1.other.org,5060,Domain,UDP,1,10" \
		".partner.example.net.*,expc.example.com,5061,Domain,TLS,1,10" >routes.csv &&
	test_expect_code 1 fc --routes routes.csv --domains example.com,msexample.com,other.org >out &&
	verdicts <out >got &&
	cat >want <<-EOF &&
	PASS route-syntax line 2 .example.com
	FAIL route-reversed line 2 .example.com
	PASS route-type line 2 .example.com
	PASS route-syntax line 3 .com.msexample
	PASS route-reversed line 3 .com.msexample
	FAIL route-type line 3 .com.msexample
	WARN route-transport line 3 .com.msexample
	PASS route-syntax line 4 .org.other
	PASS route-reversed line 4 .org.other
	PASS route-type line 4 .org.other
	FAIL route-transport line 4 .org.other
	PASS route-syntax line 5 .partner.example.net.*
	FAIL route-reversed line 5 .partner.example.net.*
	PASS route-type line 5 .partner.example.net.*
	PASS route-shadowed all routes
	FAIL domain-covered example.com
	PASS domain-covered msexample.com
	WARN route-backup msexample.com
	PASS domain-covered other.org
	WARN route-backup other.org
	EOF
	test_cmp want got &&
	evidence route-reversed "line 2 .example.com" <out | grep -x "written forward: .example.com reads as the domain example.com; write .com.example" &&
	evidence route-reversed "line 5 .partner.example.net.*" <out | grep "write .net.example.partner.\*$" &&
	evidence route-transport "line 3 .com.msexample" <out | grep "only OCS accepts it" &&
	evidence route-transport "line 4 .org.other" <out | grep -x "UDP on 5060 to fe1.other.org: toward Microsoft use TLS on 5061" &&
	evidence domain-covered example.com <out | grep -x "no route matches .com.example"
'

test_expect_success 'shadowed routes: the same route twice, and a pattern as specific that wins first' '
	printf "%s\n" "$HEADER" \
		".com.example,fe1.example.com,5061,Domain,TLS,2,10" \
		".com.exampl.,fe9.example.com,5061,Domain,TLS,1,10" \
		".com.example,fe1.example.com,5061,Domain,TLS,3,10" \
		".com.example.*,expc.example.com,5061,Domain,TLS,1,10" >routes.csv &&
	test_expect_code 1 fc --routes routes.csv --domains example.com >out &&
	verdicts <out | grep route-shadowed >got &&
	printf "%s\n" "FAIL route-shadowed line 2 .com.example" "FAIL route-shadowed line 4 .com.example" >want &&
	test_cmp want got &&
	evidence route-shadowed "line 2 .com.example" <out | grep -x "line 3 (.com.exampl., priority 1) matches its destinations first: never used" &&
	evidence route-shadowed "line 4 .com.example" <out | grep -x "the same pattern, next hop and port as line 2: never used"
'

test_expect_success 'pattern syntax: characters, escapes and length' '
	long=$(printf ".com.%0251d" 0) &&
	printf "%s\n" "$HEADER" \
		".com.ex_ample\\*,a,5061,Domain,TLS,1,10" \
		".com.exa\$ple,a,5061,Domain,TLS,1,10" \
		".com.ex\\ample,a,5061,Domain,TLS,1,10" \
		"$long,a,5061,Domain,TLS,1,10" >routes.csv &&
	test_expect_code 1 fc --routes routes.csv >out &&
	verdicts <out | grep route-syntax >got &&
	cat >want <<-EOF &&
	PASS route-syntax line 2 .com.ex_ample\\*
	FAIL route-syntax line 3 .com.exa\$ple
	FAIL route-syntax line 4 .com.ex\\ample
	FAIL route-syntax line 5 $long
	EOF
	test_cmp want got &&
	evidence route-syntax "line 3 .com.exa\$ple" <out | grep -x "a character patterns do not have (character 9)" &&
	evidence route-syntax "line 5 $long" <out | grep "longer than 255"
'

test_expect_success 'columns are found by name: extra ones ignored, any order, CRLF and a BOM' '
	printf "\357\273\277Priority,Weight,Description,Destination Pattern,Protocol Type,Route Type,Next Hop Port,Next Hop\r\n1,10,FE one,.com.example,TLS,Domain,5061,fe1.example.com\r\n" >routes.csv &&
	test_expect_code 0 fc --routes routes.csv --domains example.com >out &&
	evidence domain-covered example.com <out | grep -x "line 2: .com.example to fe1.example.com:5061 TLS"
'

test_expect_success 'Expressway rules: a regex that does not compile, an unescaped dot, the FQDN rule' '
	printf "%s\n" "$RULES_HEADER" \
		"To Lync,100,Any,Alias pattern match,Regex,.*@msexample.com,Lync zone,Enabled" \
		"To Lync escaped,101,Any,Alias pattern match,Regex,.*@msexample\\.com,Lync zone,Enabled" \
		"Broken,102,Any,Alias pattern match,Regex,.*@(msexample,Lync zone,Enabled" \
		"Digits,103,Any,Alias pattern match,Regex,(?:\\d{4})@example\\.com,CUCM,Enabled" \
		"Old NOTIFY,40,Any,Alias pattern match,Regex,.*cup\\.example\\.com.*,Old zone,Disabled" \
		"NOTIFY,50,Any,Alias pattern match,Regex,.*cup\\.example\\.com.*,IMP zone,Enabled" \
		"Prefix,60,Any,Alias pattern match,Prefix,sip:,Somewhere,Enabled" >rules.csv &&
	test_expect_code 1 fc --expressway rules.csv --fed-fqdn cup.example.com >out &&
	verdicts <out >got &&
	cat >want <<-EOF &&
	PASS rule-regex line 2 To Lync
	WARN rule-dots line 2 To Lync
	PASS rule-regex line 3 To Lync escaped
	PASS rule-dots line 3 To Lync escaped
	FAIL rule-regex line 4 Broken
	PASS rule-regex line 5 Digits
	PASS rule-dots line 5 Digits
	PASS rule-regex line 6 Old NOTIFY
	PASS rule-dots line 6 Old NOTIFY
	PASS rule-regex line 7 NOTIFY
	PASS rule-dots line 7 NOTIFY
	PASS rule-fed-fqdn cup.example.com
	EOF
	test_cmp want got &&
	evidence rule-dots "line 2 To Lync" <out | grep -Fx "unescaped '"'"'.'"'"' in a domain matches any character: write .*@msexample\\.com" &&
	evidence rule-fed-fqdn cup.example.com <out | grep -x "rule '"'"'NOTIFY'"'"' (line 7, priority 50) sends it to IMP zone" &&
	test_expect_code 1 fc --expressway rules.csv --fed-fqdn imp.example.com >out &&
	evidence rule-fed-fqdn imp.example.com <out | grep -F "add .*imp\\.example\\.com.* toward"
'

test_expect_success '--strict: a WARN fails the run' '
	printf "%s\n" "$HEADER" ".com.example,fe1.example.com,5061,Domain,TLS,1,10" >routes.csv &&
	test_expect_code 0 ucmig-fedcheck --routes routes.csv --domains example.com >out 2>err &&
	grep -x "ucmig-fedcheck: 7 checks: 6 pass, 1 warn" err &&
	grep "^WARN    route-backup" out &&
	test_expect_code 1 ucmig-fedcheck --routes routes.csv --domains example.com --strict >out
'

# bad FILE-CONTENT MESSAGE...: 65, the message, nothing on stdout.
bad_routes() {
	printf "%s\n" "$1" >bad.csv &&
	test_expect_code 65 ucmig-fedcheck --routes bad.csv --domains example.com >out 2>err &&
	test_must_be_empty_out &&
	grep -F "$2" err
}
test_must_be_empty_out() { test ! -s out; }

test_expect_success 'malformed route files: 65 with file and line, nothing checked' '
	bad_routes "Destination Pattern,Next Hop,Port" "bad.csv:1: not a static route export: the header has no column '"'"'Next Hop Port'"'"'" &&
	bad_routes "$HEADER
.com.example,fe1,65536,Domain,TLS,1,10" "bad.csv:2: Next Hop Port '"'"'65536'"'"' is not a whole number from 1 to 65535" &&
	bad_routes "$HEADER
.com.example,fe1,5061,Domain,TLS,0,10" "bad.csv:2: Priority '"'"'0'"'"' is not a whole number from 1 to 65535" &&
	bad_routes "$HEADER
.com.example,fe1,5061,Domain,TLS,1,10
.com.example,fe1,5061,Domian,TLS,2,10" "bad.csv:3: Route Type '"'"'Domian'"'"' is not Domain or User" &&
	bad_routes "$HEADER
.com.example,fe1,5061,Domain,SCTP,1,10" "bad.csv:2: Protocol Type '"'"'SCTP'"'"' is not TLS, TCP or UDP" &&
	bad_routes "$HEADER
,fe1,5061,Domain,TLS,1,10" "bad.csv:2: Destination Pattern is empty" &&
	bad_routes "$HEADER,Priority
.com.example,fe1,5061,Domain,TLS,1,10,1" "bad.csv:1: column '"'"'Priority'"'"' appears twice in the header" &&
	: >bad.csv && test_expect_code 65 ucmig-fedcheck --routes bad.csv 2>err && grep "empty: no header" err &&
	test_expect_code 66 ucmig-fedcheck --routes missing.csv
'

test_expect_success 'malformed search rules: 65 with file and line' '
	printf "%s\n" "$RULES_HEADER" "R,100,Any,Alias match,Regex,x,T,Enabled" >bad.csv &&
	test_expect_code 65 ucmig-fedcheck --expressway bad.csv >out 2>err && test ! -s out &&
	grep -F "bad.csv:2: Mode '"'"'Alias match'"'"' is not '"'"'Any alias'"'"', '"'"'Alias pattern match'"'"' or '"'"'Any IP address'"'"'" err &&
	printf "%s\n" "$RULES_HEADER" "R,0,Any,Any alias,,,T,Enabled" >bad.csv &&
	test_expect_code 65 ucmig-fedcheck --expressway bad.csv 2>err &&
	grep -F "bad.csv:2: Priority '"'"'0'"'"' is not a whole number from 1 to 65534" err &&
	printf "%s\n" "$RULES_HEADER" "R,1,Any,Alias pattern match,Regex,,T,Enabled" >bad.csv &&
	test_expect_code 65 ucmig-fedcheck --expressway bad.csv 2>err &&
	grep -F "bad.csv:2: Pattern string is empty" err
'

test_expect_success 'the JSON is one array of objects, the same findings as the table' '
	printf "%s\n" "$HEADER" ".com.example,fe1.example.com,5061,Domain,TLS,1,10" >routes.csv &&
	ucmig-fedcheck --routes routes.csv --domains example.com --format json >out.json &&
	ucmig-fedcheck --routes routes.csv --domains example.com >out.txt &&
	python3 -c "
import json, sys
a = json.load(open(\"out.json\"))
assert all(sorted(f) == [\"check\", \"evidence\", \"subject\", \"verdict\"] for f in a)
print(len(a))" >n &&
	echo $(($(wc -l <out.txt) - 1)) >want && test_cmp want n
'

test_expect_success 'usage: nothing to check, operands, bad lists and formats are 64' '
	test_expect_code 64 ucmig-fedcheck &&
	test_expect_code 64 ucmig-fedcheck routes.csv &&
	test_expect_code 64 ucmig-fedcheck --routes routes.csv --domains "a..b" &&
	test_expect_code 64 ucmig-fedcheck --routes routes.csv --format xml &&
	test_expect_code 64 ucmig-fedcheck --routes routes.csv --fed-fqdn "-bad-" &&
	test_expect_code 64 ucmig-fedcheck --routes routes.csv --ca ca.pem
'

test_expect_success 'a backup to the same next hop is no backup; a domain'\''s labels scrambled are not its reversal' '
	printf "%s\n" "$HEADER" ".uk.co.example,fe1.example.com,5061,Domain,TLS,1,10" \
		".uk.co.example,fe1.example.com,5061,Domain,TLS,2,10" \
		".co.uk.example,fe2.example.com,5061,Domain,TLS,1,10" >same.csv &&
	test_expect_code 1 fc --routes same.csv --domains example.co.uk >out &&
	verdicts <out >got &&
	grep -Fx "WARN route-backup example.co.uk" got &&
	grep -Fx "FAIL route-reversed line 4 .co.uk.example" got &&
	grep -Fx "PASS route-reversed line 2 .uk.co.example" got
'

test_expect_success 'a route row of another width than the header, or a next hop that is no host, is 65 with its line' '
	printf "%s\n" "$HEADER" ".com.example,fe1.example.com,5061,Domain,TLS,1,10,extra" >eight.csv &&
	test_expect_code 65 fc --routes eight.csv 2>err && grep -F "eight.csv:2: 8 fields where the header has 7" err &&
	printf "%s\n" "$HEADER" ".com.example,fe1.example.com,5061,Domain,TLS,1" >six.csv &&
	test_expect_code 65 fc --routes six.csv 2>err && grep -F "six.csv:2: 6 fields where the header has 7" err &&
	printf "%s\n" "$HEADER" ".com.example,fe1 evil,5061,Domain,TLS,1,10" >evil.csv &&
	test_expect_code 65 fc --routes evil.csv 2>err && grep -F "evil.csv:2: Next Hop '\''fe1 evil'\'' is not a host name" err
'

test_expect_success 'findings to a full standard output are 74, not 0' '
	printf "%s\n" "$HEADER" ".com.example,fe1.example.com,5061,Domain,TLS,1,10" >full.csv &&
	test_expect_code 74 ucmig-fedcheck --routes full.csv --domains example.com >/dev/full 2>err &&
	grep -F "standard output: cannot write" err
'

test_done
