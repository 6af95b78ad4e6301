/*
 * deadline.c - see deadline.h.
 */
#include <errno.h>
#include <poll.h>

#include "base/interrupt.h"
#include "net/deadline.h"

void deadline_in(struct deadline *d, long ms)
{
	clock_gettime(CLOCK_MONOTONIC, &d->at);
	d->at.tv_sec += ms / 1000;
	d->at.tv_nsec += (ms % 1000) * 1000000L;
	if (d->at.tv_nsec >= 1000000000L) {
		d->at.tv_sec++;
		d->at.tv_nsec -= 1000000000L;
	}
}

int deadline_left_ms(const struct deadline *d)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(d->at.tv_sec - now.tv_sec) * 1000 + (d->at.tv_nsec - now.tv_nsec) / 1000000;
	return ms > 0 ? (ms > 1 << 30 ? 1 << 30 : (int)ms) : 0;
}

bool deadline_passed(const struct deadline *d)
{
	return deadline_left_ms(d) == 0;
}

/* Poll in slices, so that a signal delivered to another thread still
 * stops this one within a slice. */
#define SLICE_MS 200

int deadline_poll(int fd, short events, const struct deadline *d)
{
	struct pollfd p = { .fd = fd, .events = events };
	int left, rc;

	for (;;) {
		if (interrupt_requested()) {
			errno = EINTR;
			return -1;
		}
		if ((left = deadline_left_ms(d)) == 0)
			return 0;
		rc = poll(&p, 1, left < SLICE_MS ? left : SLICE_MS);
		if (rc > 0)
			return 1;
		if (rc < 0 && errno != EINTR)
			return -1;
	}
}
