/*
 * infile.h - opening the files a tool reads, the one place that knows
 * that "-" means standard input.
 *
 * As in OpenBSD's signify, inputs are opened without following a symbolic
 * link in the last path component and are never directories: an
 * administrator's batch file is named exactly, and a typo that lands on a
 * directory gets a clear message instead of an empty run.
 */
#ifndef UCMIG_INFILE_H
#define UCMIG_INFILE_H

/* Open path ("-" = stdin) for reading into *fd. Returns 0, or an exit
 * status after printing the message. */
int infile_open(const char *path, int *fd);
/* Close what infile_open returned; stdin stays open. */
void infile_close(int fd);
/* The name to show in messages: "(stdin)" for "-". */
const char *infile_display_name(const char *path);
/* Open path so that it can be read more than once: a regular file as it
 * is; stdin, a pipe or a FIFO copied first into an unlinked temporary
 * file (0600, in $TMPDIR or /tmp), since a tool that must check all of
 * its input before writing anything reads it twice. Rewind with lseek;
 * close with infile_close. Returns 0 or an exit status. */
int infile_open_rereadable(const char *path, int *fd);
/* Is this path the stdin marker? */
int infile_is_stdin(const char *path);

#endif
