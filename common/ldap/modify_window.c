/*
 * modify_window.c - see modify_window.h.
 */
#include "ldap/modify_window.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ldap.h>

#include "base/interrupt.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

enum { TRANSIENT_RETRIES = 6 };
/* Jobs journaled ahead of sending, per fdatasync. Journaling a job that
 * is then not sent (a crash before it) is safe: on resume its "begin"
 * without "done" makes the tool read the entry back. Syncing per refill
 * instead cost one fdatasync per user. */
enum { JOURNAL_AHEAD = 1024 };

/* One connection and the requests outstanding on it. */
struct lane {
	struct ldap_session *s;
	size_t window;                 /* its share of the requests in flight */
	size_t *inflight, ninflight;   /* job indexes awaiting an answer */
	double heard;                  /* when it last answered, or was first sent to */
	bool lost;
};

struct window {
	struct lane *lanes;
	size_t nlanes;
	const struct modify_change *change;
	struct modify_job *jobs;
	size_t n, next, done;
	size_t journaled;              /* jobs [0, journaled) are in the journal */
	size_t *queue, nqueue;         /* job indexes to (re)send first */
	bool stop;
	struct journal *journal;
	const struct modify_window_ops *ops;
};

static double monotonic_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static size_t in_flight(const struct window *w)
{
	size_t n = 0;

	for (size_t k = 0; k < w->nlanes; k++)
		n += w->lanes[k].ninflight;
	return n;
}

/* libldap's answer in the caller's terms. */
static enum modify_result result_of(int rc)
{
	switch (rc) {
	case LDAP_SUCCESS: return MODIFY_DONE;
	case LDAP_TYPE_OR_VALUE_EXISTS:
	case LDAP_CONSTRAINT_VIOLATION: return MODIFY_VALUE_EXISTS;
	case LDAP_NO_SUCH_ATTRIBUTE: return MODIFY_NO_SUCH_VALUE;
	default: return MODIFY_REFUSED;
	}
}

static const int ldap_mod_op[] = {
	[MODIFY_REPLACE] = LDAP_MOD_REPLACE, [MODIFY_ADD] = LDAP_MOD_ADD, [MODIFY_DELETE] = LDAP_MOD_DELETE,
};

static void finish(struct window *w, struct lane *l, size_t i, int rc, const char *diag)
{
	struct strbuf error = STRBUF_INIT;
	struct modify_answer a = { result_of(rc), NULL };

	if (a.result != MODIFY_DONE) {
		strbuf_addf(&error, "%s (%d)%s%s", ldap_err2string(rc), rc, diag && *diag ? ": " : "",
			    diag ? diag : "");
		a.error = error.buf;
	}
	w->done++;
	if (w->ops->finished(i, &a, l->s, w->ops->data))
		w->stop = true;
	strbuf_release(&error);
}

static void send_one(struct window *w, struct lane *l, size_t i)
{
	struct modify_job *job = &w->jobs[i];
	char *values[2] = { (char *)job->value, NULL };
	LDAPMod mod = { ldap_mod_op[w->change->op], (char *)w->change->attr, { .modv_strvals = values } };
	LDAPMod *mods[2] = { &mod, NULL };
	int rc = ldap_modify_ext(l->s->ld, job->dn, mods, NULL, NULL, &job->msgid);

	if (rc == LDAP_SUCCESS) {
		if (!l->ninflight)
			l->heard = monotonic_now();   /* silence counts from here */
		l->inflight[l->ninflight++] = i;
	} else if (ldap_rc_connection_lost(rc)) {
		l->lost = true;
		job->resent = true;
		w->queue[w->nqueue++] = i;
	} else {
		finish(w, l, i, rc, NULL);
	}
}

/* Everything in flight on the lane goes back to the queue, for any lane. */
static int recover_lane(struct window *w, struct lane *l)
{
	for (size_t k = 0; k < l->ninflight; k++) {
		w->jobs[l->inflight[k]].resent = true;
		w->queue[w->nqueue++] = l->inflight[k];
	}
	l->ninflight = 0;
	l->lost = false;
	return ldap_session_reconnect(l->s);
}

