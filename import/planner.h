/*
 * planner.h - which file each user's rows go to: per IM and Presence
 * node (from the assignment), and per maintenance window or Webex file
 * limit, one user's whole list always in one file.
 *
 * Rules (SPEC.md section 3):
 *   - BAT: a file holds at most rate x window rows (no limit without
 *     --window); a node holds at most 130,000 contacts (90,000 on the
 *     5,000-user OVA), half that with --ha: over it is 65, nothing written.
 *   - Webex: a file holds at most 10,000 rows.
 *   - A user larger than one file's room gets a file alone, with a
 *     warning (it cannot be split).
 *   - Users go to files in the order of their first row.
 *
 * Ownership: the plan owns its files and names; it points into the
 * intake's owners and the assignment's nodes, which outlive it.
 */
#ifndef UCMIG_IMPORT_PLANNER_H
#define UCMIG_IMPORT_PLANNER_H

#include <stddef.h>

#include "domain/assignment.h"
#include "intake.h"
#include "settings.h"

struct plan_file {
	size_t node;
	unsigned window;             /* 1, 2, ... within its node */
	char *name;                  /* "node1-01.csv" */
	char *path;                  /* "DIR/node1-01.csv", once plan_paths ran */
	size_t users, rows, contacts;
};

struct plan_node {
	size_t users, rows, contacts, nfiles;
};

struct plan {
	struct plan_file *file;
	size_t nfiles, file_alloc;
	struct plan_node *node;      /* as many as the assignment's nodes */
	size_t nnodes;
	size_t rows_per_file;        /* 0: no limit */
	long rate;                   /* rows/s per node; 0: not known */
	size_t unassigned;           /* users with rows and no node */
	char *plan_path;             /* "DIR/plan.csv", once plan_paths ran */
};

/* The rows/s of --rate or --ova (6, 12, 22), or 0. */
long plan_rate(const struct import_settings *set);

/* Assign every owner with rows to a node and file. Returns 0, or 65
 * when a node is over its capacity or two nodes' names would make one
 * file name. */
int plan_make(struct plan *p, const struct import_settings *set, struct intake *in,
	      const struct assignment *a);
/* Each file's path in dir, and the plan's, for the file roles' check
 * (an output such as --rejects DIR/node1-01.csv is refused, 64). */
void plan_paths(struct plan *p, const char *dir);
void plan_free(struct plan *p);

#endif
