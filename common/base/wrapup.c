/*
 * wrapup.c - see wrapup.h.
 */
#include "base/wrapup.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/csvout.h"
#include "base/exitcode.h"
#include "base/infile.h"
#include "base/interrupt.h"
#include "base/msg.h"
#include "base/run_summary.h"
#include "base/xalloc.h"

void wrapup_init(struct wrapup *w, const char *tool, const struct outcome_def *outcomes,
		 size_t noutcomes)
{
	memset(w, 0, sizeof(*w));
	w->tool = tool;
	w->outcomes = outcomes;
	w->noutcomes = noutcomes;
	w->count = xcalloc(noutcomes ? noutcomes : 1, sizeof(*w->count));
	strbuf_init(&w->journal);
	strbuf_init(&w->summary);
	file_roles_init(&w->files);
	progress_start(&w->progress, PROGRESS_OFF);
	interrupt_install();
	w->started = time(NULL);
}

int wrapup_parse(struct wrapup *w, const struct tool_spec *tool, int argc, char **argv,
		 struct common_opts *common, int *first_operand)
{
	int status = cmdline_parse(tool, argc, argv, common, first_operand);

	w->summary_path = common->exit_now ? NULL : common->summary;
	w->report_path = common->report;
	w->argc = argc;
	w->argv = argv;
	return status;
}

void wrapup_input(struct wrapup *w, const char *path, const char *what)
{
	file_roles_input(&w->files, path, what);
}

void wrapup_output(struct wrapup *w, const char *path, const char *what)
{
	file_roles_output(&w->files, path, what);
}

int wrapup_open(struct wrapup *w, const struct common_opts *common, const char *rejects)
{
	int status;

	file_roles_output(&w->files, common->report, "--report");
	file_roles_output(&w->files, w->summary_path, "--summary");
	file_roles_output(&w->files, rejects, "--rejects");
	if (w->journal.len)
		file_roles_output(&w->files, w->journal.buf, "the journal");
	if ((status = file_roles_check(&w->files)) ||
	    (status = report_open(&w->report, common->report)) ||
	    (status = outfile_open(&w->rejects, rejects)))
		return status;
	if (w->excel_safe_report)
		csvout_excel_safe_stream(w->report.out.fp);
	progress_start(&w->progress, common->progress);
	return 0;
}

const char *wrapup_journal_path(struct wrapup *w, const char *given, const char *report,
				const char *userlist)
{
	/* The tool's name is in it: disable and delete run on one user list
	 * must not meet in one journal. */
	const char *name = strncmp(w->tool, "ucmig-", 6) == 0 ? w->tool + 6 : w->tool;

	return wrapup_journal_path_named(w, name, given, report, userlist);
}

const char *wrapup_journal_path_named(struct wrapup *w, const char *suffix, const char *given,
				      const char *report, const char *userlist)
{
	bool tools_own = strstr(w->tool, suffix) && strcmp(strstr(w->tool, suffix), suffix) == 0;

	strbuf_reset(&w->journal);
	if (given)
		strbuf_addstr(&w->journal, given);
	else if (report)
		strbuf_addf(&w->journal, "%s.%s.journal", report, suffix);
	else if (userlist && !infile_is_stdin(userlist))
		strbuf_addf(&w->journal, "%s.%s.journal", userlist, suffix);
	else
		strbuf_addf(&w->journal, "%s%s%s.journal", w->tool, tools_own ? "" : "-",
			    tools_own ? "" : suffix);
	return w->journal.buf;
}

void wrapup_record(struct wrapup *w, size_t outcome, const char *key, const char *action,
		   const char *detail)
{
	const struct outcome_def *o = &w->outcomes[outcome];

	w->count[outcome]++;
	report_line(&w->report, key, action, o->result, detail);
}

void wrapup_reject(struct wrapup *w, const char *line)
{
	if (w->rejects.fp)
		fprintf(w->rejects.fp, "%s\n", line);
}

