/*
 * tap.c - see tap.h.
 */
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int count, failed;
static int saved_stderr = -1;
static FILE *capture;
static char *captured;

bool tap_ok(bool cond, const char *name)
{
	count++;
	printf("%sok %d - %s\n", cond ? "" : "not ", count, name);
	if (!cond)
		failed++;
	fflush(stdout);
	return cond;
}

bool tap_is_int(long long got, long long want, const char *name)
{
	bool ok = tap_ok(got == want, name);

	if (!ok)
		printf("#   got: %lld\n#  want: %lld\n", got, want);
	return ok;
}

bool tap_is_str(const char *got, const char *want, const char *name)
{
	bool ok = tap_ok(got && want ? strcmp(got, want) == 0 : got == want, name);

	if (!ok)
		printf("#   got: '%s'\n#  want: '%s'\n", got ? got : "(null)", want ? want : "(null)");
	return ok;
}

bool tap_like(const char *got, const char *want, const char *name)
{
	bool ok = tap_ok(got && strstr(got, want), name);

	if (!ok)
		printf("#   got: '%s'\n#  want substring: '%s'\n", got ? got : "(null)", want);
	return ok;
}

int tap_done(void)
{
	printf("1..%d\n", count);
	if (failed)
		printf("# %d of %d checks failed\n", failed, count);
	free(captured);
	return failed ? 1 : 0;
}

void tap_stderr_begin(void)
{
	fflush(stderr);
	capture = tmpfile();
	saved_stderr = dup(STDERR_FILENO);
	dup2(fileno(capture), STDERR_FILENO);
}

const char *tap_stderr_end(void)
{
	long size;

	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	size = ftell(capture);
	free(captured);
	captured = calloc(1, (size_t)(size > 0 ? size : 0) + 1);
	rewind(capture);
	if (size > 0 && fread(captured, 1, (size_t)size, capture) != (size_t)size)
		captured[0] = '\0';
	fclose(capture);
	return captured;
}

const char *tap_tempfile(const void *data, size_t len)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/ucmig-unit.XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
		perror("tap_tempfile");
		exit(2);
	}
	close(fd);
	return path;
}
