#!/bin/sh
# Unit tests of the option table (tests/unit/test-cmdline.c); the binary prints TAP.
exec "$(dirname "$0")/../build/tests/test-cmdline"
