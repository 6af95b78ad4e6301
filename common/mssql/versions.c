/*
 * versions.c - FreeTDS db-lib's version for --version (base/versions.h).
 */
#include <sybfront.h>
#include <sybdb.h>

#include "base/versions.h"
#include "mssql/db_session.h"

void db_library_versions(struct strbuf *out)
{
	/* db-lib says "freetds v1.3.17"; it has no macro to build against. */
	versions_line(out, "FreeTDS db-lib", dbversion(), NULL);
}
