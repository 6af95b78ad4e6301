#!/bin/sh
# deps.sh - install the Debian packages ucmig needs, and only those that
# are missing, so `make check` and `make demo` work on a fresh Debian 12
# machine and cost nothing on a prepared one.
#
# usage: tools/deps.sh PACKAGE...
set -eu

missing=
for pkg in "$@"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	case $status in
	*" installed") ;;
	*) missing="$missing $pkg" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: missing Debian packages:$missing" >&2
	echo "deps.sh: run 'make deps' as root, or: apt-get install$missing" >&2
	exit 1
fi
echo "deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# Another apt run may hold the lock on a shared machine: wait for it.
apt-get -o DPkg::Lock::Timeout=600 -q update >/dev/null
# shellcheck disable=SC2086
apt-get -o DPkg::Lock::Timeout=600 -q install -y --no-install-recommends $missing
