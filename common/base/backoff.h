/*
 * backoff.h - how long to wait before retrying a request that failed for
 * a passing reason (a busy LDAP server, a deadlock victim, an HTTP 429),
 * one rule for every protocol: the first delay, doubling per attempt, up
 * to a ceiling.
 *
 * The delay is computed apart from the sleep so that tests can check it:
 * a delay of 1.6 s is { 1, 600000000 }, never { 0, 1600000000 } (which
 * nanosleep refuses with EINVAL, so the retry would not wait at all).
 */
#ifndef UCMIG_BACKOFF_H
#define UCMIG_BACKOFF_H

#include <time.h>

struct backoff {
	long first_ms;     /* the delay before the first retry */
	long max_ms;       /* the ceiling */
};

/* The delay before retry number attempt (0 for the first). */
struct timespec backoff_delay(const struct backoff *b, unsigned attempt);
/* Sleep that long; a signal cuts the sleep short, which is what a run
 * that is being stopped wants. */
void backoff_sleep(const struct backoff *b, unsigned attempt);

#endif
