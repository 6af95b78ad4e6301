/*
 * sql_profile.h - the SQL a tool runs against the Lync / Skype for
 * Business databases, kept as data: which tables and columns it needs,
 * its named queries and its ordered lists of statements. Each tool ships
 * profiles as .profile files compiled in (tools/embed-text.sh); an
 * administrator can pass a corrected one without recompiling.
 *
 * Format (comments start with '#'):
 *   [profile]      name = NAME / versions = 2007 2010 2013
 *   [tables]       TABLE = COLUMN COLUMN ...
 *   [query NAME]   T-SQL to the next section, one statement
 *   [list NAME]    LABEL = STATEMENT, one a line, kept in order
 * In statements, $USERS and $IDS expand to parameter lists (@u0,@u1...
 * and @i0,@i1...), and @id, @user name single parameters.
 *
 * A profile is checked against the live catalog (INFORMATION_SCHEMA)
 * before its first statement, so a database that differs fails with
 * the missing table or column named, not halfway through.
 */
#ifndef UCMIG_SQL_PROFILE_H
#define UCMIG_SQL_PROFILE_H

#include <stddef.h>

#include "mssql/db_session.h"
#include "base/embedded_text.h"
#include "base/strbuf.h"

#define SQL_PROFILE_MAX 24

struct sql_named {
	char *name;
	char *text;
};

struct sql_table {
	char *name;
	char *column[SQL_PROFILE_MAX];
	size_t ncolumns;
};

struct sql_list {
	char *name;
	struct sql_named item[SQL_PROFILE_MAX];   /* label, statement */
	size_t nitems;
};

struct sql_profile {
	char *name;
	char *source;                     /* a file, or "built-in profile NAME" */
	int version[4];
	size_t nversions;
	struct sql_table table[SQL_PROFILE_MAX];
	size_t ntables;
	struct sql_named query[SQL_PROFILE_MAX];
	size_t nqueries;
	struct sql_list list[4];
	size_t nlists;
};

int sql_profile_parse(struct sql_profile *p, const char *text, const char *source);
int sql_profile_load(struct sql_profile *p, const char *path);
/* The profile of builtin (a tool's embedded table) for a schema version. */
int sql_profile_builtin(struct sql_profile *p, const struct embedded_text *builtin, int version);
void sql_profile_free(struct sql_profile *p);

/* Fail (UCMIG_EX_CONFIG) unless every named query and list is there;
 * both arrays end with NULL. */
int sql_profile_require(const struct sql_profile *p, const char *const *queries,
			const char *const *lists);
const char *sql_profile_query(const struct sql_profile *p, const char *name);
const struct sql_list *sql_profile_list(const struct sql_profile *p, const char *name);

/* Every table and column must be in the database's catalog; returns 0
 * or UCMIG_EX_CONFIG naming the first one missing. */
int sql_profile_check(const struct sql_profile *p, struct db_session *db);

/* text with $USERS / $IDS replaced by n parameter names. */
void sql_profile_expand(const char *text, size_t n, struct strbuf *out);

#endif
