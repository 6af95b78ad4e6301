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
 *
 * Steps that are no request put two of these side by side in a known
 * order, for the tests of the endpoint's locking: "touch:FILE" makes
 * FILE, "wait:FILE" waits (up to 20 s) until FILE is there, "sleep:MS"
 * waits MS milliseconds, "exists:FILE" prints "there FILE" or "absent
 * FILE" (which of two connections got somewhere first).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

static void pause_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&t, NULL);
}

/* A step that is no request: true if sql was one (and was done). */
static bool side_step(const char *sql)
{
	if (!strncmp(sql, "touch:", 6)) {
		FILE *f = fopen(sql + 6, "w");
		if (f)
			fclose(f);
	} else if (!strncmp(sql, "wait:", 5)) {
		for (int n = 0; n < 2000 && access(sql + 5, F_OK); n++)
			pause_ms(10);
	} else if (!strncmp(sql, "exists:", 7)) {
		printf("%s %s\n", access(sql + 7, F_OK) ? "absent" : "there", sql + 7);
	} else if (!strncmp(sql, "sleep:", 6)) {
		pause_ms(atol(sql + 6));
	} else {
		return false;
	}
	return true;
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

		if (side_step(sql))
			continue;
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
