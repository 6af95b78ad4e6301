/*
 * exitcode.h - the exit status contract shared by every ucmig tool.
 *
 * A function that can fail returns one of these (0 for success) after it
 * has printed its message; only main() turns it into the process status.
 * Library codes (LDAP, TDS, curl, libzip, expat) appear in messages only.
 * The values are those of <sysexits.h> so scripts can use either name.
 *
 * exit_table (exitcode.c) is the one text of this contract: --help
 * prints it, and t0100 checks that ucmig(7) lists exactly these codes
 * with these words and that no tool's page lists another.
 */
#ifndef UCMIG_EXITCODE_H
#define UCMIG_EXITCODE_H

enum ucmig_exit {
	UCMIG_OK = 0,           /* everything succeeded */
	UCMIG_EX_PARTIAL = 1,   /* ran to the end, some records failed */
	UCMIG_EX_USAGE = 64,    /* bad command line */
	UCMIG_EX_DATAERR = 65,  /* bad input data */
	UCMIG_EX_NOINPUT = 66,  /* input file missing or unreadable */
	UCMIG_EX_UNAVAILABLE = 69, /* server unreachable */
	UCMIG_EX_SOFTWARE = 70, /* internal error: a bug */
	UCMIG_EX_CANTCREAT = 73,/* cannot create output */
	UCMIG_EX_IOERR = 74,    /* I/O error */
	UCMIG_EX_TEMPFAIL = 75, /* try again later */
	UCMIG_EX_NOPERM = 77,   /* bind/login rejected or not permitted */
	UCMIG_EX_CONFIG = 78,   /* configuration error */
};

struct exit_info {
	int code;
	const char *text;       /* as --help and ucmig(7) say it */
};

/* Every status a tool may end with, in ascending order; ends with NULL text. */
extern const struct exit_info exit_table[];

/* What status code means, as the table says it; "unknown" for any other
 * (as --summary writes it). */
const char *exit_meaning(int code);

/* Of two statuses, the one a run should end with: the worse one. */
static inline int ucmig_exit_worst(int a, int b)
{
	if (a == UCMIG_OK)
		return b;
	if (b == UCMIG_OK)
		return a;
	/* Any hard error outranks "some records failed". */
	if (a == UCMIG_EX_PARTIAL)
		return b;
	return a;
}

#endif
