#!/bin/sh
# demo.sh - `make demo`: a real export from the synthetic examples, shown
# step by step as an administrator would run it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PATH=$top/build:$PATH
work=$(mktemp -d "${TMPDIR:-/tmp}/ucmig-demo.XXXXXX")
cd "$work"

if [ -t 1 ]; then bold='\033[1m' plain='\033[0m'; else bold= plain=; fi
step() { printf "\n${bold}== %s${plain}\n" "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }

step "The batch: users to move (one is not on the Microsoft server)"
cp "$top/examples/users.txt" batch1.txt
show cat batch1.txt

step "Export their contact lists from an Export-CsUserData backup (Lync 2013+)"
show ucmig-export --userdata "$top/examples/ExportedUserData.zip" \
	-o batch1-contacts.csv --exported-users batch1-users.txt \
	--report batch1-export.csv batch1.txt || echo "(exit $?: some users were not found; see the report)"

step "The BAT contact CSV for IM and Presence"
show cat batch1-contacts.csv

step "The users actually exported: the input for disable and delete"
show cat batch1-users.txt

step "The per-record report for the change board"
show cat batch1-export.csv

step "A Lync 2010 / OCS dbimpexp file (UTF-16), with a header line"
show ucmig-export --userdata "$top/examples/dbimpexp.xml" --header

printf '\nDemo files are in %s\n' "$work"
