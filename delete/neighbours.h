/*
 * neighbours.h - which users of one database are on one another's
 * contact lists, so that a delete run never has two of them in flight
 * at once.
 *
 * Why: each user's transaction deletes the user's own contacts and holds
 * a range lock on the contacts pointing at the user until it commits
 * (resource_guard.h). Two users on each other's lists, deleted at the
 * same time, would each wait for the other: a deadlock, which SQL Server
 * breaks only when its lock monitor looks (up to 5 s) by rolling one of
 * them back (1205). Even one way round, one would wait for the other.
 * Colleagues of one batch are on each other's lists, and a list puts
 * them next to each other; so the purge takes, in list order, the first
 * user none of whose neighbours is in flight.
 *
 * Read once per database, with one #table for the run: the ResourceIds
 * of the users to delete into #ucmig_batch (250 a statement), then one
 * query for the Contact rows whose owner and buddy are both in it (the
 * pairs among the batch, not every contact of it). Nothing is read when
 * one connection does all the work.
 *
 * Owns its arrays; the session is borrowed.
 */
#ifndef UCMIG_NEIGHBOURS_H
#define UCMIG_NEIGHBOURS_H

#include <stdbool.h>
#include <stddef.h>

#include "mssql/db_session.h"

struct neighbours {
	size_t n;                  /* users of the list */
	size_t *start;             /* n + 1: user i's are list[start[i] .. start[i + 1]) */
	size_t *list;
	unsigned *near_in_flight;  /* per user: neighbours in flight now */
};

/* No neighbours yet, for a list of n users. */
void neighbours_init(struct neighbours *nb, size_t n);
/* Read who is on whose list among the count users given: user[k] has
 * ResourceId id[k]. Returns 0 or an exit status (reported). */
int neighbours_read(struct neighbours *nb, struct db_session *db, const long long *id,
		    const size_t *user, size_t count);
/* May user i go now (no neighbour in flight)? */
bool neighbours_clear(const struct neighbours *nb, size_t i);
/* User i's transaction went, or was answered. */
void neighbours_take(struct neighbours *nb, size_t i);
void neighbours_let_go(struct neighbours *nb, size_t i);
void neighbours_release(struct neighbours *nb);

#endif
