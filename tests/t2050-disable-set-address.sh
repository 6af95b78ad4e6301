#!/bin/sh
# ucmig-disable --set-address against a real slapd: IM and Presence-only
# users get msRTCSIP-PrimaryUserAddress and nothing else; users with one
# are left alone; duplicates in the batch and addresses another entry
# carries are refused before any change; verify, undo, DN:, userid, the
# IM and Presence export. The directory is read back after every run.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
. "$TEST_DIRECTORY/lib-disable.sh"
test_on_exit slapd_stop

USERS=ou=Users,dc=example,dc=com
IMP=ou=IMP,$USERS

# An IM and Presence-only user: imp_ldif CN MAIL [ACCOUNT] [ADDRESS]
imp_ldif() {
	printf 'dn: cn=%s,%s\nobjectClass: user\ncn: %s\nsn: %s\nsAMAccountName: %s\nmail: %s\n' \
		"$1" "$IMP" "$1" "$1" "${3:-$1}" "$2"
	[ -n "$4" ] && printf 'msRTCSIP-PrimaryUserAddress: %s\n' "$4"
	echo
}

{
	imp_ldif hasaddr hasaddr@example.com '' 'sip:old.hasaddr@example.com'
	imp_ldif dupa dup@example.com
	imp_ldif dupb dup@example.com
	imp_ldif taken taken@example.com
	user_ldif squatter 'sip:taken@example.com' TRUE
	imp_ldif caseuser 'Case.User@Example.COM'
	imp_ldif jdoe john.doe@example.com jdoe
	imp_ldif nomail '' nomail
	# A contact (not a user object) sharing a user's mail: not a duplicate.
	printf 'dn: cn=ext,%s\nobjectClass: inetOrgPerson\ncn: ext\nsn: ext\nmail: imp00001@example.com\n\n' "$USERS"
} | sed '/^mail: $/d' >special.ldif

test_setup 'slapd with 10 SIP users, 8 IM and Presence-only users and the special cases' '
	slapd_setup "$TRASH/ldap" && slapd_add_users 10 && slapd_add_imp_users 8 &&
	slapd_add_ldif special.ldif && slapd_start && address_state >before &&
	test "$(wc -l <before)" -eq 26 && test "$(grep -c " -\$" before)" -eq 14
'

sa() { dis --set-address "$@"; }
seq -f "imp%05g@example.com" 1 5 >five.txt

test_expect_success 'bad input exits before the directory is touched (64, 65)' '
	printf "imp00001@example.com\nsip@chuck@example.com\n" >bad.txt &&
	test_expect_code 65 sa bad.txt 2>err && grep -F "bad.txt:2: malformed SIP URI" err &&
	test_expect_code 64 sa --im-address userid five.txt 2>err && grep -F "needs --domains" err &&
	test_expect_code 64 sa --im-address upn five.txt 2>err && grep -F "mail or userid" err &&
	test_expect_code 64 dis --im-address mail five.txt 2>err && grep -F "goes with --set-address" err &&
	printf "jdoe@example.com\nimp00001@example.org\n" >otherdomain.txt &&
	test_expect_code 65 sa --im-address userid --domains example.com otherdomain.txt 2>err &&
	grep -F "otherdomain.txt:2: sip:imp00001@example.org is not in example.com" err &&
	address_state >after && test_cmp before after && test ! -e five.txt.set-address.journal
'

test_expect_success 'dry run changes nothing and says what a real run would do' '
	sa -n five.txt 2>err &&
	grep -F "5 users: 5 would get an address (dry run: nothing changed)" err &&
	address_state >after && test_cmp before after && test ! -e five.txt.set-address.journal
'

test_expect_success 'five users get sip: + their mail and nothing else changes' '
	ldap_entry cn=imp00001,$IMP >entry-before &&
	sa --report rep.csv five.txt 2>err &&
	grep -F "5 users: 5 address set; journal rep.csv.set-address.journal" err &&
	address_state >after &&
	awk "{ if (\$1 ~ /^cn=imp0000[1-5],/) \$2 = \"sip:\" substr(\$1, 4, 8) \"@example.com\"; print }" before >expect &&
	test_cmp expect after &&
	ldap_entry cn=imp00001,$IMP >entry-after &&
	{ cat entry-before; echo "msRTCSIP-PrimaryUserAddress: sip:imp00001@example.com"; } | sort >expect &&
	test_cmp expect entry-after &&
	! grep -i "msRTCSIP-UserEnabled" entry-after &&
	head -1 rep.csv.set-address.journal | grep -Fx "#ucmig-journal 1 ucmig-disable --set-address" &&
	test "$(grep -c "^begin" rep.csv.set-address.journal)" -eq 5 &&
	test "$(grep -c "^done" rep.csv.set-address.journal)" -eq 5 &&
	grep -F "sip:imp00003@example.com,set-address,address-set,\"sip:imp00003@example.com on cn=imp00003,$IMP\"" rep.csv
