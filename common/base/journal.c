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

static const char magic[] = "#ucmig-journal ";
enum { JOURNAL_VERSION = 1 };

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

/* The first line: "#ucmig-journal VERSION TOOL". Returns its length with
 * the newline and points *tool (*tool_len bytes) at TOOL, or returns 0
 * after a message (status set). what names the reader in the message
 * for a file that is no journal at all. */
static size_t parse_header(const char *buf, size_t buflen, const char *path, const char *what,
			   const char **tool, size_t *tool_len, int *status)
{
	const char *nl = memchr(buf, '\n', buflen);
	size_t len = nl ? (size_t)(nl - buf) : buflen;
	char *end;
	long version;

	if (len < sizeof(magic) - 1 || memcmp(buf, magic, sizeof(magic) - 1) != 0) {
		*status = fail(UCMIG_EX_DATAERR, "%s: not a journal of %s", path, what);
		return 0;
	}
	version = strtol(buf + sizeof(magic) - 1, &end, 10);
	if (version != JOURNAL_VERSION || *end != ' ') {
		*status = fail(UCMIG_EX_DATAERR, "%s: journal format version %.*s; this ucmig reads version %d",
			       path, (int)strcspn(buf + sizeof(magic) - 1, " \n"),
			       buf + sizeof(magic) - 1, JOURNAL_VERSION);
		return 0;
	}
	if (!nl) {
		*status = fail(UCMIG_EX_DATAERR, "%s: the journal's first line is cut off", path);
		return 0;
	}
	*tool = end + 1;
	*tool_len = (size_t)(buf + len - *tool);
	return len + 1;
}

/* The header, which must be tool's. */
static size_t check_header(const struct strbuf *all, const char *path, const char *tool, int *status)
{
	const char *got;
	size_t got_len, len = parse_header(all->buf, all->len, path, tool, &got, &got_len, status);

	if (len && (got_len != strlen(tool) || memcmp(got, tool, got_len) != 0)) {
		*status = fail(UCMIG_EX_DATAERR, "%s: a journal of %.*s, not of %s", path, (int)got_len, got,
			       tool);
		return 0;
	}
	return len;
}

int journal_tool(const char *path, struct strbuf *tool)
{
	char head[256];
	const char *got;
	size_t got_len;
	ssize_t n;
	int status = 0, fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return fail(UCMIG_EX_NOINPUT, "%s: cannot open journal:", path);
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n < 0)
		return fail(UCMIG_EX_IOERR, "%s: cannot read journal:", path);
	if (!parse_header(head, (size_t)n, path, "ucmig", &got, &got_len, &status))
		return status;
	strbuf_reset(tool);
	strbuf_add(tool, got, got_len);
	return 0;
}

/* Replay fd's records. *complete gets the length of the file up to the
 * end of its last whole line: what a torn record leaves after it is cut
 * off there when the journal is opened for writing. */
static int replay_fd(int fd, const char *path, const char *tool, journal_replay_fn fn,
		     void *data, unsigned long *records, off_t *complete)
{
	struct strbuf all = STRBUF_INIT;
	char buf[65536];
	ssize_t n;
	int status = 0;
	unsigned long lineno = 1;
	size_t start;

	*complete = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		strbuf_add(&all, buf, (size_t)n);
	if (n < 0) {
		strbuf_release(&all);
		return fail(UCMIG_EX_IOERR, "%s: cannot read journal:", path);
	}
	if (all.len == 0 || !(start = check_header(&all, path, tool, &status)))
		goto out;
	*complete = (off_t)start;
	for (char *p = all.buf + start; p < all.buf + all.len && !status;) {
		char *nl = memchr(p, '\n', (size_t)(all.buf + all.len - p));
		char *fields[JOURNAL_MAX_FIELDS];

		lineno++;
		if (!nl)
			break;          /* torn last record: its step was never sent */
		*nl = '\0';
		if (memchr(p, '\0', (size_t)(nl - p))) {
			status = fail(UCMIG_EX_DATAERR, "%s:%lu: NUL byte in a record", path, lineno);
			break;
		}
		size_t nf = split_fields(p, fields);
		status = fn(fields, nf, lineno, data);
		(*records)++;
		p = nl + 1;
		*complete = (off_t)(p - all.buf);
	}
out:
	strbuf_release(&all);
	return status;
}

