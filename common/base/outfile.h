/*
 * outfile.h - the files a tool writes; "-" is stdout.
 *
 * A named file is written under a temporary name in the same directory
 * and renamed into place by outfile_commit, so a run stopped by bad input
 * or a kill never leaves a truncated CSV that looks like a finished one.
 * Write errors (a full disk, a closed pipe) are sticky in the FILE and
 * caught at commit.
 *
 * A new file is created 0600, whatever the umask: contact CSV, reports,
 * user lists and rejects name people and who they talk to. (A device or
 * FIFO given as the path is written in place and keeps its mode.)
 */
#ifndef UCMIG_OUTFILE_H
#define UCMIG_OUTFILE_H

#include <stdio.h>

struct outfile {
	FILE *fp;          /* NULL when not open */
	const char *path;  /* as given; "-" for stdout */
	char *tmp;         /* temporary name, or NULL for stdout */
};

/* Open path for writing. Returns 0 or UCMIG_EX_CANTCREAT (message printed).
 * A NULL path leaves out closed, which commit and abort accept. */
int outfile_open(struct outfile *out, const char *path);
/* Flush, close and rename into place. Returns 0 or UCMIG_EX_IOERR. */
int outfile_commit(struct outfile *out);
/* Close and remove the temporary file: the run produced nothing usable. */
void outfile_abort(struct outfile *out);

#endif
