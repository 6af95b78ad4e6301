/*
 * topology.h - the databases one delete run covers: a pool's back end
 * (rtc) and every Front End's rtclocal, each with its own connection.
 *
 * From the command line: one instance per --db-server, or one for
 * --db-host. From --topology FILE (INI, base/ini.h): one [NAME] section
 * per instance with any of server, host, port, instance, user,
 * password-file, database, encrypt = require; what a section leaves out
 * comes from the command-line database options.
 *
 * A database listed twice, under one name or two, is a configuration
 * error (78): the second would be skipped as "done" by the journal, and
 * its users left homed there while the run said it succeeded.
 *
 * The topology owns its instances and every string they point to.
 */
#ifndef UCMIG_TOPOLOGY_H
#define UCMIG_TOPOLOGY_H

#include "mssql/db_session.h"

struct instance {
	char *name;                /* for reports and the journal */
	unsigned long line;        /* its section's line, 0 from options */
	struct db_settings set;
};

struct topology {
	struct instance *inst;
	size_t n, alloc;
	char **strings;            /* owned copies of values */
	size_t nstrings, strings_alloc;
};

int topology_from_options(struct topology *t, const struct db_settings *cmd);
int topology_load(struct topology *t, const char *path, const struct db_settings *defaults);
void topology_free(struct topology *t);

#endif
