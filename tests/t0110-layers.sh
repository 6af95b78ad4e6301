#!/bin/sh
# The shape of common/: each part includes only what it may (HACKING.md),
# and each tool links only the outside libraries it uses.
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'common/ parts include only the layers below them' '
	(cd "$TOP" && sh tools/check-layers.sh)
'

# A copy of the tree's sources to plant a shortcut in; the check run on
# the planted file alone must fail naming it.
test_setup 'a copy of the sources to plant shortcuts in' '
	mkdir tree && (cd "$TOP" && tar cf - common $(suite_tools | sed "s/ucmig-//g") tools/check-layers.sh) | (cd tree && tar xf -)
'

planted_fails() {  # FILE TEXT MESSAGE: TEXT appended to FILE in the copy
	cp "tree/$1" saved &&
	printf "%s\n" "$2" >>"tree/$1" &&
	! sh tree/tools/check-layers.sh "$PWD/tree" "$1" 2>err;
	status=$?
	cp saved "tree/$1"
	[ $status -eq 0 ] && grep -F "$3" err
}

test_expect_success 'the copy as it is passes' '
	sh tree/tools/check-layers.sh "$PWD/tree" common/domain/sipuri.c import/main.c
'

test_expect_success 'a part included with angle brackets is still a layer crossed' '
	planted_fails common/domain/sipuri.c "#include <mssql/db_session.h>" \
		"common/domain/sipuri.c: pulls in common/mssql/db_session.h: common/domain may not depend on common/mssql"
'

test_expect_success '"# include" with a space is an include' '
	planted_fails common/domain/sipuri.c "# include \"mssql/db_session.h\"" \
		"common/domain may not depend on common/mssql"
'

test_expect_success 'a path through another part ("base/../ldap/aduser.h") is where it leads' '
	planted_fails common/domain/sipuri.c "#include \"base/../ldap/aduser.h\"" \
		"pulls in common/ldap/aduser.h: common/domain may not depend on common/ldap"
'

test_expect_success 'a tool reaching into another tool ("../disable/run.h")' '
	planted_fails import/main.c "#include \"../disable/run.h\"" \
		"import/main.c: pulls in disable/run.h: a tool includes no other tool'\''s files"
'

test_expect_success 'an outside library in a tool, behind a comment' '
	planted_fails import/main.c "#include <ldap.h> /* c */" \
		"import/main.c: pulls in /usr/include/ldap.h, common/ldap'\''s library: a tool sees no outside library'\''s header"
'

test_expect_success 'a part'\''s header that lets its library through fails where it is used' '
	cp tree/common/ldap/aduser.h saved.h &&
	printf "#include <ldap.h>\n" >>tree/common/ldap/aduser.h &&
	! sh tree/tools/check-layers.sh "$PWD/tree" disable/run.c 2>err;
	status=$?
	cp saved.h tree/common/ldap/aduser.h
	[ $status -eq 0 ] && grep -F "disable/run.c: pulls in /usr/include/ldap.h" err
'

# What each tool must and must not link, by outside library.
links() { ldd "$TOOL_DIR/$1" | sed -n "s/^[[:space:]]*\(lib[a-z0-9]*\)[.-].*/\1/p" | sort -u; }

test_expect_success 'ucmig-export links FreeTDS, expat and libzip but not libldap' '
	links ucmig-export >libs &&
	grep -qx libsybdb libs && grep -qx libexpat libs && grep -qx libzip libs &&
	! grep -qx libldap libs && ! grep -qx liblber libs
'

test_expect_success 'ucmig-disable links libldap but not FreeTDS, expat or libzip' '
	links ucmig-disable >libs &&
	grep -qx libldap libs &&
	! grep -qx libsybdb libs && ! grep -qx libexpat libs && ! grep -qx libzip libs
'

test_expect_success 'ucmig-delete links libldap and FreeTDS' '
	links ucmig-delete >libs &&
	grep -qx libldap libs && grep -qx libsybdb libs
'

# Libraries a binary names itself (libcurl brings libldap along for its
# ldap:// URLs, so ldd would list it for import).
needs() { readelf -d "$TOOL_DIR/$1" | sed -n "s/.*Shared library: \[\(lib[a-z0-9]*\)[.-].*/\1/p" | sort -u; }

test_expect_success 'ucmig-import needs libcurl and none of libldap, FreeTDS, expat, libzip' '
	needs ucmig-import >libs &&
	grep -qx libcurl libs &&
	! grep -qx libldap libs && ! grep -qx libsybdb libs && ! grep -qx libexpat libs && ! grep -qx libzip libs
'

test_expect_success 'ucmig-fedcheck needs OpenSSL and libresolv, and none of libcurl, libldap, FreeTDS' '
	needs ucmig-fedcheck >libs &&
	grep -qx libssl libs && grep -qx libresolv libs &&
	! grep -qx libcurl libs && ! grep -qx libldap libs && ! grep -qx libsybdb libs
'

test_done
