/*
 * infile.c - see infile.h.
 */
#include "base/infile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/msg.h"

void infile_close(int fd)
{
	if (fd > STDIN_FILENO)
		close(fd);
}

int infile_is_stdin(const char *path)
{
	return strcmp(path, "-") == 0;
}

const char *infile_display_name(const char *path)
{
	return infile_is_stdin(path) ? "(stdin)" : path;
}

int infile_open(const char *path, int *out)
{
	struct stat st;
	int fd;

	*out = -1;
	if (infile_is_stdin(path)) {
		*out = STDIN_FILENO;
		return 0;
	}
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP)
			return fail(UCMIG_EX_NOINPUT, "%s: is a symbolic link; name the file itself", path);
		return fail(UCMIG_EX_NOINPUT, "%s: cannot open:", path);
	}
	if (fstat(fd, &st) < 0) {
		close(fd);
		return fail(UCMIG_EX_NOINPUT, "%s: cannot stat:", path);
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return fail(UCMIG_EX_NOINPUT, "%s: is a directory", path);
	}
	*out = fd;
	return 0;
}

/* Copy fd to the end into an unlinked temporary file; *copy its fd. */
static int spool(int fd, const char *name, int *copy)
{
	const char *dir = getenv("TMPDIR");
	char path[4096], buf[65536];
	ssize_t n;
	int tmp;

	snprintf(path, sizeof(path), "%s/ucmig-input-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((tmp = mkstemp(path)) < 0)
		return fail(UCMIG_EX_CANTCREAT, "%s: cannot create a temporary copy of %s:", path, name);
	unlink(path);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(tmp);
			return fail(UCMIG_EX_IOERR, "%s: read error:", name);
		}
		for (ssize_t done = 0, w; done < n; done += w) {
			if ((w = write(tmp, buf + done, (size_t)(n - done))) < 0) {
				if (errno == EINTR) {
					w = 0;
					continue;
				}
				close(tmp);
				return fail(UCMIG_EX_IOERR, "temporary copy of %s: write error:", name);
			}
		}
	}
	*copy = tmp;
	return 0;
}

int infile_open_rereadable(const char *path, int *out)
{
	struct stat st;
	int fd, status;

	if ((status = infile_open(path, &fd)))
		return status;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if (fd == STDIN_FILENO && (fd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3)) < 0)
			return fail(UCMIG_EX_IOERR, "(stdin): cannot duplicate:");
		*out = fd;
		return 0;
	}
	status = spool(fd, infile_display_name(path), out);
	infile_close(fd);
	return status;
}
