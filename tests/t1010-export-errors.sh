#!/bin/sh
# ucmig-export on bad input: the exit status, a message with file, line and
# column, and no output file left behind.
. "$(dirname "$0")/test-lib.sh"

ZIP=$EXAMPLES/ExportedUserData.zip

test_expect_success 'no --userdata is a usage error' '
	test_expect_code 64 ucmig-export 2>err &&
	grep -F "no source: give --userdata FILE" err
'

test_expect_success 'missing file exits 66' '
	test_expect_code 66 ucmig-export --userdata nosuch.zip 2>err &&
	grep -F "nosuch.zip: cannot open: No such file or directory" err
'

test_expect_success 'a directory exits 66' '
	mkdir adir &&
	test_expect_code 66 ucmig-export --userdata adir 2>err &&
	grep -F "adir: is a directory" err
'

test_expect_success 'a symbolic link is refused (66)' '
	ln -s "$ZIP" link.zip &&
	test_expect_code 66 ucmig-export --userdata link.zip 2>err &&
	grep -F "link.zip: is a symbolic link" err
'

test_expect_success 'malformed XML exits 65 with file, line and column; no output left' '
	printf "<?xml version=\"1.0\"?>\n<DocItemSet>\n  <DocItem Name=\"urn:lcd:a@example.com\">\n    <Contact Buddy=\"b@example.com\" </DocItem>\n" >bad.xml &&
	test_expect_code 65 ucmig-export --userdata bad.xml -o out.csv 2>err &&
	grep -F "bad.xml:4:" err && grep -F "malformed XML" err &&
	test ! -e out.csv && ! ls | grep -q "\.tmp\."
'

test_expect_success 'XML cut off in the middle exits 65' '
	unzip -q -o "$ZIP" DocItemSet.xml &&
	head -c 1500 DocItemSet.xml >cut.xml &&
	test_expect_code 65 ucmig-export --userdata cut.xml -o out.csv 2>err &&
	grep -E "cut.xml:[0-9]+:[0-9]+: malformed XML" err &&
	test ! -e out.csv
'

test_expect_success 'an XML document that is not user data exits 65' '
	printf "<?xml version=\"1.0\"?>\n<Other/>\n" >other.xml &&
	test_expect_code 65 ucmig-export --userdata other.xml 2>err &&
	grep -F "other.xml:2:1: root element <Other> is neither DocItemSet" err
'

test_expect_success 'a Contact without Buddy exits 65 with its line' '
	printf "<DocItemSet>\n<DocItem Name=\"urn:lcd:a@example.com\">\n<Contact Groups=\"1\"/>\n</DocItem>\n</DocItemSet>\n" >nobuddy.xml &&
	test_expect_code 65 ucmig-export --userdata nobuddy.xml 2>err &&
	grep -F "nobuddy.xml:3:1: <Contact> without Buddy" err
'

test_expect_success 'a truncated ZIP exits 65' '
	size=$(wc -c <"$ZIP") &&
	head -c $((size - 30)) "$ZIP" >truncated.zip &&
	test_expect_code 65 ucmig-export --userdata truncated.zip -o out.csv 2>err &&
	grep -F "truncated.zip: not a readable ZIP archive" err &&
	test ! -e out.csv
'

test_expect_success 'a ZIP without DocItemSet.xml exits 65' '
	printf "x" >readme.txt && zip -q nodoc.zip readme.txt &&
	test_expect_code 65 ucmig-export --userdata nodoc.zip 2>err &&
	grep -F "nodoc.zip: no DocItemSet.xml in this ZIP" err
'

test_expect_success 'a ZIP with a corrupted member exits 65' '
	cp "$ZIP" corrupt.zip &&
	offset=$(grep -abo "DocItemSet.xml" corrupt.zip | head -n 1 | cut -d: -f1) &&
	printf "\377\377\377\377\377\377\377\377" |
		dd of=corrupt.zip bs=1 seek=$((offset + 40)) conv=notrunc 2>/dev/null &&
	test_expect_code 65 ucmig-export --userdata corrupt.zip -o out.csv 2>err &&
	test ! -e out.csv
'

test_expect_success 'an invalid owner address is counted as failed, exit 1' '
	printf "<DocItemSet><DocItem Name=\"urn:lcd:not-an-address\"><Contact Buddy=\"b@example.com\"/></DocItem><DocItem Name=\"urn:lcd:ok@example.com\"><Contact Buddy=\"b@example.com\"/></DocItem></DocItemSet>" >owner.xml &&
	test_expect_code 1 ucmig-export --userdata owner.xml >rows.csv 2>err &&
	grep -F "2 users processed, 1 exported, 0 not found, 1 failed" err &&
	crlf "ok,example.com,b,example.com,,Contacts" >expect &&
	test_cmp expect rows.csv
'

