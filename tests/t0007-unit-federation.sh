#!/bin/sh
# Unit tests of ucmig-fedcheck's rules (tests/unit/test-federation.c):
# route patterns, Expressway regexes, domain lists. The binary prints TAP.
exec "$(dirname "$0")/../build/tests/test-federation"
