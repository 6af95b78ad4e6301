/*
 * fuzz_support.c - see fuzz.h.
 */
#include "fuzz.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/msg.h"

const char *fuzz_file(const uint8_t *data, size_t size)
{
	static char path[64];
	int fd;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/ucmig-fuzz.%ld", (long)getpid());
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