/* Journal the next chunk of jobs and sync once for all of them. */
static int journal_ahead(struct window *w)
{
	size_t end = w->journaled + JOURNAL_AHEAD;
	int status;

	if (end > w->n)
		end = w->n;
	for (; w->journaled < end; w->journaled++)
		if ((status = w->ops->before_send(w->journaled, w->ops->data)))
			return status;
	return journal_sync(w->journal);
}

/* Top the lane up to its window: jobs sent again first, then new ones. */
static int fill(struct window *w, struct lane *l)
{
	int status;

	while (l->ninflight < l->window && !l->lost) {
		size_t i;

		if (w->nqueue) {
			i = w->queue[--w->nqueue];
		} else if (w->next < w->n && !w->stop) {
			/* Nothing is sent before its journal record is on disk. */
			if (w->next == w->journaled && (status = journal_ahead(w)))
				return status;
			i = w->next++;
		} else {
			break;
		}
		send_one(w, l, i);
	}
	return 0;
}

static bool take_inflight(struct lane *l, const struct modify_job *jobs, int msgid, size_t *i)
{
	for (size_t k = 0; k < l->ninflight; k++)
		if (jobs[l->inflight[k]].msgid == msgid) {
			*i = l->inflight[k];
			l->inflight[k] = l->inflight[--l->ninflight];
			return true;
		}
	return false;
}

static void handle_result(struct window *w, struct lane *l, LDAPMessage *res)
{
	char *diag = NULL;
	int err = LDAP_OTHER;
	size_t i;

	if (!take_inflight(l, w->jobs, ldap_msgid(res), &i))
		return;
	ldap_parse_result(l->s->ld, res, &err, NULL, &diag, NULL, NULL, 0);
	if (ldap_rc_transient(err) && w->jobs[i].tries < TRANSIENT_RETRIES) {
		backoff_sleep(&ldap_retry_backoff, w->jobs[i].tries++);
		w->queue[w->nqueue++] = i;
	} else {
		finish(w, l, i, err, diag);
	}
	ldap_memfree(diag);
}

/* Take every answer the lane has, without waiting: libldap may hold some
 * already read (TLS decrypts whole records), which poll(2) cannot see. */
static int drain(struct window *w, struct lane *l)
{
	while (l->ninflight && !l->lost) {
		struct timeval none = { 0, 0 };
		LDAPMessage *res = NULL;
		int rc = ldap_result(l->s->ld, LDAP_RES_ANY, LDAP_MSG_ONE, &none, &res);

		if (rc > 0) {
			handle_result(w, l, res);
			l->heard = monotonic_now();
		} else if (rc < 0) {
			int err = LDAP_SERVER_DOWN;
			ldap_get_option(l->s->ld, LDAP_OPT_RESULT_CODE, &err);
			if (!ldap_rc_connection_lost(err) && err != LDAP_SUCCESS)
				return fail(ldap_exit_status(err), "%s: %s", l->s->uri, ldap_err2string(err));
			l->lost = true;
		}
		ldap_msgfree(res);
		if (rc == 0)
			break;
	}
	return 0;
}

/* Take what every busy lane already has. A lane's answers can be waiting
 * inside libldap where poll(2) cannot see them: the finished hook's
 * synchronous read-back queues them there. It reads over the lane being
 * drained, which drain() then empties; this pass keeps that true should
 * a hook ever read over another. */
static int drain_all(struct window *w, bool *took)
{
	size_t before = w->done + w->nqueue;
	int status;

	*took = false;
	for (size_t k = 0; k < w->nlanes; k++) {
		if ((status = drain(w, &w->lanes[k])))
			return status;
		*took |= w->lanes[k].lost;     /* reconnect before waiting on the others */
	}
	*took |= w->done + w->nqueue != before;
	return 0;
}

/* Wait until some lane has answers, one is silent past --timeout, or a
 * signal comes; take what arrived. Sets *interrupted when a signal cut
 * the wait short: the answers in flight are then left unread (their
 * begin records make a re-run read them back). */
