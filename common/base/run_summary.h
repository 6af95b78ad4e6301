/*
 * run_summary.h - --summary FILE: what a run was and how it ended, as
 * JSON, for the batch runbook and an administrator's scripts. Every tool
 * writes it the same way, from its wrap-up (base/wrapup.h), when the run
 * ended however it ended: done, failed, refused or stopped by a signal.
 *
 *   { "ucmig-summary": 1, "tool": "ucmig-disable", "version": "0.1.0",
 *     "argv": [...], "started": "2026-12-07T00:10:00Z", "ended": "...",
 *     "exit": { "status": 1, "meaning": "..." },
 *     "results": { "disabled": 3, "not-found": 1 },   (result.h tokens)
 *     "summary": "the summary line", "journal": PATH|null,
 *     "report": PATH|null, "outputs": [ { "what": "--rejects", "path": ... } ] }
 *
 * Rules:
 *   - No secret: no option takes a password, and the user part of a
 *     URL's credentials ("https://admin:pw@host") is replaced by "***".
 *   - It only ever replaces an earlier summary: an existing file that
 *     does not begin as one is left alone (73), so a mistyped --summary
 *     cannot destroy an input even before the file roles were checked.
 *   - Created 0600 under a temporary name and renamed into place.
 *
 * Ownership: the caller's strings are borrowed for the call.
 */
#ifndef UCMIG_RUN_SUMMARY_H
#define UCMIG_RUN_SUMMARY_H

#include <stddef.h>
#include <time.h>

#include "base/file_roles.h"
#include "base/strbuf.h"

struct run_summary {
	const char *path;                 /* --summary */
	const char *tool;
	int argc;                         /* argv[0] excluded */
	char *const *argv;
	time_t started, ended;
	int status;
	const char *const *tokens;        /* a result token per counted kind, */
	const unsigned long *counts;      /* and its count */
	size_t nkinds;
	const char *summary;              /* the summary line, or "" */
	const char *journal, *report;     /* NULL if none */
	const struct file_roles *files;   /* every output is listed */
};

/* The user part of a URL with credentials replaced by three stars
 * ("https://admin:pw@host/api" becomes "https://" "***" "@host/api"); any
 * other argument as given. */
void run_summary_redact(const char *arg, struct strbuf *out);
/* Write s->path. Returns 0 or an exit status (after a message). */
int run_summary_write(const struct run_summary *s);

#endif
