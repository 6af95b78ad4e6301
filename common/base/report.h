/*
 * report.h - the per-record report every tool can write (--report FILE).
 *
 * CSV with the header "key,action,result,detail", one line per record, so
 * a change board gets one file per batch that says what happened to whom.
 * The result is a token of base/result.h, the one table every tool's
 * reports share: the type says so.
 * A NULL report (no --report given) accepts every call and writes nothing,
 * so callers need no conditionals.
 */
#ifndef UCMIG_REPORT_H
#define UCMIG_REPORT_H

#include "base/outfile.h"
#include "base/result.h"

struct report {
	struct outfile out;
};

/* Open path (NULL = no report). Returns 0 or an exit status. */
int report_open(struct report *r, const char *path);
void report_line(struct report *r, const char *key, const char *action,
		 enum result result, const char *detail);
/* Push what is buffered to the file and say whether every write so far
 * succeeded (0, or UCMIG_EX_IOERR after a message): a tool checks this
 * before it puts its data files in place, so a run whose record could
 * not be written does not leave data behind as if all were well. */
int report_flush(struct report *r);
/* Returns 0 or an exit status if the report could not be written. */
int report_close(struct report *r);

/* A line of a report read back (another tool's --report, handed to this
 * one): valid while the callback runs. */
struct report_record {
	const char *key, *action, *result, *detail;
	const char *file;
	unsigned long line;
};
typedef int (*report_record_fn)(const struct report_record *r, void *data);
/* Read the report at path: the header passed over, every other line
 * exactly four fields (else 65 naming the line). Returns 0, fn's status,
 * or an exit status. */
int report_read(const char *path, report_record_fn fn, void *data);

#endif
