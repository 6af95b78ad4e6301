#!/bin/sh
# Unit tests of base/json.c (tests/unit/test-json.c); the binary prints TAP.
exec "$(dirname "$0")/../build/tests/test-json"
