#!/bin/sh
# Unit tests of common/ (tests/unit/test-rules.c); the binary prints TAP.
exec "$(dirname "$0")/../build/tests/test-rules"
