/*
 * outcome.h - what happened to each user and dropped row of an import
 * plan: the table (base/wrapup.h) that gives each its word in reports
 * and the summary and its effect on the exit status.
 *
 * Per user: planned, or unassigned (no node in --assignment: refused,
 * never guessed). Per row dropped: a self-contact or a duplicate (IM and
 * Presence would drop them too: nothing is lost), or over the contact
 * limit (IM and Presence would drop it silently: a failure, the row goes
 * to --rejects).
 *
 * Live (--xmpp), per roster item: added, merged into an item that was
 * there, unchanged, done by an earlier run (journal), or refused (the
 * owner has no account: ejabberd would answer success and store nothing),
 * failed, not attempted, sent and not answered when the run stopped;
 * the last four go to --rejects.
 *
 * --reconcile, per owner: arrived, incomplete, not arrived (reconcile.h).
 */
#ifndef UCMIG_IMPORT_OUTCOME_H
#define UCMIG_IMPORT_OUTCOME_H

#include "base/wrapup.h"

enum outcome {
	OUT_PLANNED,
	OUT_UNASSIGNED,
	OUT_SELF_CONTACT,
	OUT_DUPLICATE,
	OUT_OVER_LIMIT,
	/* --xmpp, per roster item (an owner and a contact, all its groups) */
	OUT_ADDED,               /* new on the roster */
	OUT_MERGED,              /* was there; our groups added to its own */
	OUT_UNCHANGED,           /* was there with these groups and nickname */
	OUT_JOURNAL_DONE,        /* added by an earlier run with this journal */
	OUT_WOULD_ADD,           /* --dry-run */
	OUT_WOULD_MERGE,
	OUT_NOT_REGISTERED,      /* the owner has no account: refused */
	OUT_FAILED,              /* the server refused the item */
	OUT_NOT_ATTEMPTED,       /* the run stopped first */
	OUT_UNANSWERED,          /* sent, and the run stopped before the answer */
	/* --reconcile, per owner */
	OUT_ARRIVED,             /* every expected row there, or left out on purpose */
	OUT_INCOMPLETE,          /* some missing */
	OUT_NOT_ARRIVED,         /* none there */
	OUT_COUNT
};

enum { GROUP_USERS, GROUP_DROPPED, GROUP_ITEMS, GROUP_REFUSED, GROUP_FAILED, GROUP_RECONCILE };

extern const struct outcome_def import_outcomes[OUT_COUNT];

#endif
