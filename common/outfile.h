/*
 * outfile.h - opening and closing the files a tool writes; "-" is stdout.
 *
 * A file is written in place only once the run is known to go ahead, and
 * a write error anywhere (a full disk, a closed pipe) is caught at close:
 * a truncated CSV must never look like a successful export.
 */
#ifndef UCMIG_OUTFILE_H
#define UCMIG_OUTFILE_H

#include <stdio.h>

/* Open path for writing ("-" = stdout). Returns NULL after printing the
 * message (status UCMIG_EX_CANTCREAT). */
FILE *outfile_open(const char *path);
/* Flush and close (stdout is flushed, not closed). Returns 0 or
 * UCMIG_EX_IOERR after printing the message. */
int outfile_close(FILE *fp, const char *path);

#endif
