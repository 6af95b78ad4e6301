/*
 * tds-query.c - test equipment: sends requests over one connection the
 * way the tools do (common/mssql), for tests of the TDS endpoint's own
 * rules, which bsqldb cannot reach: bsqldb sends language batches only,
 * and the tools' statements travel as sp_executesql.
 *
 *   tds-query HOST PORT USER PASSWORD_FILE REQUEST...
 *
 * Each REQUEST is one round trip: "batch:SQL" a language batch
 * (db_batch), any other an sp_executesql (db_query). Prints each row as
 * "row COLUMN<TAB>COLUMN...", each refused request as "error NUMBER",
 * each other as "ok", and goes on with the next request. Exits 0 once
 * every request was sent and answered, 1 on bad usage or a lost
 * connection.
 */
#include <stdio.h>
#include <string.h>

#include "base/msg.h"
#include "mssql/db_session.h"

static int print_row(const struct db_row *row, void *data)
{
	(void)data;
	fputs("row ", stdout);
	for (int i = 0; i < row->ncols; i++)
		printf("%s%s", i ? "\t" : "", row->null[i] ? "NULL" : row->text[i]);
	putchar('\n');
	return 0;
}

int main(int argc, char **argv)
{
	static const char batch_prefix[] = "batch:";
	struct db_settings set;
	struct db_session db;
	int status = 1;

	msg_init("tds-query");
	if (argc < 6) {
		fputs("usage: tds-query HOST PORT USER PASSWORD_FILE REQUEST...\n", stderr);
		return 1;
	}
	db_settings_init(&set);
	set.host = argv[1];
	set.port = argv[2];
	set.user = argv[3];
	set.password_file = argv[4];
	set.timeout = 10;
	if (db_session_open(&db, &set))
		goto out;
	for (int i = 5; i < argc; i++) {
		const char *sql = argv[i];
		int failed;

		if (!strncmp(sql, batch_prefix, strlen(batch_prefix)))
			failed = db_batch(&db, sql + strlen(batch_prefix), print_row, NULL, NULL);
		else
			failed = db_query(&db, sql, NULL, 0, print_row, NULL, NULL);
		if (failed && db_session_lost(&db))
			goto out;
		if (failed)
			printf("error %d\n", db.error);
		else
			puts("ok");
	}
	status = 0;
out:
	db_session_close(&db);
	db_settings_release(&set);
	return status;
}
