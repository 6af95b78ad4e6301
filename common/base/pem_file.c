/*
 * pem_file.c - see pem_file.h.
 */
#include "base/pem_file.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/exitcode.h"
#include "base/msg.h"

#define PEM_CERTIFICATE "-----BEGIN CERTIFICATE-----"

int pem_file_check(const char *option, const char *path)
{
	char line[256];
	struct stat st;
	int found = 0, line_start = 1;
	FILE *f;

	if (stat(path, &st) != 0)
		return fail(UCMIG_EX_NOINPUT, "%s %s: cannot open:", option, path);
	if (!S_ISREG(st.st_mode))
		return fail(UCMIG_EX_NOINPUT, "%s %s: not a file of certificates (PEM)", option, path);
	if (!(f = fopen(path, "r")))
		return fail(UCMIG_EX_NOINPUT, "%s %s: cannot open:", option, path);
	/* A line longer than the buffer is read in pieces; only a piece that
	 * starts a line can be the marker. */
	while (!found && fgets(line, sizeof(line), f)) {
		found = line_start && strncmp(line, PEM_CERTIFICATE, strlen(PEM_CERTIFICATE)) == 0;
		line_start = strchr(line, '\n') != NULL;
	}
	fclose(f);
	return found ? 0 : fail(UCMIG_EX_NOINPUT, "%s %s: no certificate in it (PEM expected)", option, path);
}
