/*
 * reconcile.h - what arrived: the presence server's contact lists
 * (TARGET: IM and Presence's BAT export of them) against what the import
 * was to put there (SOURCE: the exported, maybe renamed, BAT CSV), per
 * owner, contact and group; and the rows that did not arrive, as BAT CSV
 * that `ucmig-import --bat` plans like any other input (--missing).
 *
 * Compared as IM and Presence keeps a list: addresses without case, the
 * group name exactly, the State column only with --compare-state; a
 * self-contact or the same row again in SOURCE is not expected (IM and
 * Presence drops both). Per owner of SOURCE: rows expected, present,
 * missing, extra (on the server, not in SOURCE: added since; counted,
 * not a failure), and left out, when the import's report (--import-report)
 * says it dropped them on purpose (left_out.h). Owners only on the
 * server are counted and left alone.
 *
 * Phases: 1 the import's report; 2 every row of both inputs checked (a
 * bad one stops the run with 65 naming file and line, nothing written)
 * and put in order on disk (base/extsort.h), so memory is one row of
 * each whatever the size and whatever order the inputs come in; 3 the
 * outputs opened; 4 one merge, owner by owner: a report line each,
 * missing rows to --missing; 5 the summary.
 */
#ifndef UCMIG_IMPORT_RECONCILE_H
#define UCMIG_IMPORT_RECONCILE_H

#include "base/wrapup.h"
#include "settings.h"

/* target: a file; source: a file or "-" (standard input). Returns 0
 * when every expected row is there (or left out on purpose), 1 when rows
 * are missing, or another exit status. */
struct reconcile_context;
int reconcile_files(const struct import_settings *s, const char *target, const char *source,
		    const struct reconcile_context *context, const struct common_opts *common,
		    struct wrapup *w);

#endif
