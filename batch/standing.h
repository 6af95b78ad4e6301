/*
 * standing.h - where each user of the batch stands: the join of the
 * phases' reports and handed-on lists on the user's address, in the
 * order of users.txt. status, report and the run's own --report are all
 * made from it; it reads files only, so it says the same however often
 * it is made.
 *
 * A user goes through the phases while each hands them on; the first
 * phase that does not is where they stopped, with that phase's verdict
 * for them (results.h) as the reason. A phase not run yet leaves them
 * waiting there ("pending").
 *
 * Ownership: struct standing owns everything (standing_release).
 */
#ifndef UCMIG_BATCH_STANDING_H
#define UCMIG_BATCH_STANDING_H

#include <stdbool.h>
#include <stddef.h>

#include "base/result.h"
#include "batch.h"

enum user_place { USER_THROUGH, USER_STOPPED, USER_PENDING };

struct phase_cell {
	bool reached;          /* the user was in the phase's input */
	bool has_result;       /* its report has a line for the user */
	enum result result;
	char *detail;
};

struct user_standing {
	char *uri;             /* as users.txt gives it, normalised */
	enum user_place place;
	enum phase at;         /* USER_STOPPED, USER_PENDING: the phase */
	struct phase_cell cell[PHASE_COUNT];
};

struct standing {
	struct user_standing *user;
	size_t n;
	/* users handed on by each phase; entered[p]: users phase p acted on */
	unsigned long entered[PHASE_COUNT], passed[PHASE_COUNT];
	bool ran[PHASE_COUNT];          /* the phase's outputs are there */
	/* per phase, users by verdict: count[p][result] */
	unsigned long count[PHASE_COUNT][RESULT_COUNT];
};

/* Build it from b->root's phase directories. Returns 0 or an exit status. */
int standing_load(struct standing *s, const struct batch *b);
void standing_release(struct standing *s);
/* The verdict where the user stopped (USER_STOPPED), as a result; a user
 * whose phase wrote no line for them is RESULT_NOT_ATTEMPTED. */
enum result standing_reason(const struct user_standing *u, const char **detail);

#endif
