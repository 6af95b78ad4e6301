/*
 * exitcode.c - the exit status contract as text (see exitcode.h).
 */
#include "base/exitcode.h"

#include <stddef.h>

const struct exit_info exit_table[] = {
	{ UCMIG_OK, "everything succeeded" },
	{ UCMIG_EX_PARTIAL, "ran to the end, some records failed (see the report)" },
	{ UCMIG_EX_USAGE, "bad command line" },
	{ UCMIG_EX_DATAERR, "bad input data" },
	{ UCMIG_EX_NOINPUT, "input file missing" },
	{ UCMIG_EX_UNAVAILABLE, "server unreachable" },
	{ UCMIG_EX_SOFTWARE, "internal error: a bug in ucmig, or out of memory" },
	{ UCMIG_EX_CANTCREAT, "cannot create output" },
	{ UCMIG_EX_IOERR, "I/O error" },
	{ UCMIG_EX_TEMPFAIL, "try later, for example the disable has not reached the Microsoft server" },
	{ UCMIG_EX_NOPERM, "bind or login rejected, or not permitted" },
	{ UCMIG_EX_CONFIG, "configuration error" },
	{ 129, "stopped by SIGHUP: run the same command again to finish" },
	{ 130, "stopped by SIGINT: run the same command again to finish" },
	{ 143, "stopped by SIGTERM: run the same command again to finish" },
	{ 0, NULL },
};

const char *exit_meaning(int code)
{
	for (const struct exit_info *e = exit_table; e->text; e++)
		if (e->code == code)
			return e->text;
	return "unknown";
}
