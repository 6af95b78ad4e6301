/*
 * disable_journal.h - the records of ucmig-disable's journals, a format
 * two tools read: disable (resume, undo) and delete (its --min-age
 * interlock: how long ago each user was disabled). This file is the one
 * definition of it and the one reader.
 *
 * ucmig-disable changes one attribute per run, so a journal is of one of
 * two kinds, told apart by the container's tool line (base/journal.h),
 * and a journal of one kind is refused where the other is read:
 *
 *   "ucmig-disable"                msRTCSIP-UserEnabled set to FALSE
 *   "ucmig-disable --set-address"  msRTCSIP-PrimaryUserAddress added
 *                                  where there was none
 *
 * Records, one tab-separated line each, keyed by the user's SIP URI (for
 * --set-address: the address added, exactly as it was written):
 *
 *   begin   URI DN PREVIOUS   about to change DN; PREVIOUS is the value
 *                             before: TRUE, FALSE, or empty when the
 *                             attribute was absent (--set-address: always
 *                             empty: only users without one are changed)
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

enum disable_journal_kind { JOURNAL_OF_ENABLED, JOURNAL_OF_ADDRESS };

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
int disable_journal_replay(const char *path, enum disable_journal_kind kind, disable_record_fn fn,
			   void *data);
/* Which kind the journal at path is, from its tool line: 0, or 65 for a
 * journal of neither kind (66 if it cannot be opened). */
int disable_journal_kind_of(const char *path, enum disable_journal_kind *kind);
/* Open (creating) for appending, replaying what is there first. */
int disable_journal_open(struct journal *j, const char *path, enum disable_journal_kind kind,
			 disable_record_fn fn, void *data);
/* Append one record. Returns 0 or an exit status. */
int disable_journal_write(struct journal *j, const struct disable_record *rec);

#endif
