/*
 * state.c - see state.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/msg.h"
#include "state.h"

#define STATE_TOOL "ucmig-batch"

static const char *const status_words[] = {
	[ST_NOT_STARTED] = "not-started", [ST_RUNNING] = "running", [ST_DONE] = "done",
	[ST_FAILED] = "failed", [ST_WAITING] = "waiting", [ST_SKIPPED] = "skipped", [ST_RESET] = "reset",
};

const char *phase_status_word(enum phase_status s)
{
	return status_words[s];
}

static bool parse_number(const char *s, long long *out)
{
	char *end;

	if (!*s)
		return false;
	*out = strtoll(s, &end, 10);
	return !*end;
}

static void apply(struct phase_state *ps, enum phase_status s, long long t, long long exit, const char *note)
{
	if (s == ST_RUNNING || s == ST_RESET) {
		free(ps->note);
		*ps = (struct phase_state){ .status = s == ST_RESET ? ST_NOT_STARTED : ST_RUNNING, .started = t };
		return;
	}
	if (s != ST_WAITING)
		ps->ended = t;
	if (!ps->started)
		ps->started = t;
	ps->status = s;
	ps->exit = exit;
	free(ps->note);
	ps->note = strdup(note);
}

static int replay(char **f, size_t n, unsigned long line, void *data)
{
	struct batch_state *st = data;
	enum phase p;
	long long t, exit;
	size_t s;

	for (s = 0; s < sizeof(status_words) / sizeof(status_words[0]); s++)
		if (n == 5 && strcmp(f[1], status_words[s]) == 0)
			break;
	msg_set_muted(true);
	int bad = n != 5 || phase_by_name(f[0], &p) || s == sizeof(status_words) / sizeof(status_words[0]) ||
		  !parse_number(f[2], &t) || !parse_number(f[3], &exit);
	msg_set_muted(false);
	if (bad)
		return fail(UCMIG_EX_DATAERR, "%s:%lu: not a record of the batch's state", BATCH_STATE, line);
	apply(&st->phase[p], s, t, exit, f[4]);
	return 0;
}

/* DIR/lock, held with flock(2) on a descriptor the tools inherit: the
 * lock lasts while the runbook or any tool it started lives, so a re-run
 * after a kill -9 of the runbook waits for its tool to stop (SIGTERM)
 * instead of running beside it. */
static int take_batch_lock(struct batch_state *st)
{
	st->lock_fd = open(BATCH_LOCK, O_RDWR | O_CREAT | O_NOFOLLOW, 0600);
	if (st->lock_fd < 0)
		return fail(UCMIG_EX_CANTCREAT, "%s: cannot open:", BATCH_LOCK);
	if (flock(st->lock_fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno == EWOULDBLOCK)
		return fail(UCMIG_EX_TEMPFAIL, "%s: in use by another run of this batch, or a tool of one still "
			    "stopping; wait for it to end", BATCH_LOCK);
	return fail(UCMIG_EX_IOERR, "%s: cannot lock:", BATCH_LOCK);
}

int state_load(struct batch_state *st, bool lock)
{
	int status;

	memset(st, 0, sizeof(*st));
	st->journal.fd = st->lock_fd = -1;
	if (lock)
		return (status = take_batch_lock(st)) ? status
						       : journal_open(&st->journal, BATCH_STATE, STATE_TOOL, replay, st);
	return state_read(st, BATCH_STATE);
}

int state_read(struct batch_state *st, const char *path)
{
	FILE *probe = fopen(path, "r");

	if (!probe)
		return 0;
	fclose(probe);
	return journal_replay(path, STATE_TOOL, replay, st);
}

int state_record(struct batch_state *st, enum phase p, enum phase_status s, long long exit, const char *note)
{
	char t[24], e[24];
	time_t now = time(NULL);
	const char *fields[5] = { phase_name(p), status_words[s], t, e, note ? note : "" };
	int status;

	snprintf(t, sizeof(t), "%lld", (long long)now);
	snprintf(e, sizeof(e), "%lld", exit);
	if ((status = journal_write(&st->journal, fields, 5)) || (status = journal_sync(&st->journal)))
		return status;
	apply(&st->phase[p], s, now, exit, fields[4]);
	return 0;
}

void state_release(struct batch_state *st)
{
	if (st->journal.fd >= 0)
		journal_close(&st->journal);
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	for (int p = 0; p < PHASE_COUNT; p++)
		free(st->phase[p].note);
}
