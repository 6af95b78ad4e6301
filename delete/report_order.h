/*
 * report_order.h - the report of a delete run in one order, whatever
 * order the answers come in.
 *
 * Every database of the pool and several connections to each work at
 * once, so outcomes arrive interleaved and out of order. The report
 * must read the same on every run: user by user in the list's order,
 * each user's databases in topology order. An outcome that arrives
 * early waits here (its detail copied) until everything before it is
 * in, then goes to the wrap-up.
 *
 * Which users expect an outcome on every database is fixed at init (the
 * list's users that no interlock refused); each (user, database) pair
 * gets exactly one. The order owns its slots and their copied details;
 * the wrap-up and the user list are borrowed.
 */
#ifndef UCMIG_REPORT_ORDER_H
#define UCMIG_REPORT_ORDER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/wrapup.h"
#include "domain/userlist.h"

struct report_order {
	struct wrapup *wrapup;
	const struct userlist *users;
	const bool *expected;      /* per user: an outcome on every database */
	const char *const *action; /* per database: "delete@NAME" */
	size_t ndb;
	struct report_slot *slot;  /* [user * ndb + database] */
	size_t next;               /* the first slot not yet reported */
	size_t filled, total;      /* outcomes in, outcomes expected */
};

void report_order_init(struct report_order *ro, struct wrapup *w, const struct userlist *ul,
		       const bool *expected, const char *const *action, size_t ndb);
/* The outcome of user on database; reported as soon as its turn comes. */
void report_order_put(struct report_order *ro, size_t user, size_t db, size_t outcome,
		      const char *detail);
/* Has (user, db) had its outcome? */
bool report_order_has(const struct report_order *ro, size_t user, size_t db);
/* At the end (or when the run stops early): report what is in, in order,
 * skipping the gaps of pairs that never got one. */
void report_order_flush_all(struct report_order *ro);
void report_order_release(struct report_order *ro);

#endif
