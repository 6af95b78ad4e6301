/*
 * wrapup.h - what every tool does around its work, in one structure:
 * the report, the rejects file, the journal's default path, the progress
 * line, the count of each outcome, the summary line and the exit status
 * they make. A tool's main() opens it, hands it records, and returns
 * wrapup_finish().
 *
 * Outcomes are the tool's own, as a table: the summary's words for it,
 * its result (base/result.h: the report's token, one language for every
 * tool, and the effect on the exit status) and a group, so a summary can
 * say "...; refused: 1 not found, ...".
 * Exit status, in this order: 128 + the signal if a run was stopped by
 * one (interrupt.h: wrapup_init installs the handlers); the worst hard
 * status given to wrapup_fail(); else 75 if any record's outcome is
 * "later"; else 1 if any is "failed"; else 0.
 *
 * Ownership: the wrapup owns its report, rejects file, strings and
 * counts; the outcome table and the tool name are the caller's, static.
 * Nothing is printed before wrapup_finish except by the caller.
 */
#ifndef UCMIG_WRAPUP_H
#define UCMIG_WRAPUP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/cmdline.h"
#include "base/compiler.h"
#include "base/file_roles.h"
#include "base/outfile.h"
#include "base/progress.h"
#include "base/report.h"
#include "base/result.h"
#include "base/strbuf.h"

struct outcome_def {
	const char *phrase;          /* the summary's words: "already disabled" */
	enum result result;          /* the report's token and the effect */
	int group;                   /* for wrapup_summary_counts; 0 if one */
	enum outcome_effect override; /* OUTCOME_AS_RESULT (0): the result's;
	                                else stricter, for one run (result.h) */
};

/* What an outcome does to the exit status. */
static inline enum outcome_effect outcome_effect(const struct outcome_def *o)
{
	return o->override == OUTCOME_AS_RESULT ? result_table[o->result].effect : o->override;
}

struct wrapup {
	const char *tool;            /* "ucmig-disable" */
	const struct outcome_def *outcomes;
	size_t noutcomes;
	unsigned long *count;        /* per outcome */
	struct report report;
	struct outfile rejects;
	struct progress progress;
	struct strbuf journal;       /* the journal's path once decided */
	struct strbuf summary;       /* the line wrapup_finish prints */
	struct file_roles files;     /* every file the run reads or writes */
	int status;                  /* worst hard status so far */
	bool excel_safe_report;      /* --excel-safe: set before wrapup_open */
	bool summary_wanted;         /* the run got far enough to have one */
	/* --summary (base/run_summary.h), from wrapup_command */
	const char *summary_path, *report_path;
	int argc;
	char **argv;                 /* borrowed: main()'s */
	time_t started;
};

void wrapup_init(struct wrapup *w, const char *tool, const struct outcome_def *outcomes,
		 size_t noutcomes);
/* cmdline_parse, and the wrap-up told what the command was, whether or
 * not it parsed: --summary is then written at wrapup_finish however the
 * run ends (not after --help or --version). Returns cmdline_parse's. */
int wrapup_parse(struct wrapup *w, const struct tool_spec *tool, int argc, char **argv,
		 struct common_opts *common, int *first_operand);
/* Name a file the run reads, or writes (besides the report, rejects and
 * journal, which the wrapup knows), for wrapup_open's check. */
void wrapup_input(struct wrapup *w, const char *path, const char *what);
void wrapup_output(struct wrapup *w, const char *path, const char *what);
/* Check that no output is an input or another output (file_roles.h,
 * 64), then open the report and rejects files (before any change, so a
 * path that cannot be written stops the run first) and start the
 * progress line. Decide the journal's path before. Returns 0 or an exit
 * status. */
int wrapup_open(struct wrapup *w, const struct common_opts *common, const char *rejects);
/* The journal path: given, else next to the report or the user list,
 * named for the tool: "batch1.txt.disable.journal". */
const char *wrapup_journal_path(struct wrapup *w, const char *given, const char *report,
				const char *userlist);
/* The same for a tool with more than one kind of journal: named for what
 * it records ("batch1.txt.set-address.journal"). */
const char *wrapup_journal_path_named(struct wrapup *w, const char *name, const char *given,
				      const char *report, const char *userlist);
/* One record's outcome: counted, and a report line written. */
void wrapup_record(struct wrapup *w, size_t outcome, const char *key, const char *action,
		   const char *detail);
/* A line for the rejects file, in the input's own format. */
void wrapup_reject(struct wrapup *w, const char *line);
/* Before a tool puts its data files in place: the report and the
 * rejects written so far reach their files, or the status (74) that must
 * keep the data back, so no data stands without its record. */
int wrapup_flush(struct wrapup *w);
/* A hard status that ends the run (69, 77, ...); the worst is kept. */
void wrapup_fail(struct wrapup *w, int status);
/* Append "N token, M token" for the group's non-zero counts. Returns
 * whether anything was appended. */
bool wrapup_summary_counts(struct wrapup *w, int group, const char *lead);
void wrapup_summary_addf(struct wrapup *w, const char *fmt, ...) UCMIG_PRINTF(2, 3);
/* Append "; journal PATH" if the journal is there: a run stopped before
 * its journal was created changed nothing, and a path named that does
 * not exist sends the administrator looking for it. */
void wrapup_summary_journal(struct wrapup *w, const char *path);
/* End the progress line; if the run got as far as a summary, print it
 * and commit the rejects file, else remove that file; close the report
 * (always kept: it is the record); write --summary; release everything;
 * return the exit status. */
int wrapup_finish(struct wrapup *w);

#endif
