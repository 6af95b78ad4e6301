#!/bin/sh
# check-deb.sh DEBDIR VERSION - the Debian package as administrators get
# it (as root, on this machine): installed with apt, its autopkgtest run
# against it, the whole shell suite run against /usr/bin instead of
# build/, then purged, and nothing it installed may be left on disk.
set -eu
dir=$(cd "$1" && pwd)
version=$2
deb=$(ls "$dir"/ucmig_"$version"_*.deb)

apt-get -o DPkg::Lock::Timeout=600 -q install -y "$deb"
dpkg -L ucmig | sort >"$dir/installed-files"

echo "== autopkgtest (debian/tests) against the installed package"
rm -rf "$dir/autopkgtest"
autopkgtest --output-dir "$dir/autopkgtest" "$deb" "$dir/ucmig-$version" -- null

echo "== the shell suite against /usr/bin"
cd "$(dirname "$0")/../tests"
UCMIG_BINDIR=/usr/bin prove --exec /bin/sh -j"${TEST_JOBS:-4}" t[0-9]*.sh

echo "== purge: nothing of the package may stay"
apt-get -o DPkg::Lock::Timeout=600 -q purge -y ucmig
left=0
while read -r path; do
	case $path in
	/usr/bin/ucmig-*|/usr/share/ucmig*|/usr/share/doc/ucmig*|/usr/share/man/*/ucmig*|\
	/usr/share/bash-completion/completions/ucmig-*)
		if [ -e "$path" ]; then echo "left behind: $path" >&2; left=1; fi ;;
	esac
done <"$dir/installed-files"
[ "$(dpkg-query -W -f '${db:Status-Status}' ucmig 2>/dev/null || echo not-installed)" != installed ] ||
	{ echo "ucmig is still installed" >&2; left=1; }
[ $left -eq 0 ] && echo "purged: nothing left"
exit $left
