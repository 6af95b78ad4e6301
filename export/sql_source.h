/*
 * sql_source.h - contact lists read from the Lync / Skype for Business
 * back-end database (rtc), handed one user at a time to the same
 * callback the file source uses.
 *
 * Set-based, one pass per --batch of users (by default the whole list):
 * the batch's addresses go to the server once, into the connection's
 * temporary table #ucmig_users (150 typed parameters a statement, what
 * SQL Server's sp_executesql accepts); then the profile's one export
 * query streams the users, their groups and their contacts, ordered by
 * owner, and they are gathered into one contact_list at a time. Without
 * a user list the profile's all-users statement fills the table on the
 * server. Memory is one contact list, whatever the batch.
 */
#ifndef UCMIG_SQL_SOURCE_H
#define UCMIG_SQL_SOURCE_H

#include "domain/contact_list.h"
#include "mssql/db_session.h"
#include "mssql/sql_profile.h"
#include "base/progress.h"
#include "domain/userlist.h"

/* Users per pass by default, and the most --batch accepts. */
#define SQL_SOURCE_BATCH 5000
#define SQL_SOURCE_MAX_BATCH 100000

struct sql_source {
	struct db_session db;
	struct sql_profile profile;
	int version;                  /* 2007, 2010 or 2013 (and later) */
	size_t batch;
};

/* Connect, detect the schema version, load and check the profile
 * (profile_path NULL: the built-in one), create #ucmig_users. Returns 0
 * or an exit status. */
int sql_source_open(struct sql_source *src, const struct db_settings *set,
		    const char *profile_path, size_t batch);
void sql_source_close(struct sql_source *src);

/* Every user of ul (or every homed user when ul is NULL), one
 * contact_list each, to fn. Returns 0, fn's status, or an exit status. */
int sql_source_export(struct sql_source *src, const struct userlist *ul,
		      int (*fn)(const struct contact_list *cl, void *data), void *data,
		      struct progress *progress);

#endif
