#!/bin/sh
# ucmig-disable against a real slapd: each kind of user, filter
# metacharacters, dry run, verify, undo, rejects; the directory is read
# back after every run.
. "$(dirname "$0")/test-lib.sh"
. "$TEST_DIRECTORY/servers/slapd.sh"
test_on_exit slapd_stop

dis() {
	ucmig-disable -H "$SLAPD_LDAPS" -D "$MIGRATOR_DN" -y "$MIGRATOR_PWFILE" "$@"
}

{
	user_ldif already 'sip:already@example.com' FALSE
	user_ldif twin1 'sip:twin@example.com' TRUE
	user_ldif twin2 'sip:Twin@example.com' TRUE
	user_ldif noattr 'sip:noattr@example.com' ''
	user_ldif star 'sip:a*)(cn=*@example.com' TRUE
	user_ldif mixed 'sip:Mixed.Case@Example.com' TRUE
} >special.ldif

test_setup 'start slapd with 20 users and the special cases' '
	slapd_setup "$TRASH/ldap" && slapd_add_users 20 && slapd_add_ldif special.ldif &&
	slapd_start && ldap_state >before &&
	test "$(wc -l <before)" -eq 26
'

test_expect_success 'a malformed user list exits 65 before the directory is touched' '
	printf "sip:user00001@example.com\nsip@chuck@example.com\n" >bad.txt &&
	test_expect_code 65 dis bad.txt 2>err &&
	grep -F "bad.txt:2: malformed SIP URI" err &&
	ldap_state >after && test_cmp before after &&
	test_expect_code 65 ucmig-disable -H ldap://127.0.0.1:1 -ZZ -D x -y "$MIGRATOR_PWFILE" bad.txt 2>/dev/null
'

seq -f "sip:user%05g@example.com" 1 5 >five.txt

test_expect_success 'dry run changes nothing and counts what a real run would do' '
	dis -n five.txt 2>err &&
	grep -F "5 users: 5 would be disabled (dry run: nothing changed)" err &&
	ldap_state >after && test_cmp before after && test ! -e five.txt.disable.journal
'

test_expect_success 'disable five users: FALSE, nothing else changed, journal written' '
	ldap_entry cn=user00001,ou=Users,dc=example,dc=com | grep -v "^msRTCSIP-UserEnabled" >entry-before &&
	dis --report rep.csv five.txt 2>err &&
	grep -F "5 users: 5 disabled; journal rep.csv.disable.journal" err &&
	ldap_state >after &&
	awk "NR == FNR { five[\$1]; next } \$1 in five { \$2 = \"FALSE\" } 1" five.txt before >expect &&
	test_cmp expect after &&
	ldap_entry cn=user00001,ou=Users,dc=example,dc=com | grep -v "^msRTCSIP-UserEnabled" >entry-after &&
	test_cmp entry-before entry-after &&
	test "$(grep -c "^begin" rep.csv.disable.journal)" -eq 5 &&
	test "$(grep -c "^done" rep.csv.disable.journal)" -eq 5 &&
	now=$(date +%s) &&
	test "$(awk -F "	" -v now="$now" "\$1 == \"done\" && \$3 > now - 60 && \$3 <= now" rep.csv.disable.journal | wc -l)" -eq 5 &&
	grep -F "sip:user00003@example.com,disable,disabled,\"cn=user00003,ou=Users,dc=example,dc=com\"" rep.csv
'

test_expect_success 'running it again with the journal touches nobody' '
	dis --report rep2.csv --journal rep.csv.disable.journal five.txt 2>err &&
	grep -F "5 users: 5 disabled earlier (journal)" err &&
	test "$(grep -c "^begin" rep.csv.disable.journal)" -eq 5
'

test_expect_success 'verify: exit 0 when all are disabled' '
	dis --verify five.txt 2>err &&
	grep -F "5 users: 5 verified disabled" err
'

test_expect_success 'verify: exit 1 naming the users still enabled or missing' '
	printf "sip:user00001@example.com\nsip:user00006@example.com\nsip:ghost@example.com\n" >mix.txt &&
	test_expect_code 1 dis --verify mix.txt --report v.csv 2>err &&
	grep -F "3 users: 1 verified disabled, 1 not found, 1 still enabled" err &&
	grep -F "sip:user00006@example.com,verify,still-enabled" v.csv &&
	grep -F "sip:ghost@example.com,verify,not-found" v.csv
'