test_expect_success 'a user twice in the source: second copy not exported, named, exit 1' '
	printf "<DocItemSet>\n<DocItem Name=\"urn:lcd:a@example.com\"><Contact Buddy=\"b@example.com\"/></DocItem>\n<DocItem Name=\"urn:lcd:A@Example.com\"><Contact Buddy=\"c@example.com\"/></DocItem>\n</DocItemSet>\n" >dup.xml &&
	test_expect_code 1 ucmig-export --userdata dup.xml --exported-users u.txt >rows.csv 2>err &&
	grep -F "dup.xml:3: sip:A@example.com appears a second time" err &&
	grep -F "1 duplicate user" err &&
	crlf "a,example.com,b,example.com,,Contacts" >expect && test_cmp expect rows.csv &&
	echo sip:a@example.com >expect-u && test_cmp expect-u u.txt &&
	echo sip:a@example.com | test_expect_code 1 ucmig-export --userdata dup.xml - >rows2.csv 2>err2 &&
	test_cmp expect rows2.csv && grep -F "1 duplicate user" err2
'

test_expect_success 'a row that IM and Presence would drop is rejected and reported, exit 1' '
	printf "<DocItemSet><DocItem Name=\"urn:lcd:a@example.com\"><Contact Buddy=\"b@bad_domain.com\"/><Contact Buddy=\"c@example.com\"/></DocItem></DocItemSet>" >row.xml &&
	test_expect_code 1 ucmig-export --userdata row.xml --report rep.csv >rows.csv 2>err &&
	grep -F "skipped: 1 invalid row" err &&
	grep -F "rejected,\"b@bad_domain.com: Contact Domain '\''bad_domain.com'\''" rep.csv &&
	crlf "a,example.com,c,example.com,,Contacts" >expect &&
	test_cmp expect rows.csv
'

test_expect_success '-o to a device or a FIFO writes to it and leaves it in place' '
	ucmig-export --userdata "$ZIP" -o /dev/null 2>/dev/null &&
	test -c /dev/null &&
	mkfifo fifo && { cat fifo >from-fifo & } &&
	ucmig-export --userdata "$ZIP" -o fifo 2>/dev/null && wait &&
	test -p fifo && test "$(wc -l <from-fifo)" -eq 8
'

test_expect_success 'output into a missing directory exits 73' '
	test_expect_code 73 ucmig-export --userdata "$ZIP" -o no/such/dir.csv 2>err &&
	grep -F "no/such/dir.csv: cannot create" err
'

test_expect_success 'a full disk is an I/O error (74), not a silent truncation' '
	if test -w /dev/full; then
		test_expect_code 74 ucmig-export --userdata "$ZIP" >/dev/full 2>err &&
		grep -F "(stdout): write error" err
	fi
'

test_expect_success 'a contact in more than 64 groups still gets one row per group' '
	{
		printf "<DocItemSet><DocItem Name=\"urn:lcd:a@example.com\"><ContactGroups>" &&
		for n in $(seq 2 70); do printf "<ContactGroup Number=\"%d\" DisplayName=\"G%d\" ExternalUri=\"\"/>" $n $n; done &&
		printf "</ContactGroups><Contact Buddy=\"b@example.com\" Groups=\"%s 70 69\"/></DocItem></DocItemSet>" "$(seq -s " " 2 70)"
	} >groups.xml &&
	ucmig-export --userdata groups.xml >out.csv &&
	test $(wc -l <out.csv) -eq 69 &&
	test $(sort -u out.csv | wc -l) -eq 69
'

test_expect_success 'a user any of whose contacts was rejected is failed, not listed in --exported-users' '
	printf "<DocItemSet><DocItem Name=\"urn:lcd:a@example.com\"><Contact Buddy=\"x@bad_domain.com\"/></DocItem><DocItem Name=\"urn:lcd:b@example.com\"><Contact Buddy=\"%s@example.com\"/></DocItem><DocItem Name=\"urn:lcd:c@example.com\"><Contact Buddy=\"y@bad_domain.com\"/><Contact Buddy=\"ok@example.com\"/></DocItem><DocItem Name=\"urn:lcd:d@example.com\"><Contact Buddy=\"e@example.com\"/></DocItem></DocItemSet>" \
		"$(printf "%0140d" 0)" >allbad.xml &&
	test_expect_code 1 ucmig-export --userdata allbad.xml --exported-users done.txt --report rep.csv >rows.csv 2>err &&
	echo sip:d@example.com >expect && test_cmp expect done.txt &&
	grep -F "4 users processed, 1 exported, 0 not found, 3 failed" err &&
	grep -F "sip:a@example.com,export,failed,1 contact could not be exported (0 rows written)" rep.csv &&
	grep -F "sip:c@example.com,export,failed,1 contact could not be exported (1 rows written)" rep.csv
