/*
 * journal.c - see journal.h.
 */
#include "base/journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/msg.h"
#include "base/xalloc.h"

static const char magic[] = "#ucmig-journal 1 ";

static void escape_into(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\t')
			strbuf_addstr(out, "\\t");
		else if (*s == '\n')
			strbuf_addstr(out, "\\n");
		else if (*s == '\\')
			strbuf_addstr(out, "\\\\");
		else
			strbuf_addch(out, *s);
	}
}

/* Split line (modified in place) into unescaped fields. */
static size_t split_fields(char *line, char **fields)
{
	size_t n = 0;
	char *out = line;

	fields[n++] = out;
	for (char *p = line; *p; p++) {
		if (*p == '\t' && n < JOURNAL_MAX_FIELDS) {
			*out++ = '\0';
			fields[n++] = out;
		} else if (*p == '\\' && p[1]) {
			p++;
			*out++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p;
		} else {
			*out++ = *p;
		}
	}
	*out = '\0';
	return n;
}

static int replay_fd(int fd, const char *path, const char *tool, journal_replay_fn fn,
		     void *data, unsigned long *records)
{
	struct strbuf all = STRBUF_INIT, header = STRBUF_INIT;
	char buf[65536];
	ssize_t n;
	int status = 0;
	unsigned long lineno = 0;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		strbuf_add(&all, buf, (size_t)n);
	if (n < 0) {
		strbuf_release(&all);
		return fail(UCMIG_EX_IOERR, "%s: cannot read journal:", path);
	}
	strbuf_addf(&header, "%s%s\n", magic, tool);
	if (all.len == 0)
		goto out;
	if (all.len < header.len || memcmp(all.buf, header.buf, header.len) != 0) {
		status = fail(UCMIG_EX_DATAERR, "%s: not a journal of %s", path, tool);
		goto out;
	}
	lineno = 1;
	for (char *p = all.buf + header.len; *p && !status;) {
		char *nl = strchr(p, '\n');
		char *fields[JOURNAL_MAX_FIELDS];

		lineno++;
		if (!nl)
			break;          /* torn last record: its step was never sent */
		*nl = '\0';
		size_t nf = split_fields(p, fields);
		status = fn(fields, nf, lineno, data);
		(*records)++;
		p = nl + 1;
	}
out:
	strbuf_release(&all);
	strbuf_release(&header);
	return status;
}

int journal_replay(const char *path, const char *tool, journal_replay_fn fn, void *data)
{
	unsigned long records = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	int status;

	if (fd < 0)
		return fail(UCMIG_EX_NOINPUT, "%s: cannot open journal:", path);
	status = replay_fd(fd, path, tool, fn, data, &records);
	close(fd);
	return status;
}

int journal_open(struct journal *j, const char *path, const char *tool,
		 journal_replay_fn fn, void *data)
{
	struct stat st;
	int status;

	memset(j, 0, sizeof(*j));
	strbuf_init(&j->line);
	j->path = path;
	j->fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (j->fd < 0)
		return fail(UCMIG_EX_CANTCREAT, "%s: cannot open journal:", path);
	if ((status = replay_fd(j->fd, path, tool, fn, data, &j->records)))
		return status;
	if (fstat(j->fd, &st) == 0 && st.st_size == 0) {
		strbuf_addf(&j->line, "%s%s\n", magic, tool);
		if (write(j->fd, j->line.buf, j->line.len) != (ssize_t)j->line.len)
			return fail(UCMIG_EX_IOERR, "%s: cannot write journal:", path);
		j->dirty = true;
	} else if (st.st_size > 0) {
		/* A torn last record has no newline: end it so the next record
		 * starts on a line of its own (replay skips the torn one). */
		char last;
		if (pread(j->fd, &last, 1, st.st_size - 1) == 1 && last != '\n' &&
		    write(j->fd, "\n", 1) != 1)
			return fail(UCMIG_EX_IOERR, "%s: cannot write journal:", path);
	}
	return 0;
}

int journal_write(struct journal *j, const char *const *fields, size_t n)
{
	ssize_t w;

	strbuf_reset(&j->line);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addch(&j->line, '\t');
		escape_into(&j->line, fields[i] ? fields[i] : "");
	}
	strbuf_addch(&j->line, '\n');
	do
		w = write(j->fd, j->line.buf, j->line.len);
	while (w < 0 && errno == EINTR);
	if (w != (ssize_t)j->line.len)
		return fail(UCMIG_EX_IOERR, "%s: cannot write journal:", j->path);
	j->dirty = true;
	j->records++;
	return 0;
}

int journal_sync(struct journal *j)
{
	if (!j->dirty)
		return 0;
	if (fdatasync(j->fd) != 0)
		return fail(UCMIG_EX_IOERR, "%s: cannot sync journal:", j->path);
	j->dirty = false;
	return 0;
}

int journal_close(struct journal *j)
{
	int status = 0;

	if (j->fd > 0) {
		status = journal_sync(j);
		close(j->fd);
	}
	j->fd = -1;
	strbuf_release(&j->line);
	return status;
}
