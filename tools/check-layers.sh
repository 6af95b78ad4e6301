#!/bin/sh
# check-layers.sh - the dependency rules of common/ (HACKING.md), checked
# on every `make check` so that a shortcut through the layers fails the
# build instead of growing quietly.
#
# Each part of common/ may include only the parts and the outside library
# headers listed for it here; a tool directory may include any part but no
# other tool's files; nothing in common/ includes a tool's header.
# usage: tools/check-layers.sh   (from the top of the tree)
set -eu

parts_allowed() {
	case $1 in
	base) echo "base" ;;
	domain) echo "base domain" ;;
	ldap) echo "base domain ldap" ;;
	mssql) echo "base domain mssql" ;;
	userdata) echo "base domain userdata" ;;
	http) echo "base http" ;;
	net) echo "base net" ;;
	tls) echo "base net tls" ;;
	*) echo "" ;;
	esac
}

# Outside libraries, by header: the part that owns each.
library_owner() {
	case $1 in
	csv.h) echo base ;;
	ldap.h|lber.h) echo ldap ;;
	sybdb.h|sybfront.h) echo mssql ;;
	expat.h|zip.h) echo userdata ;;
	curl/*) echo http ;;
	resolv.h|arpa/nameser.h) echo net ;;
	openssl/*) echo tls ;;
	*) echo any ;;   # the C library and POSIX
	esac
}

bad=0
complain() { echo "check-layers: $*" >&2; bad=1; }

for f in common/*/*.[ch]; do
	part=$(basename "$(dirname "$f")")
	allowed=$(parts_allowed "$part")
	[ -n "$allowed" ] || complain "$f: common/$part is not a known part (add it to this script and HACKING.md)"
	grep -n '^#include "' "$f" | while IFS=: read -r line text; do
		inc=$(echo "$text" | sed 's/^#include "\(.*\)"/\1/')
		case $inc in
		*/*) ;;
		*) echo "check-layers: $f:$line: include \"$inc\" without its part (write \"part/$inc\")" >&2; echo x ;;
		esac
		dep=${inc%%/*}
		case " $allowed " in
		*" $dep "*) ;;
		*) echo "check-layers: $f:$line: common/$part may not include $inc" >&2; echo x ;;
		esac
	done | grep -q x && bad=1
	grep -n '^#include <' "$f" | while IFS=: read -r line text; do
		inc=$(echo "$text" | sed 's/^#include <\(.*\)>/\1/')
		owner=$(library_owner "$inc")
		[ "$owner" = any ] || [ "$owner" = "$part" ] ||
			{ echo "check-layers: $f:$line: <$inc> belongs to common/$owner, not common/$part" >&2; echo x; }
	done | grep -q x && bad=1
done

for f in */*.[ch]; do
	dir=$(dirname "$f")
	case $dir in common|tests|bench|tools|examples|man) continue ;; esac
	grep -n '^#include "' "$f" | while IFS=: read -r line text; do
		inc=$(echo "$text" | sed 's/^#include "\(.*\)"/\1/')
		case $inc in
		*/*) [ -d "common/${inc%%/*}" ] ||
			{ echo "check-layers: $f:$line: \"$inc\" is not a part of common/" >&2; echo x; } ;;
		*) [ -f "$dir/$inc" ] ||
			{ echo "check-layers: $f:$line: \"$inc\" is neither in $dir/ nor part-qualified" >&2; echo x; } ;;
		esac
	done | grep -q x && bad=1
done
exit $bad
