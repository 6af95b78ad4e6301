/*
 * textin.h - reading a text file line by line as UTF-8, whatever Windows
 * wrote it as.
 *
 * Administrators' files come from PowerShell, Excel and Notepad: UTF-8 with
 * or without a BOM, UTF-16LE with a BOM, CRLF or LF. A textin hides all of
 * that: every line it returns is UTF-8, ends with a single '\n' (also the
 * last one, even if the file did not), and has been checked to be valid
 * UTF-8. Invalid input is reported with file, line and column.
 *
 * A line longer than TEXTIN_MAX_LINE is refused (65, file and line): a
 * 1 GB file of one line once took 2.9 GB and two minutes to refuse.
 *
 * Ownership: the line returned by textin_getline belongs to the textin and
 * is valid until the next call. Memory is one line plus a fixed buffer.
 */
#ifndef UCMIG_TEXTIN_H
#define UCMIG_TEXTIN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

enum textin_encoding { TEXTIN_UTF8, TEXTIN_UTF16LE };

#define TEXTIN_MAX_LINE (1 << 20)

struct textin {
	const char *name;          /* for messages */
	int fd;
	enum textin_encoding encoding;
	bool started, eof;
	unsigned char raw[65536];
	size_t raw_len, raw_pos;
	unsigned long lineno;      /* of the line last returned, from 1 */
	struct strbuf line;
	unsigned long long bytes_read;
	bool replay;               /* textin_ungetline was called */
};

/* Open path ("-" is stdin). Returns 0 or an exit status (message printed). */
int textin_open(struct textin *in, const char *path);
/* Wrap an fd that is already open (not closed by textin_close). */
void textin_from_fd(struct textin *in, int fd, const char *name);
/* Next line into *line and *len; *line is NULL at the end of the file.
 * Returns 0, or an exit status after printing the message. */
int textin_getline(struct textin *in, const char **line, size_t *len);
/* Make the next textin_getline return the line just returned again, so a
 * reader can look at a file's first line before choosing its parser. */
void textin_ungetline(struct textin *in);
void textin_close(struct textin *in);

#endif
