#!/bin/sh
# ucmig-rename --map-from-ldap against the test slapd (an AD look-alike
# whose migrator account gets 500 entries a search unless it pages): the
# map written is compared exactly, and is a map --map takes.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
test_on_exit slapd_stop

mapgen() {
	ucmig-rename --map-from-ldap -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" "$@"
}

test_setup 'slapd with 1,200 users and six more that make trouble' '
	slapd_setup "$TRASH/ldap" && slapd_add_users 1200 &&
	{
		user_ldif alpha sip:alpha@example.com TRUE | sed "s/^mail: .*/mail: shared@example.com/"
		user_ldif beta sip:beta@example.com TRUE | sed "s/^mail: .*/mail: shared@example.com/"
		user_ldif gamma sip:gamma@example.com FALSE | sed "s/^mail: .*/mail: delta@example.com/"
		user_ldif delta sip:delta@example.com FALSE | sed "s/^mail: .*/mail: epsilon@example.com/"
		user_ldif nomail sip:nomail@example.com TRUE | sed "/^mail: /d"
		user_ldif twin1 sip:twin@example.com TRUE
		user_ldif twin2 sip:twin@example.com TRUE
		printf "dn: ou=Remote,ou=Users,dc=example,dc=com\nobjectClass: referral\nobjectClass: extensibleObject\nou: Remote\nref: ldap://dc1.other.example/ou=Users,dc=other,dc=example\n\n"
	} >more.ldif && slapd_add_ldif more.ldif && slapd_start
'

test_expect_success '1,200 users, paged: userid@domain for each, a valid BAT rename file, 0600' '
	seq -f "sip:user%05g@example.com" 1 1200 >users.txt &&
	mapgen --im-address userid --domains corp.example.com -o map.csv --report rep.csv users.txt 2>err &&
	{ printf "Contact ID,New Contact ID\r\n"; seq -f "user%05g" 1 1200 | awk "{ printf \"%s@example.com,%s@corp.example.com\r\n\", \$1, \$1 }"; } >expect &&
	test_cmp expect map.csv && test "$(stat -c %a map.csv)" = 600 &&
	grep -F "1200 users: 1200 in the map" err &&
	grep -F "sip:user00001@example.com,map,mapped,user00001@example.com -> user00001@corp.example.com" rep.csv
'

test_expect_success 'the map it wrote is one --map takes' '
	printf "carl,example.com,user00007,example.com,U7,G\r\n" >rows.csv &&
	ucmig-rename --map map.csv rows.csv >out.csv 2>err &&
	printf "carl,example.com,user00007,corp.example.com,U7,G\r\n" >expect &&
	test_cmp expect out.csv
'

test_expect_success 'users whose old and new IDs are equal are left out (mail here)' '
	mapgen --im-address mail -o same.csv --report same.rep users.txt 2>err &&
	printf "Contact ID,New Contact ID\r\n" >expect && test_cmp expect same.csv &&
	grep -F "1200 users: 0 in the map; 1200 unchanged" err &&
	grep -F "sip:user00002@example.com,map,unchanged,user00002@example.com -> user00002@example.com" same.rep
'

test_expect_success 'conflicts, chains, no attribute, ambiguous, not found: left out and reported (exit 1)' '
	printf "sip:alpha@example.com\nsip:beta@example.com\nsip:gamma@example.com\nsip:delta@example.com\nsip:nomail@example.com\nsip:twin@example.com\nsip:ghost@example.com\nsip:user00003@example.com\n" >trouble.txt &&
	test_expect_code 1 mapgen --im-address mail -o t.csv --report t.rep trouble.txt 2>err &&
	printf "Contact ID,New Contact ID\r\n" >expect && test_cmp expect t.csv &&
	grep -F "8 users: 0 in the map; 1 unchanged, 1 not found, 1 ambiguous, 1 without the attribute, 4 conflict" err &&
	grep -F "sip:alpha@example.com,map,conflict,alpha@example.com -> shared@example.com: another user gets the same new ID" t.rep &&
	grep -F "sip:gamma@example.com,map,conflict,gamma@example.com -> delta@example.com: the new ID is another user" t.rep &&
	grep -F "sip:nomail@example.com,map,no-attribute,no mail" t.rep &&
	grep -F "sip:ghost@example.com,map,not-found" t.rep
'

test_expect_success 'a referral in the searched tree is reported, not followed' '
	mapgen --im-address userid --domains corp.example.com -o ref.csv trouble.txt 2>ref.err;
	grep -F "the search continues at ldap://dc1.other.example/ou=Users,dc=other,dc=example" ref.err && grep -F "(a referral, not followed)" ref.err
'

test_expect_success 'usage: --im-address missing or unknown, userid without --domain, DN: lines' '
	test_expect_code 64 mapgen -o x.csv users.txt 2>err && grep -F "give --im-address" err &&
	test_expect_code 64 mapgen --im-address upn -o x.csv users.txt 2>err &&
	test_expect_code 64 mapgen --im-address userid -o x.csv users.txt 2>err && grep -F "give --domain" err &&
	echo "DN: ou=Users,dc=example,dc=com" >dn.txt &&
	test_expect_code 64 mapgen --im-address mail -o x.csv dn.txt 2>err && grep -F "DN: lines" err &&
	! test -e x.csv
'

test_expect_success 'a wrong bind password: 77, no map' '
	printf "nope\n" >bad.pw &&
	test_expect_code 77 ucmig-rename --map-from-ldap -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y bad.pw \
		--im-address mail -o never.csv users.txt 2>err &&
	! test -e never.csv
'

test_done
