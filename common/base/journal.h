/*
 * journal.h - the append-only record of what a tool changed, so that a
 * killed run, re-run with its journal, finishes without doing anything
 * twice, and so that changes can be undone.
 *
 * Format: a first line "#ucmig-journal 1 TOOL" (1 is the format
 * version: another version, or another tool's journal, is refused with
 * 65), then one record a line, fields separated by tabs, with backslash
 * escapes for tab, newline and backslash. What the records mean is each
 * tool's (domain/disable_journal.h for ucmig-disable's).
 *
 * Each record is one write(2) on an O_APPEND descriptor, so a kill or a
 * full disk leaves at worst a last line without its newline: replay
 * ignores it (the step it announced was not yet sent) and journal_open
 * cuts it off before appending, so it never becomes a malformed line in
 * the middle. A short write is cut back at once. Anywhere else a record
 * the tool does not know is an error, never skipped.
 *
 * A journal open for writing is locked: a second run on it stops with
 * 75 naming the process that holds it.
 *
 * Protocol: write a "begin" record, journal_sync, then send the change;
 * write a "done" record when the server confirms. journal_sync batches
 * the fsync for a whole window of requests.
 */
#ifndef UCMIG_JOURNAL_H
#define UCMIG_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "base/strbuf.h"

#define JOURNAL_MAX_FIELDS 8

struct journal {
	int fd;
	const char *path;
	off_t size;            /* bytes of whole records: where a torn one starts */
	bool dirty;            /* records written since the last sync */
	unsigned long records; /* read on open plus written since */
	struct strbuf line;
};

/* Called for every record of an existing journal, in order. */
typedef int (*journal_replay_fn)(char **fields, size_t n, unsigned long line, void *data);

/* Open (creating it if needed) the journal of tool at path, replaying
 * what it already holds. A journal of another tool is refused. Returns 0
 * or an exit status. */
int journal_open(struct journal *j, const char *path, const char *tool,
		 journal_replay_fn fn, void *data);
/* Replay only, without opening for writing (e.g. to undo). */
int journal_replay(const char *path, const char *tool, journal_replay_fn fn, void *data);
/* Which tool wrote the journal at path: its header's TOOL into *tool.
 * Returns 0, 66 if it cannot be opened, or 65 if it is no journal of
 * this format version. */
int journal_tool(const char *path, struct strbuf *tool);
/* Append one record. Returns 0 or an exit status. */
int journal_write(struct journal *j, const char *const *fields, size_t n);
/* Make what was written durable (fdatasync) if anything was. */
int journal_sync(struct journal *j);
int journal_close(struct journal *j);

#endif
