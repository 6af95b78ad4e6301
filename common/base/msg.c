/*
 * msg.c - formatting and writing of every diagnostic a tool prints.
 */
#include "base/msg.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *progname = "ucmig";
static bool quiet;
static bool muted;
static bool status_drawn;

void msg_init(const char *name)
{
	const char *slash = strrchr(name, '/');

	progname = slash ? slash + 1 : name;
}

const char *msg_progname(void)
{
	return progname;
}

void msg_set_quiet(bool q)
{
	quiet = q;
}

void msg_set_muted(bool m)
{
	muted = m;
}

bool msg_quiet(void)
{
	return quiet;
}

static void clear_status(void)
{
	if (status_drawn) {
		fputs("\r\033[K", stderr);
		status_drawn = false;
	}
}

static void emit(const char *level, const char *fmt, va_list ap)
{
	int saved_errno = errno;
	size_t len = strlen(fmt);

	if (muted)
		return;
	flockfile(stderr);          /* one line, even from two threads */
	clear_status();
	fprintf(stderr, "%s: %s", progname, level);
	vfprintf(stderr, fmt, ap);
	if (len > 0 && fmt[len - 1] == ':')
		fprintf(stderr, " %s", strerror(saved_errno));
	fputc('\n', stderr);
	fflush(stderr);
	funlockfile(stderr);
}

int fail(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("", fmt, ap);
	va_end(ap);
	return status;
}

void warn(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	emit("warning: ", fmt, ap);
	va_end(ap);
}

void note(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	emit("", fmt, ap);
	va_end(ap);
}

void msg_status(const char *line)
{
	clear_status();
	if (line && !quiet) {
		fprintf(stderr, "%s: %s", progname, line);
		status_drawn = true;
	}
	fflush(stderr);
}
