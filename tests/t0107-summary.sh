#!/bin/sh
# --summary FILE: every tool writes what the run was and how it ended as
# JSON, when it succeeds, fails, is refused or is stopped; its counts are
# the report's; no secret is in it; and it never replaces a file that is
# not an earlier summary.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/blackhole.sh"

ZIP=$EXAMPLES/ExportedUserData.zip
ROUTES_HEADER="Destination Pattern,Next Hop,Next Hop Port,Route Type,Protocol Type,Priority,Weight"

# A summary's field, or "results" as "token count" lines, sorted.
field() {
	/usr/bin/python3 -c 'import json, sys
s = json.load(open(sys.argv[1]))
v = s[sys.argv[2]]
if isinstance(v, dict) and sys.argv[2] == "results":
    for k in sorted(v): print(k, v[k])
elif isinstance(v, dict): print(v["status"], v["meaning"])
elif isinstance(v, list): print("\n".join(x if isinstance(x, str) else x["what"] + " " + x["path"] for x in v))
else: print(v)' "$1" "$2"
}

# The report's results counted, as "token count" lines, sorted.
report_counts() {
	tail -n +2 "$1" | /usr/bin/python3 -c 'import csv, sys, collections
c = collections.Counter(row[2] for row in csv.reader(sys.stdin))
for k in sorted(c): print(k, c[k])'
}

test_setup 'inputs' '
	printf "sip:alice@example.com\nsip:nobody@example.com\n" >users.txt &&
	printf "ann,example.com,bob,example.com,,Contacts\nann,example.com,ann,example.com,,Contacts\n" >rows.csv &&
	printf "Contact ID,New Contact ID\nbob@example.com,robert@example.com\n" >map.csv &&
	printf "%s\n" "$ROUTES_HEADER" ".com.example,fe1.example.com,5061,Domain,TLS,1,10" >routes.csv
'

test_expect_success 'export: the summary is valid JSON, 0600, with the exit and the report'\''s counts' '
	test_expect_code 1 ucmig-export --userdata "$ZIP" -o out.csv --report rep.csv --summary s.json users.txt 2>err &&
	test "$(stat -c %a s.json)" = 600 &&
	test "$(field s.json tool)" = ucmig-export &&
	test "$(field s.json exit)" = "1 ran to the end, some records failed (see the report)" &&
	report_counts rep.csv >want && field s.json results >got && test_cmp want got &&
	grep -F "not-found 1" got &&
	test "$(field s.json report)" = rep.csv &&
	field s.json outputs | grep -Fx -- "-o out.csv" &&
	field s.json summary | grep -F "1 not found" &&
	field s.json started | grep -E "^20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9:]{8}Z$"
'

test_expect_success 'import, rename and fedcheck: each writes one, its counts the report'\''s' '
	ucmig-import --bat plan --report irep.csv --summary i.json rows.csv >/dev/null 2>&1 &&
	report_counts irep.csv >want && field i.json results >got && test_cmp want got &&
	test "$(field i.json exit)" = "0 everything succeeded" &&
	ucmig-rename --map map.csv --report rrep.csv --summary r.json rows.csv >/dev/null 2>&1 &&
	report_counts rrep.csv >want && field r.json results >got && test_cmp want got &&
	ucmig-fedcheck --routes routes.csv --domains example.com --report frep.csv --summary f.json >/dev/null 2>&1
	report_counts frep.csv >want && field f.json results >got && test_cmp want got &&
	test "$(field f.json tool)" = ucmig-fedcheck
'

test_expect_success 'disable and delete that cannot reach their server: 69, said in the summary' '
	test_expect_code 69 ucmig-disable -H ldap://127.0.0.1:9 --insecure -n --summary d.json users.txt 2>err &&
	test "$(field d.json exit)" = "69 server unreachable" &&
	test_expect_code 69 env UCMIG_DB_PASSWORD=x ucmig-delete -n --no-backup --skip-ad-check --min-age 0 --db-host 127.0.0.1 \
		--db-port 9 --db-user sa --summary del.json users.txt 2>err &&
	test "$(field del.json exit)" = "69 server unreachable"
'

test_expect_success 'a usage error still leaves its summary: 64' '
	test_expect_code 64 ucmig-import --summary u.json rows.csv 2>err &&
	test "$(field u.json exit)" = "64 bad command line"
'

test_setup 'a server that never answers' '
	blackhole_start "$PWD/bh"
'
test_on_exit blackhole_stop "$PWD/bh"

test_expect_success 'a run stopped by SIGTERM: 143 in the summary' '
	ucmig-disable -H "ldap://127.0.0.1:$BLACKHOLE_PORT" --insecure --timeout 30 -n --summary t.json \
		users.txt 2>err &
	pid=$! &&
	sleep 1 && kill -TERM $pid && { wait $pid; test $? -eq 143; } &&
	test "$(field t.json exit)" = "143 stopped by SIGTERM: run the same command again to finish"
'

test_expect_success 'no secret: the credentials of a URL are replaced' '
	test_expect_code 64 env UCMIG_XMPP_PASSWORD=Xs3cret ucmig-import --xmpp "http://admin:Ps3cret@127.0.0.1:9/api" \
		--xmpp-user admin@example.com --journal j --summary x.json rows.csv 2>err &&
	field x.json argv | grep -Fx "http://***@127.0.0.1:9/api" &&
	! grep -F s3cret x.json
'

test_expect_success 'never replaces what is not a summary: an input (64), or anything before the checks (73)' '
	cp users.txt keep.txt &&
	test_expect_code 64 ucmig-disable -H ldap://127.0.0.1:9 --insecure -n --summary users.txt users.txt 2>err &&
	grep -F -- "--summary" err && test_cmp keep.txt users.txt &&
	test_expect_code 64 ucmig-import --summary users.txt --no-such-option rows.csv 2>err &&
	grep -F "is no ucmig summary; not replaced" err && test_cmp keep.txt users.txt
'

test_expect_success 'an earlier summary is replaced; --help writes none' '
	test_expect_code 64 ucmig-import --summary again.json rows.csv 2>/dev/null &&
	test_expect_code 64 ucmig-import --bat "" --summary again.json rows.csv 2>/dev/null &&
	test "$(field again.json exit)" = "64 bad command line" &&
	ucmig-import --help --summary help.json >/dev/null && ! test -e help.json
'

test_done
