/*
 * disable_journal.h - the records of ucmig-disable's journal, a format
 * two tools read: disable (resume, undo) and delete (its --min-age
 * interlock: how long ago each user was disabled). This file is the one
 * definition of it and the one reader.
 *
 * Container: base/journal.h ("#ucmig-journal 1 ucmig-disable", then one
 * tab-separated record a line). Records, keyed by the user's SIP URI:
 *
 *   begin   URI DN PREVIOUS   about to set msRTCSIP-UserEnabled; PREVIOUS
 *                             is its value before: TRUE, FALSE, or empty
 *                             when the attribute was absent
 *   done    URI TIME          the directory confirmed the change at TIME,
 *                             seconds since 1970 in decimal digits
 *   undone  URI               the previous value was put back
 *
 * Reading is strict: another record name, a wrong number of fields, a
 * URI that is not a user's SIP URI, an empty DN, a PREVIOUS other than
 * the three, or a TIME that is not decimal digits from the year 2000 on
 * stops the read with 65 naming file and line. (A "done" at "-5" or
 * "abc" once read as 1970 and let delete past its waiting time.) A torn
 * last line is the container's business: it is never seen here.
 */
#ifndef UCMIG_DISABLE_JOURNAL_H
#define UCMIG_DISABLE_JOURNAL_H

#include "base/journal.h"

#define DISABLE_JOURNAL_TOOL "ucmig-disable"

enum disable_event { DISABLE_BEGIN, DISABLE_DONE, DISABLE_UNDONE };

struct disable_record {
	enum disable_event event;
	const char *uri;        /* normalised SIP URI */
	const char *dn;         /* begin only */
	const char *previous;   /* begin only: "TRUE", "FALSE" or "" */
	long long time;         /* done only */
};

/* Called per record in file order; strings live until it returns.
 * Return 0 to go on or an exit status to stop. */
typedef int (*disable_record_fn)(const struct disable_record *rec, unsigned long line, void *data);

/* Read a journal without opening it for writing (undo's dry run,
 * delete's interlock). Returns 0, fn's status, or an exit status. */
int disable_journal_replay(const char *path, disable_record_fn fn, void *data);
/* Open (creating) for appending, replaying what is there first. */
int disable_journal_open(struct journal *j, const char *path, disable_record_fn fn, void *data);
/* Append one record. Returns 0 or an exit status. */
int disable_journal_write(struct journal *j, const struct disable_record *rec);

#endif
