/*
 * tap.h - a minimal Test Anything Protocol producer for the C unit tests.
 *
 * Each check prints "ok N - name" or "not ok N - name" plus a diagnostic;
 * tap_done() prints the plan and returns the exit status for main(). The
 * stderr capture lets a test assert the exact message a function printed.
 */
#ifndef UCMIG_TAP_H
#define UCMIG_TAP_H

#include <stdbool.h>
#include <stddef.h>

bool tap_ok(bool cond, const char *name);
bool tap_is_int(long long got, long long want, const char *name);
bool tap_is_str(const char *got, const char *want, const char *name);
/* got contains want as a substring. */
bool tap_like(const char *got, const char *want, const char *name);
int tap_done(void);

/* Redirect stderr into a buffer; tap_stderr_end returns what was printed
 * (valid until the next capture). */
void tap_stderr_begin(void);
const char *tap_stderr_end(void);

/* Write data to a fresh temporary file and return its path (static). */
const char *tap_tempfile(const void *data, size_t len);

#endif
