/*
 * sql_profile.h - the SQL a tool runs against the Lync / Skype for
 * Business databases, kept as data: which tables and columns it needs,
 * its named queries and its ordered lists of statements. Each tool ships
 * profiles as .profile files compiled in (tools/embed-text.sh); an
 * administrator can pass a corrected one without recompiling.
 *
 * Format: an INI file (base/ini.h, so repeated sections and settings
 * are errors), comments start with '#':
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
#include "base/ini.h"
#include "base/strbuf.h"

struct sql_named {
	char *name;
	char *text;
};

struct sql_table {
	char *name;
	char **column;
	size_t ncolumns, column_alloc;
};

struct sql_list {
	char *name;
	struct sql_named *item;           /* label, statement; in file order */
	size_t nitems, item_alloc;
};

/* Every array grows as the file asks (grow.h): a profile is user input
 * (--profile), so no count in it may run past a fixed size. */
struct sql_profile {
	char *name;
	char *source;                     /* a file, or "built-in profile NAME" */
	int *version;
	size_t nversions, version_alloc;
	struct sql_table *table;
	size_t ntables, table_alloc;
	struct sql_named *query;
	size_t nqueries, query_alloc;
	struct sql_list *list;
	size_t nlists, list_alloc;
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
