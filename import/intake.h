/*
 * intake.h - the input rows, read and sorted out before anything is
 * written: every row checked (SPEC.md section 3), and each valid one
 * classified as kept, a self-contact, a duplicate (the same owner,
 * contact and group again) or over the owner's contact-list limit.
 *
 * The input is read twice: once to count (intake_count: a bad row
 * anywhere stops the run with 65 before any output exists), once to
 * write (the caller's pass, with intake_restart and intake_classify
 * giving every row the same verdict as in the first pass, since the
 * verdict depends only on the rows before it). Memory: the owners and
 * two fingerprint sets, 16 bytes per row (live, where an owner's rows
 * come together: per row of one owner); never the rows themselves.
 *
 * Ownership: the intake owns its owners' table and sets; the settings
 * are the caller's and outlive it.
 */
#ifndef UCMIG_IMPORT_INTAKE_H
#define UCMIG_IMPORT_INTAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/fpset.h"
#include "base/strbuf.h"
#include "base/strset.h"
#include "domain/batcsv.h"
#include "settings.h"

enum row_verdict { ROW_KEEP, ROW_SELF, ROW_DUPLICATE, ROW_OVER_LIMIT, ROW_NVERDICTS };

struct owner {
	char *address;               /* "user@domain" as first seen */
	char *user_id;               /* the User ID field */
	unsigned long line;          /* first row */
	size_t rows;                 /* rows kept */
	size_t contacts;             /* distinct contacts kept */
	size_t seen;                 /* distinct contacts so far in this pass */
	bool ended;                  /* another owner's rows came after theirs */
	long node;                   /* set by the planner; -1 unassigned */
	size_t file;
};

struct intake {
	const struct import_settings *set;
	long limit;                  /* contacts per user; 0 unlimited */
	struct strset index;         /* lower(address) -> owner index */
	struct owner *owner;
	size_t nowners, owner_alloc;
	struct fpset rows_seen, pairs_seen;
	struct strbuf key, lower;
	unsigned long verdicts[ROW_NVERDICTS];
	unsigned long over_kept;     /* over the limit, kept (--keep-over-limit) */
	unsigned long federated;     /* kept rows outside --domains */
	unsigned long rows, bad;
	bool with_state;             /* some row has 7 fields */
	size_t current;              /* owner of the last row; SIZE_MAX before */
	size_t classified_owner;     /* whose rows the fingerprint sets hold (live) */
	unsigned long scattered_line; /* a row of an owner whose rows ended earlier */
	size_t scattered_owner;
	bool had_header;
};

void intake_init(struct intake *in, const struct import_settings *set, long limit);
void intake_release(struct intake *in);

/* The first pass over path: owners and counts. Returns 0, or 65 after
 * naming every bad row (file, line, field), or another exit status. */
/* fd: path opened with infile_open_rereadable. */
int intake_count(struct intake *in, const char *path, int fd);

/* Forget what the last pass saw, so the next one gives every row the
 * same verdict again; the first pass's counts are kept. */
void intake_restart(struct intake *in);
/* The verdict on one valid row or self-contact, and its owner (*owner). */
enum row_verdict intake_classify(struct intake *in, const struct bat_csv_row *r, size_t *owner);
/* Is the row's contact domain outside --domains? */
/* "bob@example.com in Friends (line 12)": a dropped row in a report's detail. */
void intake_row_detail(struct strbuf *out, const struct bat_csv_row *r);
bool intake_is_federated(const struct intake *in, const struct bat_csv_row *r);

#endif
