/*
 * report_page.h - `ucmig-batch report DIR`: DIR/report.html, one page
 * for the change board, and DIR/report.json, the same facts for scripts.
 *
 * The page is self-contained: inline CSS and inline SVG, no script, no
 * font, image or style from anywhere else, so it opens from a mail
 * attachment and prints on A4. It holds: the verdict, who made it and
 * when; the phases' timeline with durations; a funnel of users through
 * the phases (one bar a phase); counts per phase by result token; a row
 * per user with each phase's result and the reason where they stopped;
 * the rejects files and the plan's findings; the commands that were run
 * (from each tool's summary.json: secrets were never in them); the
 * versions of the tools.
 *
 * Everything comes from files (state, summary.json, the reports): the
 * report can be made again at any time, during a run too.
 */
#ifndef UCMIG_BATCH_REPORT_PAGE_H
#define UCMIG_BATCH_REPORT_PAGE_H

#include "batch.h"

int batch_report(const struct batch *b);

#endif
