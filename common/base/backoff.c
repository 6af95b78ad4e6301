/*
 * backoff.c - see backoff.h.
 */
#include "base/backoff.h"

struct timespec backoff_delay(const struct backoff *b, unsigned attempt)
{
	long ms = b->first_ms;
	struct timespec ts;

	/* Double without overflowing: stop once past the ceiling. */
	for (unsigned i = 0; i < attempt && ms < b->max_ms; i++)
		ms *= 2;
	if (ms > b->max_ms)
		ms = b->max_ms;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	return ts;
}

void backoff_sleep(const struct backoff *b, unsigned attempt)
{
	struct timespec ts = backoff_delay(b, attempt);

	nanosleep(&ts, NULL);
}
