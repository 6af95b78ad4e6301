/*
 * outfile.c - see outfile.h.
 */
#include "base/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/csvout.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "base/strbuf.h"

int outfile_open(struct outfile *out, const char *path)
{
	struct strbuf tmp = STRBUF_INIT;
	int fd;

	out->fp = NULL;
	out->path = path;
	out->tmp = NULL;
	if (!path)
		return 0;
	if (strcmp(path, "-") == 0) {
		out->fp = stdout;
		return 0;
	}
	/* A device or a FIFO (/dev/null, a named pipe) is written as it is:
	 * renaming a temporary file over it would replace it. */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (!(out->fp = fopen(path, "w")))
			return fail(UCMIG_EX_CANTCREAT, "%s: cannot open:", path);
		return 0;
	}
	strbuf_addf(&tmp, "%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp.buf);
	if (fd < 0 || !(out->fp = fdopen(fd, "w"))) {
		int status = fail(UCMIG_EX_CANTCREAT, "%s: cannot create:", path);
		if (fd >= 0) {
			close(fd);
			unlink(tmp.buf);
		}
		strbuf_release(&tmp);
		return status;
	}
	/* mkstemp makes it 0600, which it stays: every file a tool writes
	 * holds contact data or user lists (outfile.h). */
	out->tmp = strbuf_detach(&tmp);
	return 0;
}

int outfile_commit(struct outfile *out)
{
	int bad;

	if (!out->fp)
		return 0;
	bad = fflush(out->fp) != 0 || ferror(out->fp);
	csvout_forget(out->fp);
	if (out->fp != stdout)
		bad |= fclose(out->fp) != 0;
	out->fp = NULL;
	if (!bad && out->tmp && rename(out->tmp, out->path) != 0)
		bad = 1;
	if (bad) {
		int status = fail(UCMIG_EX_IOERR, "%s: write error:",
				  strcmp(out->path, "-") == 0 ? "(stdout)" : out->path);
		if (out->tmp)
			unlink(out->tmp);
		free(out->tmp);
		out->tmp = NULL;
		return status;
	}
	free(out->tmp);
	out->tmp = NULL;
	return 0;
}

void outfile_abort(struct outfile *out)
{
	if (!out->fp)
		return;
	csvout_forget(out->fp);
	if (out->fp == stdout) {
		fflush(stdout);
	} else {
		fclose(out->fp);
		if (out->tmp)
			unlink(out->tmp);
	}
	out->fp = NULL;
	free(out->tmp);
	out->tmp = NULL;
}
