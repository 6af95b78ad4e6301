/*
 * writer.h - the second pass: every kept row into its owner's file in
 * the output directory, every dropped or refused row into the report
 * (and, when it would be lost, --rejects, in BAT format), then plan.csv.
 *
 * All files are written under temporary names and renamed only when
 * every one of them is complete (outfile.h): a failed run leaves the
 * directory as it was.
 */
#ifndef UCMIG_IMPORT_WRITER_H
#define UCMIG_IMPORT_WRITER_H

#include "domain/assignment.h"
#include "base/wrapup.h"
#include "intake.h"
#include "planner.h"
#include "settings.h"

/* fd: the input as intake_count read it. Returns 0 or an exit status. */
int writer_run(const struct import_settings *set, struct intake *in, const struct plan *p,
	       const struct assignment *a, const char *path, int fd, struct wrapup *w);

/* The plan as an aligned table, for the terminal. */
void writer_print_plan(FILE *out, const struct plan *p, const struct assignment *a);

#endif
