/*
 * outfile.c - see outfile.h.
 */
#include "outfile.h"

#include <errno.h>
#include <string.h>

#include "exitcode.h"
#include "msg.h"

FILE *outfile_open(const char *path)
{
	FILE *fp;

	if (strcmp(path, "-") == 0)
		return stdout;
	fp = fopen(path, "w");
	if (!fp)
		fail(UCMIG_EX_CANTCREAT, "%s: cannot create:", path);
	return fp;
}

int outfile_close(FILE *fp, const char *path)
{
	int bad;

	if (!fp)
		return 0;
	bad = fflush(fp) != 0 || ferror(fp);
	if (fp != stdout)
		bad |= fclose(fp) != 0;
	if (bad)
		return fail(UCMIG_EX_IOERR, "%s: write error:",
			    strcmp(path, "-") == 0 ? "(stdout)" : path);
	return 0;
}
