/*
 * purge.c - see purge.h.
 */
#include "purge.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "base/exitcode.h"
#include "base/interrupt.h"
#include "base/msg.h"
#include "base/xalloc.h"
#include "database.h"
#include "domain/sipuri.h"

/* How long one poll waits before the loop looks at interrupts, overdue
 * answers and the progress line again. */
enum { POLL_SLICE_MS = 500 };

static void journal_key(const char *db, const char *uri, struct strbuf *out)
{
	struct strbuf key = STRBUF_INIT;

	sipuri_key(uri, &key);
	strbuf_reset(out);
	strbuf_addf(out, "%s\t%s", db, key.buf);
	strbuf_release(&key);
}

static int replay(char **f, size_t n, unsigned long line, void *data)
{
	struct purge *p = data;
	struct strbuf key = STRBUF_INIT;
	struct strset_entry *e;
	bool added;

	if (n < 3 || (strcmp(f[0], "begin") && strcmp(f[0], "done"))) {
		strbuf_release(&key);
		return fail(UCMIG_EX_DATAERR, "%s:%lu: not a record of this journal", p->journal.path, line);
	}
	journal_key(f[1], f[2], &key);
	e = strset_add(&p->journal_state, key.buf, &added);
	e->flags |= strcmp(f[0], "done") ? JOURNAL_BEGUN : JOURNAL_DONE;
	strbuf_release(&key);
	return 0;
}

int purge_open_journal(struct purge *p, const char *path)
{
	int status;

	strset_init(&p->journal_state);
	/* A dry run reads what an earlier run did, and leaves no file. */
	if (p->dry_run)
		return access(path, F_OK) == 0 ? journal_replay(path, "ucmig-delete", replay, p) : 0;
	status = journal_open(&p->journal, path, "ucmig-delete", replay, p);
	p->journal_open = !status;
	return status;
}

unsigned purge_journal_flags(struct purge *p, const char *db, const char *uri)
{
	struct strbuf key = STRBUF_INIT;
	struct strset_entry *e;

	journal_key(db, uri, &key);
	e = strset_find(&p->journal_state, key.buf);
	strbuf_release(&key);
	return e ? e->flags : 0;
}

int purge_journal_write(struct purge *p, const char *db, const char *uri, bool done, long long id)
{
	char number[32];
	const char *f[4] = { done ? "done" : "begin", db, uri, number };

	if (!p->journal_open)
		return 0;                   /* a dry run writes no journal */
	snprintf(number, sizeof(number), "%lld", done ? (long long)time(NULL) : id);
	return journal_write(&p->journal, f, 4);
}

int purge_close(struct purge *p)
{
	int status = p->journal_open ? journal_close(&p->journal) : 0;

	p->journal_open = false;
	strset_free(&p->journal_state);
	return status;
}

/* ---- the loop ------------------------------------------------------------ */

struct pool {
	struct purge *p;
	struct database *db;
	size_t ndb;
	struct pollfd *fds;
	struct connection **waiting;    /* the connection of each fds entry */
	size_t *waiting_db;
	size_t nconn;                   /* connections of all databases */
};

/* Give every idle connection work; then the connections waiting. */
static int feed_all(struct pool *pool, bool stopping, size_t *nwaiting)
{
	int status = 0;

	*nwaiting = 0;
	for (size_t d = 0; d < pool->ndb; d++) {
		struct database *db = &pool->db[d];
		for (size_t k = 0; k < db->nconn; k++) {
			struct connection *c = &db->conn[k];
			if (!stopping && !status)
				status = database_feed(db, c);
			if (c->user == NO_USER || !c->open)
				continue;
			pool->fds[*nwaiting] = (struct pollfd){ .fd = db_session_fd(&c->db), .events = POLLIN };
			pool->waiting[*nwaiting] = c;
			pool->waiting_db[*nwaiting] = d;
			(*nwaiting)++;
		}
	}
	return status;
}

