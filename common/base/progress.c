/*
 * progress.c - see progress.h.
 */
#include "base/progress.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void progress_start(struct progress *p, enum progress_mode mode)
{
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->last = p->start;
	p->enabled = mode == PROGRESS_ON ||
		     (mode == PROGRESS_AUTO && isatty(STDERR_FILENO) && !msg_quiet());
}

double progress_elapsed(const struct progress *p)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return seconds_between(&p->start, &now);
}

bool progress_due(struct progress *p)
{
	struct timespec now;

	if (!p->enabled)
		return false;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (seconds_between(&p->start, &now) < 1.0 || seconds_between(&p->last, &now) < 0.2)
		return false;
	p->last = now;
	return true;
}

void progress_show(struct progress *p, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	if (!p->enabled)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	msg_status(line);
}

void progress_end(struct progress *p)
{
	if (p->enabled)
		msg_status(NULL);
}
