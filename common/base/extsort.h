/*
 * extsort.h - lines put in byte order on disk, however many: sort(1) as
 * a child process (LC_ALL=C), fed through one pipe and read back through
 * another.
 *
 * Why sort(1): it merges runs in temporary files (mode 0600, removed when
 * it ends) with a bounded buffer, so memory stays flat whatever the
 * input; it is in every Debian system (coreutils); and it is what an
 * administrator's own pipeline (sort | comm) would use, so a comparison
 * against that pipeline measures the rest of the work.
 *
 * Use: extsort_start; write every line (no newline inside) with
 * extsort_add; extsort_sorted closes the input and the output becomes
 * readable with extsort_getline; extsort_finish waits for the child and
 * says whether it succeeded. Lines never contain a tab in their keys'
 * places unless the caller meant it: a whole line is one key.
 *
 * Ownership: the extsort owns its child, pipes and line buffer; SIGPIPE
 * is ignored while one runs, so a sort that died is an error on write,
 * not the end of the process.
 */
#ifndef UCMIG_EXTSORT_H
#define UCMIG_EXTSORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

struct extsort {
	const char *what;            /* "the target", for messages */
	pid_t pid;
	FILE *to, *from;
	char *line;
	size_t cap;
	bool failed;
	bool drained;                /* every sorted line was read */
};

/* Start sort(1). Returns 0 or an exit status (reported). */
int extsort_start(struct extsort *s, const char *what);
/* One line (len bytes, no newline). Returns 0 or an exit status. */
int extsort_add(struct extsort *s, const char *line, size_t len);
/* No more lines: sorting starts. Returns 0 or an exit status. */
int extsort_sorted(struct extsort *s);
/* The next sorted line (NUL-terminated, without its newline, valid until
 * the next call) into *line; 0 at the end, 1 with a line, or an exit
 * status after a message. */
int extsort_getline(struct extsort *s, const char **line, size_t *len);
/* Wait for sort(1); 0 if it ended well, else an exit status. Before its
 * output was read to the end (the run stopped for another reason) the
 * child is ended, quietly. Safe after a failure and more than once. */
int extsort_finish(struct extsort *s);

#endif