/* Wait for answers and read those that came (or are overdue). */
static int answer_ready(struct pool *pool, size_t nwaiting)
{
	struct timespec now;
	int status = 0, ready = poll(pool->fds, nwaiting, POLL_SLICE_MS);

	if (ready < 0 && errno != EINTR)
		return fail(UCMIG_EX_SOFTWARE, "poll:");
	clock_gettime(CLOCK_MONOTONIC, &now);
	for (size_t w = 0; w < nwaiting; w++) {
		struct database *d = &pool->db[pool->waiting_db[w]];
		struct connection *c = pool->waiting[w];
		/* A database given up while answering another connection has
		 * closed this one already. */
		if (c->user == NO_USER || !c->open)
			continue;
		if ((ready > 0 && pool->fds[w].revents) || database_overdue(d, c, &now))
			status = ucmig_exit_worst(status, database_answer(d, c));
	}
	return status;
}

static void show_progress(struct purge *p)
{
	if (progress_due(&p->wrapup->progress))
		progress_show(&p->wrapup->progress, "%zu of %zu transactions (users x databases)",
			      p->order.filled, p->order.total);
}

static int run_loop(struct pool *pool)
{
	int status = 0;

	for (;;) {
		size_t nwaiting;
		bool stopping = status || interrupt_requested();
		status = ucmig_exit_worst(status, feed_all(pool, stopping, &nwaiting));
		if (!nwaiting)
			break;
		status = ucmig_exit_worst(status, answer_ready(pool, nwaiting));
		show_progress(pool->p);
	}
	return status;
}

int purge_pool(struct purge *p, struct topology *topo, const struct userlist *ul,
	       const enum refusal *refused)
{
	struct pool pool = { .p = p, .ndb = topo->n };
	bool *in_run = xcalloc(ul->count ? ul->count : 1, sizeof(bool));
	const char **action = xcalloc(topo->n ? topo->n : 1, sizeof(char *));
	struct strbuf *names = xcalloc(topo->n ? topo->n : 1, sizeof(struct strbuf));
	int status = 0;

	for (size_t i = 0; i < ul->count; i++)
		in_run[i] = refused[i] == REFUSE_NONE && ul->entry[i].kind == USERLIST_URI;
	for (size_t d = 0; d < topo->n; d++) {
		strbuf_init(&names[d]);
		strbuf_addf(&names[d], "delete@%s", topo->inst[d].name);
		action[d] = names[d].buf;
	}
	report_order_init(&p->order, p->wrapup, ul, in_run, action, topo->n);
	pool.db = xcalloc(topo->n ? topo->n : 1, sizeof(*pool.db));
	for (size_t d = 0; d < topo->n; d++)
		database_init(&pool.db[d], p, d, &topo->inst[d], ul, in_run, p->parallel);
	/* 1. Each database reached, checked and its users read (one after
	 * the other: a few round trips each). */
	for (size_t d = 0; d < topo->n && !status && !interrupt_requested(); d++)
		status = database_open(&pool.db[d]);
	/* 2. The other connections of each. */
	for (size_t d = 0; d < topo->n && !status && !interrupt_requested(); d++) {
		database_widen(&pool.db[d]);
		pool.nconn += pool.db[d].nconn;
	}
	/* 3. Every connection busy until every user is done everywhere. */
	pool.fds = xcalloc(pool.nconn ? pool.nconn : 1, sizeof(*pool.fds));
	pool.waiting = xcalloc(pool.nconn ? pool.nconn : 1, sizeof(*pool.waiting));
	pool.waiting_db = xcalloc(pool.nconn ? pool.nconn : 1, sizeof(*pool.waiting_db));
	if (!status)
		status = run_loop(&pool);
	report_order_flush_all(&p->order);
	report_order_release(&p->order);
	for (size_t d = 0; d < topo->n; d++)
		database_release(&pool.db[d]);
	for (size_t d = 0; d < topo->n; d++)
		strbuf_release(&names[d]);
	free(pool.db);
	free(pool.fds);
	free(pool.waiting);
	free(pool.waiting_db);
	free(names);
	free(action);
	free(in_run);
	return status;
}
