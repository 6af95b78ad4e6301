/*
 * fuzz_support.c - see fuzz.h.
 */
#include "fuzz.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/csvin.h"
#include "base/msg.h"
#include "base/textin.h"
#include "domain/batrow.h"

static char path[4096];

static void remove_file(void)
{
	unlink(path);
}

const char *fuzz_file(const uint8_t *data, size_t size)
{
	int fd;

	if (!path[0]) {
		const char *dir = getenv("TMPDIR");
		snprintf(path, sizeof(path), "%s/ucmig-fuzz.%ld", dir && *dir ? dir : "/tmp", (long)getpid());
		atexit(remove_file);   /* the replay runs in every make check */
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
		abort();
	close(fd);
	return path;
}

void fuzz_quiet(void)
{
	static int done;

	if (done++)
		return;
	msg_init("fuzz");
	msg_set_muted(true);
}

struct round {
	const struct bat_row *row;
	size_t nfields;
	bool seen;
};

static int compare(const struct csv_record *rec, void *data)
{
	struct round *r = data;

	if (rec->nfields != r->nfields)
		abort();
	for (size_t i = 0; i < rec->nfields; i++)
		if (strcmp(rec->field[i], r->row->field[i] ? r->row->field[i] : "") != 0)
			abort();     /* written and read back differ */
	r->seen = true;
	return 0;
}

void fuzz_bat_round_trip(const struct bat_row *row, size_t nfields)
{
	struct round r = { row, nfields, false };
	struct csvin_options opt = { 6, 7 };
	struct textin in;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	int fds[2];

	bat_row_write(out, row, nfields == 7);
	fclose(out);
	/* Rows are short (BAT limits), so one pipe buffer holds one. */
	if (pipe(fds) != 0 || write(fds[1], buf, len) != (ssize_t)len)
		abort();
	close(fds[1]);
	textin_from_fd(&in, fds[0], "round trip");
	if (csvin_read(&in, &opt, compare, &r) != 0 || !r.seen)
		abort();     /* a valid row was written as something unreadable */
	textin_close(&in);
	free(buf);
}
