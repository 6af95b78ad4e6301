#!/bin/sh
# ucmig-export from files: the example Export-CsUserData ZIP, the same
# DocItemSet.xml bare, and a UTF-16 dbimpexp XML; exact rows, summary,
# report and exported-users list.
. "$(dirname "$0")/test-lib.sh"

ZIP=$EXAMPLES/ExportedUserData.zip
DBI=$EXAMPLES/dbimpexp.xml

# What the example ZIP must give: a contact in two groups gives two rows,
# '~' and ungrouped go to Contacts, base64 and plain-text names both come
# out as text, the federated contact stays, the self-contact and the
# distribution list do not, and a comma or quote is quoted.
crlf 'alice,example.com,bob,example.com,Bob Builder,Contacts' \
     'alice,example.com,bob,example.com,Bob Builder,Équipe Müller' \
     'alice,example.com,carol,partner.net,Carol (Partner),Équipe Müller' \
     'alice,example.com,dave,example.com,,Contacts' \
     'alice,example.com,jose,example.com,José Núñez,Favorites' \
     'alice,example.com,smith.john,example.com,"Smith, John ""JJ""",Contacts' \
     'bob,example.com,alice,example.com,Alice,Contacts' \
     'bob,example.com,erin,example.com,Erin,Projects' >expect-zip.csv

test_expect_success 'ZIP: exact BAT rows on stdout, exit 0' '
	ucmig-export --userdata "$ZIP" >out.csv 2>err &&
	test_cmp expect-zip.csv out.csv
'

test_expect_success 'ZIP: the summary line counts everything' '
	grep -F "ucmig-export: 3 users processed, 2 exported, 0 not found, 0 failed; 7 contacts in 8 rows (largest list 5, average 3.5, 1 federated); skipped: 1 self-contact, 1 distribution-list group, 1 distribution-list membership, 1 non-user item; 1 empty list" err
'

test_expect_success 'ZIP: the empty list is named as a possible unified contact store user' '
	grep -F "warning: 1 user with an empty contact list" err &&
	grep -F "unified contact store" err &&
	grep -F "sip:erin@example.com" err
'

test_expect_success 'bare DocItemSet.xml gives the same rows as the ZIP' '
	unzip -q -o "$ZIP" DocItemSet.xml &&
	ucmig-export --userdata DocItemSet.xml >bare.csv 2>/dev/null &&
	test_cmp expect-zip.csv bare.csv
'

test_expect_success 'DocItemSet.xml on stdin' '
	ucmig-export --userdata - <DocItemSet.xml >stdin.csv 2>/dev/null &&
	test_cmp expect-zip.csv stdin.csv
'

test_expect_success '-o, --exported-users and --report write files' '
	ucmig-export --userdata "$ZIP" -o out2.csv --exported-users users.txt --report report.csv 2>err &&
	test_cmp expect-zip.csv out2.csv &&
	printf "sip:alice@example.com\nsip:bob@example.com\n" >expect-users &&
	test_cmp expect-users users.txt &&
	head -n 1 report.csv | grep -Fx "key,action,result,detail$(printf "\r")" &&
	grep -F "sip:alice@example.com,export,exported,\"5 contacts, 6 rows\"" report.csv &&
	grep -F "sip:alice@example.com,export-contact,skipped,alice@example.com: self-contact" report.csv &&
	grep -F "sip:erin@example.com,export,empty-list," report.csv &&
	grep -F "urn:hcd:conferencing-directory-1,export,skipped" report.csv &&
	ls | grep -v "\.tmp\." >/dev/null && ! ls | grep -q "\.tmp\."
'

test_expect_success '--include-empty lists the empty-list user as exported' '
	ucmig-export --userdata "$ZIP" --stats-only --include-empty --exported-users users2.txt 2>/dev/null &&
	printf "sip:alice@example.com\nsip:bob@example.com\nsip:erin@example.com\n" >expect-users2 &&
	test_cmp expect-users2 users2.txt
'

test_expect_success '--stats-only writes no CSV but the same summary' '
	ucmig-export --userdata "$ZIP" --stats-only >stats.out 2>stats.err &&
	test ! -s stats.out &&
	grep -F "7 contacts in 8 rows" stats.err
'

test_expect_success '--header, --state and --default-group' '
	ucmig-export --userdata "$ZIP" --header --state --default-group "Buddies" 2>/dev/null >h.csv &&
	head -n 2 h.csv >h2.csv &&
	crlf "User ID,User Domain,Contact ID,Contact Domain,Nickname,Group Name,State" \
	     "alice,example.com,bob,example.com,Bob Builder,Buddies,both" >expect-h &&
	test_cmp expect-h h2.csv &&
	ucmig-export --userdata "$ZIP" --state=to 2>/dev/null | head -n 1 >to.csv &&
	crlf "alice,example.com,bob,example.com,Bob Builder,Contacts,to" >expect-to &&
	test_cmp expect-to to.csv
'

test_expect_success 'invalid --state or --default-group is a usage error, nothing written' '
	test_expect_code 64 ucmig-export --userdata "$ZIP" --state=maybe -o never.csv 2>err &&
	grep -F -- "--state: State" err &&
	test_expect_code 64 ucmig-export --userdata "$ZIP" --default-group "" -o never.csv 2>err &&
	grep -F -- "--default-group: Group Name is empty" err &&
	test ! -e never.csv
'

crlf 'frank,example.com,grace,example.com,Grace Hopper,Contacts' \
     'frank,example.com,grace,example.com,Grace Hopper,Équipe Müller' \
     'frank,example.com,heidi,fabrikam.com,"Heidi, external",Équipe Müller' \
     'grace,example.com,frank,example.com,Frank,Contacts' >expect-dbi.csv

test_expect_success 'dbimpexp (UTF-16LE): exact rows, plain names, sip: prefix dropped' '
	ucmig-export --userdata "$DBI" >dbi.csv 2>err &&
	test_cmp expect-dbi.csv dbi.csv &&
	grep -F "2 users processed, 2 exported, 0 not found, 0 failed; 3 contacts in 4 rows" err &&
	grep -F "1 self-contact, 1 distribution-list group, 1 distribution-list membership" err &&
	! grep -F "unified contact store" err
'

test_expect_success '-q prints nothing on success' '
	ucmig-export -q --userdata "$DBI" >/dev/null 2>err &&
	test ! -s err
'

test_done
