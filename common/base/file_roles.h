/*
 * file_roles.h - every file a run reads or writes, checked against each
 * other before anything runs, so a typo cannot destroy a file: an output
 * that is also an input ("-o users.txt users.txt", "--userdata in.zip -o
 * in.zip") or another output ("-o same.csv --report same.csv") is a
 * usage error (64) naming both options.
 *
 * Files are compared by what they are, not how they are spelled: an
 * existing file by device and inode (so "./a.csv", "a.csv" and a hard
 * link meet), a file still to be made by its directory's real path and
 * its name. "-" as an output (stdout) meets only another "-" output;
 * devices and FIFOs
 * (/dev/null) may be named more than once.
 *
 * A journal is both read and written; register it once, as an output.
 */
#ifndef UCMIG_FILE_ROLES_H
#define UCMIG_FILE_ROLES_H

#include <stdbool.h>
#include <stddef.h>

struct file_role {
	const char *path;      /* borrowed, as given */
	const char *what;      /* "-o", "--report", "the user list" */
	bool output;
};

struct file_roles {
	struct file_role *role;
	size_t n, alloc;
};

void file_roles_init(struct file_roles *fr);
void file_roles_release(struct file_roles *fr);
/* Register a file (NULL paths are ignored). */
void file_roles_input(struct file_roles *fr, const char *path, const char *what);
void file_roles_output(struct file_roles *fr, const char *path, const char *what);
/* 0, or 64 after a message naming the first clash. */
int file_roles_check(const struct file_roles *fr);

#endif
