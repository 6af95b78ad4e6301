/*
 * status.c - see status.h.
 */
#include <stdio.h>

#include "base/result.h"
#include "standing.h"
#include "state.h"
#include "status.h"

static void print_counts(const struct standing *s, enum phase p)
{
	const char *sep = " [";

	for (int r = 0; r < RESULT_COUNT; r++)
		if (s->count[p][r]) {
			printf("%s%lu %s", sep, s->count[p][r], result_token(r));
			sep = ", ";
		}
	if (*sep == ',')
		putchar(']');
}

static void print_phase(const struct standing *s, const struct phase_state *ps, enum phase p)
{
	char from[6], to[6];

	printf("  %-11s %-11s", phase_dir(p), phase_status_word(ps->status));
	switch (ps->status) {
	case ST_NOT_STARTED: break;
	case ST_RUNNING:
		batch_clock(ps->started, from);
		printf(" since %s", from);
		break;
	case ST_WAITING:
		batch_clock((time_t)ps->exit, to);
		printf(" until %s", to);
		break;
	default:
		batch_clock(ps->started, from);
		batch_clock(ps->ended, to);
		printf(" %s-%s (%lld s)", from, to, (long long)(ps->ended - ps->started));
		if (*ps->note)
			printf(": %s", ps->note);
	}
	if (ps->status == ST_DONE)
		print_counts(s, p);
	putchar('\n');
}

int batch_status(const struct batch *b)
{
	struct batch_state st;
	struct standing s;
	unsigned long through = 0, stopped[PHASE_COUNT] = { 0 }, pending[PHASE_COUNT] = { 0 };
	int status;

	if ((status = state_load(&st, false)))
		return status;
	if ((status = standing_load(&s, b))) {
		state_release(&st);
		return status;
	}
	printf("batch %s: %zu user%s\n", b->dir, s.n, s.n == 1 ? "" : "s");
	for (int p = 0; p < PHASE_COUNT; p++)
		print_phase(&s, &st.phase[p], p);
	for (size_t i = 0; i < s.n; i++) {
		const struct user_standing *u = &s.user[i];
		u->place == USER_THROUGH ? through++ : u->place == USER_STOPPED ? stopped[u->at]++ : pending[u->at]++;
	}
	printf("users: %lu through every phase", through);
	for (int p = 0; p < PHASE_COUNT; p++) {
		if (stopped[p])
			printf(", %lu stopped at %s", stopped[p], phase_name(p));
		if (pending[p])
			printf(", %lu waiting at %s", pending[p], phase_name(p));
	}
	putchar('\n');
	standing_release(&s);
	state_release(&st);
	return 0;
}