'

test_expect_success 'Microsoft'"'"'s address book search finds each of them, and only them' '
	for i in 1 2 3 4 5; do
		echo "cn=imp0000$i,$IMP" >expect &&
		address_holders "sip:imp0000$i@example.com" >found && test_cmp expect found || exit 1
	done
'

test_expect_success 'again with the journal: nobody touched; verify: exit 0' '
	sa --report rep2.csv --journal rep.csv.set-address.journal five.txt 2>err &&
	grep -F "5 users: 5 address set earlier (journal)" err &&
	test "$(grep -c "^begin" rep.csv.set-address.journal)" -eq 5 &&
	sa --verify five.txt 2>err && grep -F "5 users: 5 verified address" err
'

test_expect_success 'verify: exit 1 naming users without their address' '
	printf "imp00001@example.com\nimp00006@example.com\nghost@example.com\nhasaddr@example.com\n" >mix.txt &&
	test_expect_code 1 sa --verify mix.txt --report v.csv 2>err &&
	grep -F "4 users: 1 not found, 1 verified address, 1 without an address, 1 other address" err &&
	grep -F "sip:imp00006@example.com,verify-address,no-address" v.csv &&
	grep -F "sip:hasaddr@example.com,verify-address,other-address" v.csv
'

test_expect_success 'users with an address are left alone, whatever it is (has-address)' '
	printf "hasaddr@example.com\nuser00001@example.com\n" >have.txt &&
	sa --report have.csv have.txt 2>err &&
	grep -F "2 users: 2 with an address already" err &&
	grep -F "sip:hasaddr@example.com,set-address,has-address,sip:old.hasaddr@example.com" have.csv &&
	address_state >after2 && test_cmp after after2
'

cp after state-now

test_expect_success 'a duplicate in the batch and a taken address: refused, nothing written at all' '
	printf "imp00006@example.com\ndup@example.com\ntaken@example.com\nimp00001@example.com\n" >dups.txt &&
	test_expect_code 1 sa --report dups.csv --rejects dups.rej dups.txt 2>err &&
	grep -F "2 users cannot be given an address; nothing was changed" err &&
	grep -F "4 users: 1 not attempted, 1 with an address already, 1 duplicate in batch, 1 address taken" err &&
	{ grep -F "sip:dup@example.com,set-address,same-address,\"cn=dupa,$IMP and cn=dupb,$IMP would both get sip:dup@example.com; neither was changed\"" dups.csv ||
	  grep -F "sip:dup@example.com,set-address,same-address,\"cn=dupb,$IMP and cn=dupa,$IMP would both get sip:dup@example.com; neither was changed\"" dups.csv; } &&
	grep -F "sip:taken@example.com,set-address,address-taken,\"cn=squatter,$USERS already carries sip:taken@example.com\"" dups.csv &&
	address_state >after && test_cmp state-now after &&
	printf "sip:imp00006@example.com\nsip:dup@example.com\nsip:taken@example.com\n" >expect &&
	test_cmp expect dups.rej
'

test_expect_success 'with -c the others get theirs; the refused ones still nothing' '
	test_expect_code 1 sa -c --report dupsc.csv dups.txt 2>err &&
	grep -F "4 users: 1 address set, 1 with an address already, 1 duplicate in batch, 1 address taken" err &&
	address_state >after &&
	sed "s|^\(cn=imp00006,[^ ]*\) -\$|\1 sip:imp00006@example.com|" state-now >expect &&
	test_cmp expect after
'

test_expect_success 'a mail in capitals: the address keeps its user part, the host in lowercase' '
	echo case.user@example.com >case.txt &&
	sa case.txt 2>err && grep -F "1 user: 1 address set" err &&
	grep -Fx "cn=caseuser,$IMP sip:Case.User@example.com" <<-EOF
	$(address_state)
	EOF
'

