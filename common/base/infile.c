/*
 * infile.c - see infile.h.
 */
#include "base/infile.h"

#include <errno.h>
#include <fcntl.h>
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
