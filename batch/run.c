/*
 * run.c - see run.h.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/exitcode.h"
#include "base/interrupt.h"
#include "base/msg.h"
#include "domain/userlist.h"
#include "gate.h"
#include "handon.h"
#include "phases.h"
#include "run.h"
#include "state.h"

/* 1: the whole user list, before anything runs. */
static int check_users(void)
{
	struct userlist users;
	int status;

	userlist_init(&users);
	status = userlist_load(&users, BATCH_USERS, &(struct userlist_options){ 0 });
	if (!status && users.count == 0)
		status = fail(UCMIG_EX_DATAERR, "%s: no users in the batch", BATCH_USERS);
	userlist_free(&users);
	return status;
}

/* A phase that runs gets a heading; one this batch leaves out, a line. */
static void banner(const struct batch *b, enum phase p)
{
	if (phase_needed(b, p))
		printf("\n== %s%s\n", phase_dir(p), b->dry_run ? " (dry run)" : "");
	fflush(stdout);
}

/* What a tool's exit status makes of its phase: 0 and 1 (some users
 * failed, they stop here) let the batch go on. */
static bool phase_went_through(int exit)
{
	return exit == 0 || exit == UCMIG_EX_PARTIAL;
}

static int hand_on(struct batch *b, enum phase p, struct strbuf *note)
{
	unsigned long kept, stopped;
	int status;

	if (!phase_hands_on(p))
		return 0;
	/* export's list is its own --exported-users: only counted here. */
	if ((status = p == PHASE_EXPORT ? handon_count(b, p, &kept, &stopped) : handon_write(b, p, &kept, &stopped)))
		return status;
	strbuf_addf(note, "%lu handed on, %lu stopped", kept, stopped);
	printf("# %s: %lu user%s go on, %lu stop here\n", phase_name(p), kept, kept == 1 ? "" : "s", stopped);
	return 0;
}

/* The gate: 0 open, 75 not yet (recorded as waiting), or a signal's status. */
static int pass_gate(struct batch *b, struct batch_state *st, const struct run_request *rq)
{
	time_t opens, now = time(NULL);
	char at[6], note[96];
	int status;

	if ((status = gate_opens(b, &opens)))
		return status;
	if (opens > now && rq->wait) {
		batch_clock(opens, at);
		snprintf(note, sizeof(note), "waiting until %s", at);
		if ((status = state_record(st, PHASE_GATE, ST_WAITING, opens, note)) || (status = gate_wait(opens)))
			return status;
		now = time(NULL);
	}
	if (opens > now) {
		batch_clock(opens, at);
		snprintf(note, sizeof(note), "opens at %s", at);
		if ((status = state_record(st, PHASE_GATE, ST_WAITING, opens, note)))
			return status;
		return fail(UCMIG_EX_TEMPFAIL,
			    "gate: the Microsoft server may not have replicated the disable yet: run again at %s "
			    "(in %ld min), or with --wait", at, (long)(opens - now + 59) / 60);
	}
	if ((status = gate_mark_open(b, opens)))
		return status;
	printf("# gate: %s\n", opens ? "open" : "nothing to wait for (min-age 0, or nobody disabled)");
	return state_record(st, PHASE_GATE, ST_DONE, 0, opens ? "open" : "nothing to wait for");
}

/* One tool phase, recorded in the state. */
static int run_phase(struct batch *b, struct batch_state *st, enum phase p)
{
	struct strbuf note = STRBUF_INIT;
	struct phase_end end;
	int status;

	if ((status = state_record(st, p, ST_RUNNING, 0, "")) || (status = phase_run(b, p, &end)))
		goto out;
	if (end.skipped) {
		printf("# %s: skipped: %s\n", phase_name(p), end.why);
		status = state_record(st, p, ST_SKIPPED, 0, end.why);
		goto out;
	}
	if (!phase_went_through(end.exit)) {
		strbuf_addf(&note, "%s ended with %d: %s", phase_name(p), end.exit, exit_meaning(end.exit));
		status = state_record(st, p, ST_FAILED, end.exit, note.buf);
		status = status ? status : fail(end.exit, "%s; see %s/ and run again to go on", note.buf, phase_dir(p));
		goto out;
	}
	if (!(status = hand_on(b, p, &note)))
		status = state_record(st, p, ST_DONE, end.exit, note.buf);
out:
	strbuf_release(&note);
	return status;
}

/* --from PHASE: it and what follows are not done; but never an export
 * or disable again once delete has started: the export is the backup. */
static int rewind_to(struct batch_state *st, int from)
{
	int status;

	if (from < 0)
		return 0;
	if (from < PHASE_DELETE && st->phase[PHASE_DELETE].status != ST_NOT_STARTED)
		return fail(UCMIG_EX_USAGE, "--from %s: delete has run on this batch and its export is the backup; "
			    "--from delete or a later phase", phase_name(from));
	for (int p = from; p < PHASE_COUNT; p++)
		if (st->phase[p].status != ST_NOT_STARTED && (status = state_record(st, p, ST_RESET, 0, "--from")))
			return status;
	return 0;
}

int batch_run(struct batch *b, const struct run_request *rq)
{
	struct batch_state st = { .journal.fd = -1, .lock_fd = -1 };
	int status;

	if ((status = check_users()) || (status = state_load(&st, true)) || (status = rewind_to(&st, rq->from)))
		goto out;
	for (int p = 0; p < PHASE_COUNT && !status; p++) {
		if (st.phase[p].status == ST_DONE || st.phase[p].status == ST_SKIPPED)
			continue;
		if (interrupt_requested())
			break;
		banner(b, p);
		status = p == PHASE_GATE ? pass_gate(b, &st, rq) : run_phase(b, &st, p);
	}
out:
	state_release(&st);
	return interrupt_requested() ? interrupt_status() : status;
}

int batch_dry_run(struct batch *b)
{
	struct strbuf note = STRBUF_INIT;
	struct phase_end end;
	int status;

	b->dry_run = true;
	if ((status = check_users()))
		return status;
	for (int p = 0; p < PHASE_COUNT && !status && !interrupt_requested(); p++) {
		banner(b, p);
		if ((status = phase_run(b, p, &end)))
			break;
		if (end.skipped) {
			printf("# %s: skipped: %s\n", phase_name(p), end.why);
			continue;
		}
		if (!phase_went_through(end.exit)) {
			status = fail(end.exit, "%s -n ended with %d: %s", phase_name(p), end.exit, exit_meaning(end.exit));
			break;
		}
		strbuf_reset(&note);
		status = hand_on(b, p, &note);
	}
	strbuf_release(&note);
	return interrupt_requested() ? interrupt_status() : status;
}
