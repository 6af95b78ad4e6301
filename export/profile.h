/*
 * profile.h - the SQL a database export runs, as data: which tables and
 * columns it needs, and its queries (the .profile files of
 * export/profiles, built into the binary; --profile FILE for a corrected
 * one).
 *
 * A profile is checked against the live catalog (INFORMATION_SCHEMA) before
 * its first query, so a database that differs from the reconstruction
 * fails with the missing table or column named, not halfway through.
 */
#ifndef UCMIG_PROFILE_H
#define UCMIG_PROFILE_H

#include <stddef.h>

#include "db_session.h"
#include "strbuf.h"

enum profile_query { PQ_USERS, PQ_ALL_USERS, PQ_GROUPS, PQ_CONTACTS, PQ_COUNT };

#define PROFILE_MAX_TABLES 16
#define PROFILE_MAX_COLUMNS 16

struct profile_table {
	char *name;
	char *column[PROFILE_MAX_COLUMNS];
	size_t ncolumns;
};

struct profile {
	char *name;
	char *source;                   /* file name, or "built-in" */
	int version[4];                 /* schema versions it fits: 2007, 2010, 2013 */
	size_t nversions;
	struct profile_table table[PROFILE_MAX_TABLES];
	size_t ntables;
	char *query[PQ_COUNT];
};

/* Parse profile text; source names it in messages. 0 or UCMIG_EX_CONFIG. */
int profile_parse(struct profile *p, const char *text, const char *source);
/* Read and parse a file (--profile). */
int profile_load(struct profile *p, const char *path);
/* The built-in profile for a schema version. */
int profile_builtin(struct profile *p, int version);
void profile_free(struct profile *p);

/* Every table and column the profile names must be in the database's
 * catalog; returns 0 or UCMIG_EX_CONFIG naming the first one missing. */
int profile_check(const struct profile *p, struct db_session *db);

/* Query q with $USERS or $IDS replaced by n parameter names "@u0,@u1..." /
 * "@i0,...". */
void profile_expand(const struct profile *p, enum profile_query q, size_t n, struct strbuf *out);

#endif
