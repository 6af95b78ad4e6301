/*
 * deadline.h - one point in time that a chain of network steps must not
 * pass, so that "--timeout 5" bounds a step however many reads and
 * writes it takes (a slow server cannot reset the clock by trickling).
 */
#ifndef UCMIG_DEADLINE_H
#define UCMIG_DEADLINE_H

#include <stdbool.h>
#include <time.h>

struct deadline {
	struct timespec at;          /* CLOCK_MONOTONIC */
};

void deadline_in(struct deadline *d, long ms);
/* Milliseconds left, 0 once passed (for poll). */
int deadline_left_ms(const struct deadline *d);
bool deadline_passed(const struct deadline *d);

/* Wait until fd is ready for events (POLLIN/POLLOUT) or the deadline
 * passes: 1 ready, 0 timed out, -1 an error or an interrupt request
 * (base/interrupt.h), with errno set. */
int deadline_poll(int fd, short events, const struct deadline *d);

#endif
