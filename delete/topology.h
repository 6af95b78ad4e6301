/*
 * topology.h - the databases one delete run covers: a pool's back end
 * (rtc) and every Front End's rtclocal, each with its own connection.
 *
 * From the command line: one instance per --db-server, or one for
 * --db-host. From --topology FILE (INI): one [NAME] section per instance
 * with any of server, host, port, instance, user, password-file,
 * database, encrypt = require; what a section leaves out comes from the
 * command-line database options.
 */
#ifndef UCMIG_TOPOLOGY_H
#define UCMIG_TOPOLOGY_H

#include "mssql/db_session.h"

struct instance {
	char *name;                /* for reports and the journal */
	struct db_settings set;
};

struct topology {
	struct instance inst[DB_MAX_SERVERS];
	size_t n;
	char *strings[DB_MAX_SERVERS * 10];   /* owned copies of values */
	size_t nstrings;
};

int topology_from_options(struct topology *t, const struct db_settings *cmd);
int topology_load(struct topology *t, const char *path, const struct db_settings *defaults);
void topology_free(struct topology *t);

#endif