static int wait_answers(struct window *w, bool *interrupted)
{
	struct pollfd fds[MODIFY_WINDOW_MAX_SESSIONS];
	size_t lane_of[MODIFY_WINDOW_MAX_SESSIONS], nfds = 0;
	double now, first_deadline;
	bool took = false;
	int status, ready;

	if ((status = drain_all(w, &took)) || took)
		return status;
	now = monotonic_now();
	first_deadline = now + 3600;
	for (size_t k = 0; k < w->nlanes; k++) {
		struct lane *l = &w->lanes[k];
		double deadline = l->heard + l->s->set->timeout;
		int fd = -1;

		if (!l->ninflight || l->lost)
			continue;
		if (deadline < first_deadline)
			first_deadline = deadline;
		ldap_get_option(l->s->ld, LDAP_OPT_DESC, &fd);
		fds[nfds] = (struct pollfd){ .fd = fd, .events = POLLIN };
		lane_of[nfds++] = k;
	}
	if (!nfds)
		return 0;
	ready = poll(fds, nfds, first_deadline > now ? (int)((first_deadline - now) * 1000) + 1 : 0);
	if (ready < 0 && errno != EINTR)
		return fail(UCMIG_EX_SOFTWARE, "poll:");
	if (ready <= 0 && interrupt_requested()) {
		*interrupted = true;
		return 0;
	}
	now = monotonic_now();
	for (size_t k = 0; k < nfds; k++) {
		struct lane *l = &w->lanes[lane_of[k]];

		if (fds[k].revents && (status = drain(w, l)))
			return status;
		/* No answer within the timeout: as good as a broken connection. */
		if (!fds[k].revents && l->ninflight && now - l->heard >= l->s->set->timeout)
			l->lost = true;
	}
	return 0;
}

int modify_window_run(struct ldap_session *sessions, size_t nsessions, const struct modify_change *change,
		      size_t window, struct modify_job *jobs, size_t n, struct journal *journal,
		      const struct modify_window_ops *ops, struct progress *progress)
{
	struct window w = { .change = change, .jobs = jobs, .n = n, .journal = journal, .ops = ops };
	int status = 0;

	/* Never more connections than requests in flight: --window 1 is one
	 * request at a time, on one connection. */
	if (window == 0)
		window = 1;
	if (nsessions > window)
		nsessions = window;
	if (nsessions > MODIFY_WINDOW_MAX_SESSIONS)
		nsessions = MODIFY_WINDOW_MAX_SESSIONS;
	w.nlanes = nsessions;
	w.lanes = xcalloc(nsessions, sizeof(*w.lanes));
	for (size_t k = 0; k < nsessions; k++) {
		struct lane *l = &w.lanes[k];
		/* The window is shared out; every lane gets at least one. */
		l->s = &sessions[k];
		l->window = window / nsessions + (k < window % nsessions);
		l->inflight = xcalloc(l->window, sizeof(size_t));
	}
	/* A job is queued only when it leaves a lane or comes back unsent. */
	w.queue = xcalloc(window + nsessions + 1, sizeof(size_t));
	while (!status) {
		bool interrupted = false;

		/* A signal: send nothing new, wait for what is in flight. */
		if (interrupt_requested())
			w.stop = true;
		for (size_t k = 0; k < w.nlanes && !status; k++) {
			struct lane *l = &w.lanes[k];
			if (l->lost)
				status = recover_lane(&w, l);
			if (!status)
				status = fill(&w, l);
		}
		if (status)
			break;
		if (in_flight(&w) == 0) {
			/* A lane that broke in fill() queued its job, so a lost lane
			 * with work left shows here as a queue to send. */
			if (w.nqueue == 0 && (w.next >= w.n || w.stop))
				break;
			continue;
		}
		status = wait_answers(&w, &interrupted);
		if (interrupted)
			break;
		if (progress && progress_due(progress))
			progress_show(progress, "%zu of %zu changed, %zu in flight", w.done, w.n, in_flight(&w));
	}
	for (size_t k = 0; k < w.nlanes; k++)
		free(w.lanes[k].inflight);
	free(w.lanes);
	free(w.queue);
	return status;
}