test_expect_success 'undo removes exactly the values it added, and only where unchanged since' '
	ldapmodify -x -H "$SLAPD_URI" -D "$SLAPD_ROOTDN" -w "$SLAPD_ROOTPW" >/dev/null <<-EOF &&
	dn: cn=imp00002,$IMP
	changetype: modify
	replace: msRTCSIP-PrimaryUserAddress
	msRTCSIP-PrimaryUserAddress: sip:someone.else@example.com
	EOF
	address_state >pre-undo &&
	test_expect_code 1 sa -n --undo rep.csv.set-address.journal 2>err &&
	grep -F "5 users: 4 address would be removed, 1 changed since" err &&
	address_state >after && test_cmp pre-undo after &&
	test_expect_code 1 sa --undo rep.csv.set-address.journal 2>err &&
	grep -F "5 users: 4 not attempted, 1 changed since" err &&
	address_state >after && test_cmp pre-undo after &&
	test_expect_code 1 sa -c --undo rep.csv.set-address.journal --report undo.csv 2>err &&
	grep -F "5 users: 4 address removed, 1 changed since" err &&
	grep -F "sip:imp00002@example.com,undo-address,changed-since,this journal added sip:imp00002@example.com; it is sip:someone.else@example.com now: not touched" undo.csv &&
	address_state >after &&
	awk "{ if (\$1 ~ /^cn=imp0000[1345],/) \$2 = \"-\"; print }" pre-undo >expect &&
	test_cmp expect after
'

test_expect_success '--undo follows its journal: without --set-address, the addresses are what is undone' '
	address_state >before &&
	test_expect_code 1 sa -n --undo rep.csv.set-address.journal --report named.csv 2>named.err &&
	test_expect_code 1 dis -n --undo rep.csv.set-address.journal --report followed.csv 2>followed.err &&
	test_cmp named.csv followed.csv && test_cmp named.err followed.err &&
	grep -F ",undo-address," followed.csv &&
	address_state >after && test_cmp before after
'

test_expect_success 'a mode the journal contradicts is 64; what is no disable journal is 65' '
	test_expect_code 65 sa --undo five.txt 2>err &&
	grep -F "five.txt: not a journal of ucmig" err &&
	printf "#ucmig-journal 1 ucmig-disable\n" >dis.journal &&
	test_expect_code 64 sa --undo dis.journal 2>err &&
	grep -F "dis.journal: a journal of the disable (msRTCSIP-UserEnabled), not of --set-address" err &&
	printf "#ucmig-journal 1 ucmig-delete\n" >del.journal &&
	test_expect_code 65 dis --undo del.journal 2>err &&
	grep -F "del.journal: a journal of ucmig-delete, not of ucmig-disable" err &&
	address_state >after && test_cmp before after
'

test_expect_success 'userid: sAMAccountName@--domain, whatever the mail says' '
	echo jdoe@example.com >jdoe.txt &&
	sa --im-address userid --domains example.com jdoe.txt 2>err &&
	grep -F "1 user: 1 address set" err &&
	echo "cn=jdoe,$IMP" >expect && address_holders sip:jdoe@example.com >found && test_cmp expect found
'

test_expect_success 'DN: every user object under the OU; those with an address or no mail left alone' '
	ldapmodify -x -H "$SLAPD_URI" -D "$SLAPD_ROOTDN" -w "$SLAPD_ROOTPW" -a >/dev/null <<-EOF &&
	dn: cn=ws01,$IMP
	objectClass: computer
	cn: ws01
	sn: ws01
	sAMAccountName: ws01\$
	mail: ws01@example.com
	EOF
	address_state >pre &&
	echo "DN:$IMP" >ou.txt &&
	test_expect_code 1 sa --report ou.csv ou.txt 2>err &&
	grep -F "ou.txt:1: 14 user objects under $IMP" err &&
	grep -F "1 user under $IMP left out: no mail" err &&
	grep -F "cn=nomail,$IMP" err &&
	grep -F ",same-address," ou.csv && grep -F ",address-taken," ou.csv &&
	address_state >after && test_cmp pre after &&
	sa -c --report ou2.csv ou.txt 2>err;
	test $? -eq 1 &&
	address_state >after &&
	test "$(grep "^cn=imp" after | grep -c " -\$")" -eq 0 &&
	grep -Fx "cn=nomail,$IMP -" after && grep -Fx "cn=dupa,$IMP -" after &&
	grep -Fx "cn=taken,$IMP -" after &&
	grep -Fx "cn=ws01,$IMP -" after &&
	grep -Fx "cn=imp00002,$IMP sip:someone.else@example.com" after
'

test_expect_success 'an IM and Presence user export with --domain' '
	printf "UserID,Subcluster Name,Node Name\r\nnomail,sc1,imp1\r\n" >export.csv &&
	sa --im-address userid --domains example.com export.csv 2>err &&
	grep -F "1 user: 1 address set" err &&
	echo "cn=nomail,$IMP" >expect && address_holders sip:nomail@example.com >found && test_cmp expect found
'

test_expect_success 'a DN: line naming the whole domain needs --everyone N' '
	address_state >pre &&
	echo "DN:dc=example,dc=com" >all.txt &&
	test_expect_code 64 sa all.txt 2>err &&
	grep -F "give --everyone" err &&
	address_state >after && test_cmp pre after
'

test_done