'

test_expect_success 'files holding contacts or user lists are created 0600 whatever the umask' '
	(umask 022 && ucmig-export --userdata "$ZIP" -o modes.csv --report modes-rep.csv \
		--exported-users modes-users.txt 2>/dev/null) &&
	for f in modes.csv modes-rep.csv modes-users.txt; do
		test "$(stat -c %a "$f")" = 600 || { ls -l "$f"; exit 1; }
	done
'

test_expect_success 'an output that is an input or another output is a usage error (64), nothing touched' '
	cp "$ZIP" in.zip && ucmig-export --userdata in.zip --exported-users users.txt 2>/dev/null &&
	cp users.txt users.before && cp in.zip zip.before && echo keep >same.csv && cp same.csv same.before &&
	test_expect_code 64 ucmig-export --userdata in.zip -o same.csv --report same.csv 2>err &&
	grep -F -- "--report '\''same.csv'\'' is the same file as -o '\''same.csv'\'': an output must not be written twice" err &&
	test_expect_code 64 ucmig-export --userdata in.zip -o users.txt users.txt 2>err &&
	grep -F -- "-o '\''users.txt'\'' is the same file as the user list '\''users.txt'\''" err &&
	test_expect_code 64 ucmig-export --userdata in.zip -o ./in.zip 2>err &&
	grep -F "an output must not overwrite an input" err &&
	ln in.zip hardlink.zip &&
	test_expect_code 64 ucmig-export --userdata hardlink.zip --exported-users in.zip 2>err &&
	test_expect_code 64 ucmig-export --userdata in.zip -o new.csv --exported-users ./new.csv 2>err &&
	test_expect_code 64 ucmig-export --userdata in.zip --report - 2>err &&
	cmp users.txt users.before && cmp in.zip zip.before && cmp same.csv same.before &&
	! test -e new.csv && ! ls *.tmp.* 2>/dev/null &&
	ucmig-export --userdata in.zip -o /dev/null --report /dev/null 2>/dev/null
'

test_expect_success 'a ZIP with two DocItemSet.xml members is ambiguous (65)' '
	mkdir -p two/a two/b && printf "<DocItemSet/>" >two/a/DocItemSet.xml &&
	unzip -p "$ZIP" DocItemSet.xml >two/b/DocItemSet.xml &&
	(cd two && zip -q ../two.zip a/DocItemSet.xml b/DocItemSet.xml) &&
	test_expect_code 65 ucmig-export --userdata two.zip -o two.csv 2>err &&
	grep -F "two.zip: 2 members named DocItemSet.xml; which one is the export is ambiguous" err &&
	! test -e two.csv
'

test_expect_success 'a 32 MiB attribute in a small ZIP is refused (65) at once, not after minutes' '
	/usr/bin/python3 -c "
import zipfile
with zipfile.ZipFile(\"huge.zip\", \"w\", zipfile.ZIP_DEFLATED) as z:
    z.writestr(\"DocItemSet.xml\", \"<DocItemSet><DocItem Name=\\\"urn:lcd:a@example.com\\\"><Contact Buddy=\\\"\" + \"b\" * (32 << 20) + \"@example.com\\\"/></DocItem></DocItemSet>\")
" &&
	test $(stat -c %s huge.zip) -lt 200000 &&
	t0=$(date +%s) &&
	test_expect_code 65 ucmig-export --userdata huge.zip -o huge.csv 2>err &&
	elapsed=$(( $(date +%s) - t0 )) &&
	grep -F "a single XML element or value of more than 1 MiB" err &&
	test $elapsed -le 5 && ! test -e huge.csv
'

test_expect_success 'a report that cannot be written leaves no CSV behind (74)' '
	test_expect_code 74 ucmig-export --userdata "$ZIP" -o kept.csv --exported-users kept.txt \
		--report /dev/full 2>err &&
	grep -F "/dev/full" err && ! test -e kept.csv && ! test -e kept.txt
'

test_expect_success '--excel-safe quotes cells a spreadsheet would run; without it they stay as written' '
	printf "<DocItemSet><DocItem Name=\"urn:lcd:a@example.com\"><Contact Buddy=\"b@example.com\" DisplayName=\"=HYPERLINK(1)\"/><Contact Buddy=\"c@example.com\" DisplayName=\"@SUM(1)\"/></DocItem></DocItemSet>" >formula.xml &&
	ucmig-export --userdata formula.xml >plain.csv &&
	grep -F ",=HYPERLINK(1)," plain.csv &&
	ucmig-export --userdata formula.xml --excel-safe --report safe-rep.csv >safe.csv &&
	grep -F ",'\''=HYPERLINK(1)," safe.csv && grep -F ",'\''@SUM(1)," safe.csv &&
	! grep -F ",=HYPERLINK" safe.csv
'

test_done
