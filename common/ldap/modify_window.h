/*
 * modify_window.h - sending many single-attribute changes to the
 * directory with a bounded window of outstanding requests.
 *
 * One request at a time would cost a round trip per user; an unbounded
 * flood would swamp a domain controller. The window keeps the caller's
 * number of requests in flight (ucmig-disable's --window), shared out
 * over the caller's sessions (--parallel): slapd spends about 40 % less
 * CPU on the same modifies over 4 connections than over one (measured:
 * bench/README.md). One thread waits on all of them with poll(2), so the
 * hooks need no locks; a job goes to whichever connection has room, in
 * job order.
 *
 * Jobs are journaled ahead in chunks by the caller's before_send hook,
 * with one sync per chunk, and none is sent before its record is synced.
 * If a connection drops or stays silent past --timeout, it reconnects and
 * every request it had without an answer is sent again, on whichever
 * connection has room (a replace with the same value is idempotent; the
 * job is marked resent for the caller's check of an add). Busy or
 * unavailable answers are retried with backoff, a bounded number of
 * times; other errors are final for that job.
 */
#ifndef UCMIG_MODIFY_WINDOW_H
#define UCMIG_MODIFY_WINDOW_H

#include <stdbool.h>
#include <stddef.h>

#include "base/journal.h"
#include "ldap/ldap_session.h"
#include "base/progress.h"

/* What every job of a run does to its entry: one attribute, one value. */
enum modify_op { MODIFY_REPLACE, MODIFY_ADD, MODIFY_DELETE };

struct modify_change {
	const char *attr;
	enum modify_op op;
};

/* How the directory answered a job, in the terms a caller decides on:
 * libldap's codes stay inside common/ldap. */
enum modify_result {
	MODIFY_DONE,
	MODIFY_VALUE_EXISTS,   /* an add found the value there (or a constraint said so) */
	MODIFY_NO_SUCH_VALUE,  /* a delete found no value */
	MODIFY_REFUSED,        /* any other final error */
};

struct modify_answer {
	enum modify_result result;
	const char *error;     /* unless done: "Insufficient access (50): the server's words" */
};

struct modify_job {
	const char *dn;
	const char *value;     /* the value replaced, added or deleted */
	int msgid;             /* while in flight */
	unsigned tries;
	bool resent;           /* sent again after a lost connection */
};

struct modify_window_ops {
	/* Journal job i before it may be sent (it may then not be, if the run
	 * stops first). Return 0 or an exit status. */
	int (*before_send)(size_t i, void *data);
	/* Job i is answered (a), s the connection that answered,
	 * alive, for a read-back (a read over another could find it broken,
	 * and would leave that one's answers where poll(2) cannot see them).
	 * Return true to stop sending new jobs (those in flight are still
	 * awaited). */
	bool (*finished)(size_t i, const struct modify_answer *a, struct ldap_session *s, void *data);
	void *data;
};

/* Connections one window uses at most (more are not used). */
#define MODIFY_WINDOW_MAX_SESSIONS 16

/* Run every job over sessions[0 .. nsessions), open and bound to the same
 * server. Returns 0, or an exit status when the run could not go on (the
 * server stayed away, the journal could not be written). */
int modify_window_run(struct ldap_session *sessions, size_t nsessions, const struct modify_change *change,
		      size_t window, struct modify_job *jobs, size_t n, struct journal *journal,
		      const struct modify_window_ops *ops, struct progress *progress);

#endif