cat >hard.txt <<'LIST'
sip:user00010@example.com
sip:already@example.com
sip:twin@example.com
sip:noattr@example.com
sip:nobody@example.com
sip:a*)(cn=*@example.com
sip:mixed.case@example.com
LIST

test_expect_success 'without -c, users that cannot be disabled stop the run before any change' '
	ldap_state >state0 &&
	test_expect_code 1 dis --report hard.csv --rejects rejects.txt hard.txt 2>err &&
	grep -F "3 users cannot be disabled; nothing was changed" err &&
	ldap_state >state1 && test_cmp state0 state1 &&
	printf "sip:user00010@example.com\nsip:twin@example.com\nsip:noattr@example.com\nsip:nobody@example.com\nsip:a*)(cn=*@example.com\nsip:mixed.case@example.com\n" >expect &&
	test_cmp expect rejects.txt &&
	grep -F "sip:user00010@example.com,disable,not-attempted" hard.csv
'

test_expect_success 'with -c the others are disabled; ambiguous, missing and attribute-less are reported' '
	test_expect_code 1 dis -c --report hard.csv --rejects rejects.txt hard.txt 2>err &&
	grep -F "7 users: 3 disabled, 1 already disabled, 1 not found, 1 ambiguous, 1 without msRTCSIP-UserEnabled" err &&
	test "$(ldap_enabled sip:user00010@example.com)" = FALSE &&
	test "$(ldap_enabled sip:Mixed.Case@Example.com)" = FALSE &&
	test "$(ldap_enabled sip:twin@example.com)" = TRUE &&
	test "$(ldap_enabled sip:Twin@example.com)" = TRUE &&
	test "$(ldap_enabled sip:noattr@example.com)" = - &&
	test "$(ldap_enabled sip:already@example.com)" = FALSE &&
	printf "sip:twin@example.com\nsip:noattr@example.com\nsip:nobody@example.com\n" >expect3 &&
	test_cmp expect3 rejects.txt
'

test_expect_success 'a URI with filter metacharacters changes exactly its own entry' '
	test "$(ldap_enabled "sip:a*)(cn=*@example.com")" = FALSE &&
	ldap_state | grep -c " FALSE\$" >count &&
	echo 9 >expect-count && test_cmp expect-count count
'

test_expect_success 'undo puts back exactly what the journal changed' '
	dis --undo hard.csv.disable.journal --report undo.csv 2>err &&
	grep -F "3 users: 3 restored" err &&
	test "$(ldap_enabled sip:user00010@example.com)" = TRUE &&
	test "$(ldap_enabled "sip:a*)(cn=*@example.com")" = TRUE &&
	test "$(ldap_enabled sip:already@example.com)" = FALSE &&
	test "$(ldap_enabled sip:user00001@example.com)" = FALSE &&
	dis --undo hard.csv.disable.journal 2>err2 &&
	grep -F "nothing to undo" err2
'

test_expect_success 'undo dry run changes nothing' '
	ldap_state >s0 &&
	dis -n --undo rep.csv.disable.journal 2>err &&
	grep -F "5 users: 5 would be restored" err &&
	ldap_state >s1 && test_cmp s0 s1
'

test_expect_success 'a torn last journal record is cut off, not turned into a bad line mid-file' '
	seq -f "sip:user%05g@example.com" 15 16 >torn.txt &&
	cp rep.csv.disable.journal torn.journal &&
	printf "begin\tsip:user00015@exa" >>torn.journal &&
	dis --journal torn.journal torn.txt 2>err &&
	grep -F "2 users: 2 disabled" err &&
	! grep -F "exa	" torn.journal && ! grep -Fx "begin	sip:user00015@exa" torn.journal &&
	dis --journal torn.journal torn.txt 2>err &&
	grep -F "2 users: 2 disabled earlier (journal)" err
'

test_expect_success 'a journal of another format version, tool or with an unknown record is refused (65)' '
	ldap_state >s0 &&
	sed "1s/ 1 / 2 /" rep.csv.disable.journal >v2.journal &&
	test_expect_code 65 dis --journal v2.journal five.txt 2>err &&
	grep -F "v2.journal: journal format version 2; this ucmig reads version 1" err &&
	sed "1s/ucmig-disable/ucmig-delete/" rep.csv.disable.journal >other.journal &&
	test_expect_code 65 dis --journal other.journal five.txt 2>err &&
	grep -F "other.journal: a journal of ucmig-delete, not of ucmig-disable" err &&
	{ cat rep.csv.disable.journal; printf "frobnicate\tsip:user00001@example.com\n"; cat rep.csv.disable.journal | tail -n 1; } >odd.journal &&
	test_expect_code 65 dis --undo odd.journal 2>err &&
	grep -E "odd.journal:[0-9]+: not a record of ucmig-disable.s journal" err &&
	printf "#ucmig-journal 1 ucmig-disable\nbegin\tsip:bad uri@x\tcn=x\tTRUE\n" >baduri.journal &&
	test_expect_code 65 dis --undo baduri.journal 2>err &&
	grep -F "baduri.journal:2: not a user" err &&
	ldap_state >s1 && test_cmp s0 s1
'

test_expect_success 'disable: a journal, report or rejects file that is the user list is refused (64)' '
	cp five.txt five.before &&
	test_expect_code 64 dis --journal five.txt five.txt 2>err &&
	grep -F "the journal '\''five.txt'\'' is the same file as the user list" err &&
	test_expect_code 64 dis --rejects five.txt five.txt 2>err &&
	test_expect_code 64 dis --report out.csv --rejects ./out.csv five.txt 2>err &&
	cmp five.txt five.before
'

test_expect_success '--undo of a journal that does not exist is 66 and creates nothing; --verify with --undo is 64' '
	test_expect_code 66 dis --undo no-such.journal 2>err &&
	grep -F "no-such.journal: cannot open journal" err && ! test -e no-such.journal &&
	test_expect_code 64 dis --verify five.txt --undo rep.csv.disable.journal 2>err &&
	grep -F -- "--verify and --undo exclude each other" err
'

test_expect_success 'a user listed twice is acted on once and the repeat has its report line' '
	printf "sip:user00001@example.com\nsip:USER00001@example.com\n" >twice.txt &&
	dis -n --report twice.csv twice.txt 2>err &&
	grep -F "1 user:" err &&
	grep -F "sip:USER00001@example.com,disable,listed-twice,line 2 repeats line 1: acted on once" twice.csv
'

test_done
