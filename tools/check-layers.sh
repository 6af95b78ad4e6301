#!/bin/sh
# check-layers.sh - the dependency rules of common/ (HACKING.md), checked
# on what the compiler itself includes, so that no spelling gets a
# shortcut through the layers past it: every .c and .h of common/ and of
# each tool folder is run through `cc -M` (system headers included), and
# every file it pulls in, followed through other headers and resolved to
# its real path, must be allowed:
#
#   - a part of common/ may pull in only the parts listed for it below,
#     and an outside library's headers only if it is the part that owns
#     that library (so no other part's header may leak them either);
#   - a tool folder may pull in any part of common/ and its own files,
#     never another tool's, and no outside library's headers at all:
#     those stay inside their part (no tool sees an LDAP_* code);
#   - includes between files of the tree name their part: "base/strbuf.h",
#     a tool's own headers bare (a style rule, read from the text).
#
# usage: tools/check-layers.sh [ROOT [FILE...]]
#   ROOT: the top of a tree (default: this one); FILE...: only these files
#   of it (default: all). Prints each violation with its file and exits 1
#   if there is any.
set -eu
ROOT=$(cd "${1:-$(dirname "$0")/..}" && pwd)
[ $# -gt 0 ] && shift
cd "$ROOT"
FILES=${*:-$(ls common/*/*.[ch] */*.[ch])}
CC=${CC:-cc}
CFLAGS_LIBS=$(pkg-config --cflags expat libzip 2>/dev/null || true)

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

# An outside header, by its resolved path, into $owner: the part that owns
# its library, or "libc" for the C library and POSIX.
library_owner() {
	case ${1#/usr/include/} in
	csv.h) owner=base ;;
	ldap.h|ldap_*.h|lber.h|lber_*.h|slapi-plugin.h) owner=ldap ;;
	sybdb.h|sybfront.h|syberror.h|tds*.h|freetds/*) owner=mssql ;;
	expat.h|expat_*.h|zip.h|zipconf.h|*/zipconf.h) owner=userdata ;;
	curl/*) owner=http ;;
	resolv.h|arpa/nameser.h|arpa/nameser_compat.h) owner=net ;;
	openssl/*|*/openssl/*) owner=tls ;;
	*) owner=libc ;;
	esac
}

bad=0
complain() { echo "check-layers: $*" >&2; bad=1; }

# Every file F pulls in, one a line: tree files relative to ROOT, outside
# ones as absolute paths.
deps_of() {
	$CC -M -MT x -D_GNU_SOURCE -Icommon $CFLAGS_LIBS -x c "$1" 2>/dev/null |
		tr ' \\' '\n\n' | sed '/^$/d; /^x:$/d' | xargs -r realpath -m |
		sed "s|^$ROOT/||" | sort -u
}

check_file() {  # FILE  WHERE (a part's name, or tool:DIR)
	f=$1 where=$2
	allowed=$(parts_allowed "${where#tool:}")
	deps=$(deps_of "$f") || true
	[ -n "$deps" ] || { complain "$f: the compiler could not read it"; return; }
	for d in $deps; do
		[ "$d" = "$f" ] && continue
		case $d in
		/*)
			library_owner "$d"
			[ "$owner" = libc ] && continue
			case $where in
			tool:*) complain "$f: pulls in $d, common/$owner's library: a tool sees no outside library's header" ;;
			*) [ "$owner" = "$where" ] ||
				complain "$f: pulls in $d, which belongs to common/$owner, not common/$where" ;;
			esac ;;
		common/*/*)
			dep_part=${d#common/}; dep_part=${dep_part%%/*}
			case $where in
			tool:*) ;;
			*) case " $allowed " in
				*" $dep_part "*) ;;
				*) complain "$f: pulls in $d: common/$where may not depend on common/$dep_part" ;;
				esac ;;
			esac ;;
		build/*/profiles_builtin.c|common/base/embedded_text.h) ;;
		*)
			case $where in
			tool:*) [ "${d%%/*}" = "${where#tool:}" ] ||
				complain "$f: pulls in $d: a tool includes no other tool's files" ;;
			*) complain "$f: pulls in $d: common/ knows no tool" ;;
			esac ;;
		esac
	done
}

# The style rule, from the text: includes between tree files name their part.
check_spelling() {  # FILE DIR
	grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$1" | while IFS=: read -r line text; do
		inc=$(echo "$text" | sed 's/^[^"]*"\([^"]*\)".*/\1/')
		case $2 in
		common/*) case $inc in
			*/*) ;;
			*) echo "$1:$line: include \"$inc\" without its part (write \"part/$inc\")" ;;
			esac ;;
		*) case $inc in
			*/*) [ -d "common/${inc%%/*}" ] || echo "$1:$line: \"$inc\" is not a part of common/" ;;
			*) [ -f "$2/$inc" ] || echo "$1:$line: \"$inc\" is neither in $2/ nor part-qualified" ;;
			esac ;;
		esac
	done
}

for f in $FILES; do
	dir=$(dirname "$f")
	case $dir in
	common/*)
		part=${dir#common/}
		[ -n "$(parts_allowed "$part")" ] ||
			{ complain "$f: common/$part is not a known part (add it to this script and HACKING.md)"; continue; }
		check_file "$f" "$part" ;;
	common|tests|bench|tools|examples|man|fuzz|build|debian|*/*) continue ;;
	*) check_file "$f" "tool:$dir" ;;
	esac
	msgs=$(check_spelling "$f" "$dir")
	[ -z "$msgs" ] || complain "$msgs"
done
exit $bad
