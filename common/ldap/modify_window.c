/*
 * modify_window.c - see modify_window.h.
 */
#include "ldap/modify_window.h"

#include <stdlib.h>
#include <string.h>

#include "base/interrupt.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "base/xalloc.h"

enum { TRANSIENT_RETRIES = 6 };
/* Jobs journaled ahead of sending, per fdatasync. Journaling a job that
 * is then not sent (a crash before it) is safe: on resume its "begin"
 * without "done" makes the tool read the entry back. Syncing per refill
 * instead cost one fdatasync per user. */
enum { JOURNAL_AHEAD = 1024 };

struct window {
	struct ldap_session *s;
	const struct modify_change *change;
	size_t window;                 /* requests in flight at most */
	struct modify_job *jobs;
	size_t n, next, done;
	size_t journaled;              /* jobs [0, journaled) are in the journal */
	size_t *inflight, ninflight;   /* job indexes awaiting an answer */
	size_t *queue, nqueue;         /* job indexes to (re)send first */
	size_t cap;
	bool stop;
};

static int send_one(struct window *w, size_t i, bool *lost)
{
	struct modify_job *job = &w->jobs[i];
	char *values[2] = { (char *)job->value, NULL };
	LDAPMod mod = { w->change->op, (char *)w->change->attr, { .modv_strvals = values } };
	LDAPMod *mods[2] = { &mod, NULL };
	int rc = ldap_modify_ext(w->s->ld, job->dn, mods, NULL, NULL, &job->msgid);

	if (rc == LDAP_SUCCESS) {
		w->inflight[w->ninflight++] = i;
		return LDAP_SUCCESS;
	}
	if (ldap_rc_connection_lost(rc)) {
		*lost = true;
		job->resent = true;
		w->queue[w->nqueue++] = i;
		return LDAP_SUCCESS;
	}
	return rc;
}

/* Everything in flight goes back to the front of the queue. */
static int recover_connection(struct window *w)
{
	for (size_t k = 0; k < w->ninflight; k++) {
		w->jobs[w->inflight[k]].resent = true;
		w->queue[w->nqueue++] = w->inflight[k];
	}
	w->ninflight = 0;
	return ldap_session_reconnect(w->s);
}

/* Journal the next chunk of jobs and sync once for all of them. */
static int journal_ahead(struct window *w, struct journal *journal,
			 const struct modify_window_ops *ops)
{
	size_t end = w->journaled + JOURNAL_AHEAD;
	int status;

	if (end > w->n)
		end = w->n;
	for (; w->journaled < end; w->journaled++)
		if ((status = ops->before_send(w->journaled, ops->data)))
			return status;
	return journal_sync(journal);
}

static int fill(struct window *w, struct journal *journal, const struct modify_window_ops *ops,
		bool *lost)
{
	size_t batch[1024], nb = 0;
	int status;

	while (w->ninflight + nb < w->window && nb < sizeof(batch) / sizeof(batch[0])) {
		if (w->nqueue) {
			batch[nb++] = w->queue[--w->nqueue];
		} else if (w->next < w->n && !w->stop) {
			/* Nothing is sent before its journal record is on disk. */
			if (w->next == w->journaled && (status = journal_ahead(w, journal, ops)))
				return status;
			batch[nb++] = w->next++;
		} else {
			break;
		}
	}
	for (size_t k = 0; k < nb; k++) {
		int rc;

		if (*lost) {
			/* The rest of the batch waits for the reconnect. */
			w->queue[w->nqueue++] = batch[k];
			continue;
		}
		rc = send_one(w, batch[k], lost);
		if (rc != LDAP_SUCCESS) {
			w->done++;
			if (ops->finished(batch[k], rc, NULL, ops->data))
				w->stop = true;
		}
	}
	return 0;
}

static size_t take_inflight(struct window *w, int msgid, bool *found)
{
	for (size_t k = 0; k < w->ninflight; k++)
		if (w->jobs[w->inflight[k]].msgid == msgid) {
			size_t i = w->inflight[k];
			w->inflight[k] = w->inflight[--w->ninflight];
			*found = true;
			return i;
		}
	*found = false;
	return 0;
}

static void handle_result(struct window *w, LDAPMessage *res, const struct modify_window_ops *ops)
{
	bool found;
	size_t i = take_inflight(w, ldap_msgid(res), &found);
	char *diag = NULL;
	int err = LDAP_OTHER;

	if (!found)
		return;
	ldap_parse_result(w->s->ld, res, &err, NULL, &diag, NULL, NULL, 0);
	if (ldap_rc_transient(err) && w->jobs[i].tries < TRANSIENT_RETRIES) {
		backoff_sleep(&ldap_retry_backoff, w->jobs[i].tries++);
		w->queue[w->nqueue++] = i;
	} else {
		w->done++;
		if (ops->finished(i, err, diag, ops->data))
			w->stop = true;
	}
	ldap_memfree(diag);
}

int modify_window_run(struct ldap_session *s, const struct modify_change *change, size_t window,
		      struct modify_job *jobs, size_t n, struct journal *journal,
		      const struct modify_window_ops *ops, struct progress *progress)
{
	struct window w = { .s = s, .change = change, .window = window, .jobs = jobs, .n = n };
	int status = 0;

	w.cap = window + 1024;
	w.inflight = xcalloc(w.cap, sizeof(size_t));
	w.queue = xcalloc(w.cap, sizeof(size_t));
	while (!status) {
		bool lost = false;
		LDAPMessage *res = NULL;
		struct timeval timeout = { s->set->timeout, 0 };
		int rc;

		/* A signal: send nothing new, wait for what is in flight. */
		if (interrupt_requested())
			w.stop = true;
		if ((status = fill(&w, journal, ops, &lost)))
			break;
		if (lost) {
			status = recover_connection(&w);
			continue;
		}
		if (w.ninflight == 0) {
			if (w.nqueue == 0 && (w.next >= w.n || w.stop))
				break;
			continue;
		}
		rc = ldap_result(s->ld, LDAP_RES_ANY, LDAP_MSG_ONE, &timeout, &res);
		if (rc <= 0 && interrupt_requested()) {
			/* The signal cut the wait short: leave the answers in flight
			 * unread; their begin records make a re-run read them back. */
			ldap_msgfree(res);
			break;
		}
		if (rc > 0) {
			handle_result(&w, res, ops);
		} else {
			/* No answer within the timeout, or the connection broke. */
			int err = LDAP_SERVER_DOWN;
			if (rc < 0)
				ldap_get_option(s->ld, LDAP_OPT_RESULT_CODE, &err);
			if (rc == 0 || ldap_rc_connection_lost(err) || err == LDAP_SUCCESS)
				status = recover_connection(&w);
			else
				status = fail(ldap_exit_status(err), "%s: %s", s->uri, ldap_err2string(err));
		}
		ldap_msgfree(res);
		if (progress && progress_due(progress))
			progress_show(progress, "%zu of %zu changed, %zu in flight", w.done, w.n, w.ninflight);
	}
	free(w.inflight);
	free(w.queue);
	return status;
}
