#!/bin/sh
# Unit tests of common/ (tests/unit/test-text.c); the binary prints TAP.
exec "$(dirname "$0")/../build/tests/test-text"
