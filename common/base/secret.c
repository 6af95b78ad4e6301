/*
 * secret.c - see secret.h.
 */
#include "base/secret.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/infile.h"
#include "base/msg.h"
#include "base/xalloc.h"

enum { SECRET_MAX = 1024 };

void secret_free(char *secret)
{
	if (secret) {
		explicit_bzero(secret, strlen(secret));
		free(secret);
	}
}

/* Read up to the first newline from fd into a fresh buffer. */
static int read_line(int fd, const char *what, char **out)
{
	char *buf = xmalloc(SECRET_MAX + 1);
	size_t len = 0;
	ssize_t n;
	char c;

	while (len < SECRET_MAX && (n = read(fd, &c, 1)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			explicit_bzero(buf, len);
			free(buf);
			return fail(UCMIG_EX_IOERR, "%s: cannot read password:", what);
		}
		if (c == '\n')
			break;
		buf[len++] = c;
	}
	if (len && buf[len - 1] == '\r')
		len--;
	/* A NUL would cut the password short without a word, and Notepad's
	 * "Unicode" (UTF-16LE) would send its BOM and NULs: neither is a
	 * password a server was given. */
	if (len >= 2 && (unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) {
		explicit_bzero(buf, len);
		free(buf);
		return fail(UCMIG_EX_CONFIG, "%s: a UTF-16 file (Notepad's \"Unicode\"): save the password as "
			    "UTF-8", what);
	}
	if (memchr(buf, '\0', len)) {
		explicit_bzero(buf, len);
		free(buf);
		return fail(UCMIG_EX_CONFIG, "%s: the password holds a NUL byte", what);
	}
	/* Notepad's "UTF-8" starts the file with a BOM: not the password's. */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		memmove(buf, buf + 3, len - 3);
		explicit_bzero(buf + len - 3, 3);
		len -= 3;
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

int secret_from_file(const char *path, char **out)
{
	int fd, status;

	if ((status = infile_open(path, &fd)))
		return status;
	status = read_line(fd, path, out);
	infile_close(fd);
	if (!status && !**out) {
		secret_free(*out);
		*out = NULL;
		return fail(UCMIG_EX_CONFIG, "%s: password file is empty", path);
	}
	return status;
}

int secret_get(const struct secret_source *src, char **out)
{
	const char *env = src->env ? getenv(src->env) : NULL;

	*out = NULL;
	if (src->file)
		return secret_from_file(src->file, out);
	if (src->prompt)
		return secret_from_prompt(src->prompt_text, out);
	if (env && *env) {
		*out = xstrdup(env);
		return 0;
	}
	return fail(UCMIG_EX_USAGE, "%s needs a password: %s FILE, %s, or %s", src->needed_by,
		    src->file_option, src->prompt_option, src->env);
}

int secret_from_prompt(const char *prompt, char **out)
{
	struct termios saved, quiet;
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	int status;

	if (fd < 0)
		return fail(UCMIG_EX_USAGE, "cannot prompt for a password: no terminal (use a password file)");
	if (write(fd, prompt, strlen(prompt)) < 0) {
		close(fd);
		return fail(UCMIG_EX_IOERR, "cannot write the password prompt:");
	}
	tcgetattr(fd, &saved);
	quiet = saved;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(fd, TCSAFLUSH, &quiet);
	status = read_line(fd, "terminal", out);
	tcsetattr(fd, TCSAFLUSH, &saved);
	if (write(fd, "\n", 1) < 0)
		status = status ? status : UCMIG_OK;
	close(fd);
	return status;
}