int wrapup_flush(struct wrapup *w)
{
	int status = report_flush(&w->report);

	if (!status && w->rejects.fp && (fflush(w->rejects.fp) != 0 || ferror(w->rejects.fp)))
		status = fail(UCMIG_EX_IOERR, "%s: cannot write the rejects:", w->rejects.path);
	return status;
}

void wrapup_fail(struct wrapup *w, int status)
{
	w->status = ucmig_exit_worst(w->status, status);
}

bool wrapup_summary_counts(struct wrapup *w, int group, const char *lead)
{
	bool any = false;

	for (size_t o = 0; o < w->noutcomes; o++) {
		if (!w->count[o] || w->outcomes[o].group != group)
			continue;
		strbuf_addf(&w->summary, "%s%lu %s", any ? ", " : lead, w->count[o], w->outcomes[o].phrase);
		any = true;
		w->summary_wanted = true;
	}
	return any;
}

void wrapup_summary_addf(struct wrapup *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&w->summary, fmt, ap);
	va_end(ap);
	w->summary_wanted = true;
}

void wrapup_summary_journal(struct wrapup *w, const char *path)
{
	if (path && access(path, F_OK) == 0)
		wrapup_summary_addf(w, "; journal %s", path);
}

/* --summary: the counts by result token, however many outcomes share one. */
static int write_summary(const struct wrapup *w, int status)
{
	unsigned long counts[RESULT_COUNT] = { 0 };
	const char *tokens[RESULT_COUNT];
	struct run_summary s = {
		.path = w->summary_path, .tool = w->tool,
		.argc = w->argc > 0 ? w->argc - 1 : 0, .argv = w->argc > 0 ? w->argv + 1 : NULL,
		.started = w->started, .ended = time(NULL), .status = status,
		.tokens = tokens, .counts = counts, .nkinds = RESULT_COUNT,
		.summary = w->summary_wanted ? w->summary.buf : "",
		.journal = w->journal.len ? w->journal.buf : NULL, .report = w->report_path,
		.files = &w->files,
	};

	for (int r = 0; r < RESULT_COUNT; r++)
		tokens[r] = result_token((enum result)r);
	for (size_t o = 0; o < w->noutcomes; o++)
		counts[w->outcomes[o].result] += w->count[o];
	return run_summary_write(&s);
}

int wrapup_finish(struct wrapup *w)
{
	int status = w->status;

	/* A signal is why the run ended, whatever else it had met by then. */
	if (interrupt_requested()) {
		status = interrupt_status();
		if (w->summary_wanted)
			wrapup_summary_addf(w, "; stopped by %s: run the same command again to finish",
					    interrupt_name());
	}

	progress_end(&w->progress);
	/* What a tool printed on standard output (a table, findings) is its
	 * data: a full disk or a closed pipe there is a failed run. */
	if (fflush(stdout) != 0 || ferror(stdout))
		status = ucmig_exit_worst(status, fail(UCMIG_EX_IOERR, "standard output: cannot write:"));
	for (size_t o = 0; o < w->noutcomes && !interrupt_requested(); o++) {
		if (!w->count[o])
			continue;
		if (outcome_effect(&w->outcomes[o]) == OUTCOME_LATER)
			status = ucmig_exit_worst(status, UCMIG_EX_TEMPFAIL);
		else if (outcome_effect(&w->outcomes[o]) == OUTCOME_FAILED)
			status = ucmig_exit_worst(status, UCMIG_EX_PARTIAL);
	}
	/* Once records were decided, the rejects name who is left to do,
	 * whatever stopped the run; before that there is nothing to say. */
	if (w->summary_wanted) {
		note("%s", w->summary.buf);
		status = ucmig_exit_worst(status, outfile_commit(&w->rejects));
	} else {
		outfile_abort(&w->rejects);
	}
	status = ucmig_exit_worst(status, report_close(&w->report));
	if (w->summary_path)
		status = ucmig_exit_worst(status, write_summary(w, status));
	free(w->count);
	strbuf_release(&w->journal);
	strbuf_release(&w->summary);
	file_roles_release(&w->files);
	w->count = NULL;
	return status;
}
