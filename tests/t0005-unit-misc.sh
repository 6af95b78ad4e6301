#!/bin/sh
# Unit tests of common/ (tests/unit/test-misc.c); the binary prints TAP.
exec "$(dirname "$0")/../build/tests/test-misc"