/* Write j->line whole, or leave the file as it was: a short write (a full
 * disk) is cut back off, so no partial record stays for the next one to
 * run into. */
static int append(struct journal *j, const char *what)
{
	ssize_t w;

	do
		w = write(j->fd, j->line.buf, j->line.len);
	while (w < 0 && errno == EINTR);
	if (w == (ssize_t)j->line.len) {
		j->size += (off_t)w;
		j->dirty = true;
		return 0;
	}
	if (w >= 0)
		errno = ENOSPC;     /* a short write sets no errno of its own */
	int saved = errno;
	if (w > 0 && ftruncate(j->fd, j->size) != 0)
		warn("%s: cannot cut back a partly written record:", j->path);
	errno = saved;
	return fail(UCMIG_EX_IOERR, "%s: cannot write %s:", j->path, what);
}

/* One run per journal: two would each change every user. A POSIX record
 * lock (released by the kernel however the holder ends) tells who holds
 * it. It is released when the process closes any descriptor of the
 * file, so nothing else in a run opens its own journal (file_roles.h). */
static int lock(struct journal *j)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };

	if (fcntl(j->fd, F_SETLK, &fl) == 0)
		return 0;
	if (errno != EAGAIN && errno != EACCES)
		return fail(UCMIG_EX_IOERR, "%s: cannot lock journal:", j->path);
	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
	if (fcntl(j->fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
		return fail(UCMIG_EX_TEMPFAIL, "%s: in use by another run (process %ld); wait for it to end",
			    j->path, (long)fl.l_pid);
	return fail(UCMIG_EX_TEMPFAIL, "%s: in use by another run; wait for it to end", j->path);
}

int journal_replay(const char *path, const char *tool, journal_replay_fn fn, void *data)
{
	unsigned long records = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	off_t complete;
	int status;

	if (fd < 0)
		return fail(UCMIG_EX_NOINPUT, "%s: cannot open journal:", path);
	status = replay_fd(fd, path, tool, fn, data, &records, &complete);
	close(fd);
	return status;
}

int journal_open(struct journal *j, const char *path, const char *tool,
		 journal_replay_fn fn, void *data)
{
	struct stat st;
	off_t complete;
	int status;

	memset(j, 0, sizeof(*j));
	strbuf_init(&j->line);
	j->path = path;
	j->fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (j->fd < 0)
		return fail(UCMIG_EX_CANTCREAT, "%s: cannot open journal:", path);
	if ((status = lock(j)))
		return status;
	if ((status = replay_fd(j->fd, path, tool, fn, data, &j->records, &complete)))
		return status;
	if (fstat(j->fd, &st) != 0)
		return fail(UCMIG_EX_IOERR, "%s: cannot stat journal:", path);
	if (st.st_size == 0) {
		strbuf_addf(&j->line, "%s%d %s\n", magic, JOURNAL_VERSION, tool);
		return append(j, "journal header");
	}
	j->size = st.st_size;
	if (complete < st.st_size) {
		/* A torn last record (a kill or a full disk mid-write): its step
		 * was never sent. Cut it off, so the next record does not run on
		 * from it into a malformed line. */
		if (ftruncate(j->fd, complete) != 0)
			return fail(UCMIG_EX_IOERR, "%s: cannot cut the torn last record:", path);
		j->size = complete;
		j->dirty = true;
	}
	return 0;
}

int journal_write(struct journal *j, const char *const *fields, size_t n)
{
	int status;

	strbuf_reset(&j->line);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addch(&j->line, '\t');
		escape_into(&j->line, fields[i] ? fields[i] : "");
	}
	strbuf_addch(&j->line, '\n');
	if ((status = append(j, "journal")))
		return status;
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
