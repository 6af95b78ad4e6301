#!/bin/sh
# Unit tests of common/ (tests/unit/test-csv.c); the binary prints TAP.
exec "$(dirname "$0")/../build/tests/test-csv"
