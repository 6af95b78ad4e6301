#!/bin/sh
# The shape of common/: each part includes only what it may (HACKING.md),
# and each tool links only the outside libraries it uses.
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'common/ parts include only the layers below them' '
	(cd "$TOP" && sh tools/check-layers.sh)
'

# What each tool must and must not link, by outside library.
links() { ldd "$BUILD/$1" | sed -n "s/^[[:space:]]*\(lib[a-z0-9]*\)[.-].*/\1/p" | sort -u; }

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
needs() { readelf -d "$BUILD/$1" | sed -n "s/.*Shared library: \[\(lib[a-z0-9]*\)[.-].*/\1/p" | sort -u; }

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
