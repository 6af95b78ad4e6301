/*
 * left_out.h - what an import left out on purpose, read back from its
 * report (--import-report FILE), so that a reconcile calls those rows
 * left out and not missing.
 *
 * From the report's lines (key,action,result,detail):
 *   over-limit   a row over the contact limit: the detail names it,
 *                "bob@example.com in Friends (line 12)";
 *   unassigned   an owner on no node of the assignment: all its rows;
 *   no-account   an owner without an account on the XMPP server: all.
 * Other lines are not drops and are passed over. Keys are lowercase
 * ("owner", "owner\tcontact\tgroup"), as reconcile compares.
 *
 * Memory: the drops, not the report. Owns its sets.
 */
#ifndef UCMIG_DOMAIN_LEFT_OUT_H
#define UCMIG_DOMAIN_LEFT_OUT_H

#include "base/strset.h"

struct left_out {
	struct strset rows;          /* "owner\tcontact\tgroup" -> why */
	struct strset owners;        /* "owner" -> why */
	unsigned long lines;         /* drops read */
};

enum left_out_why { LEFT_OUT_OVER_LIMIT = 1, LEFT_OUT_UNASSIGNED, LEFT_OUT_NO_ACCOUNT };

void left_out_init(struct left_out *lo);
/* Read path (an import's --report). Returns 0, or 65 naming the line of
 * a record that is not a report line, or another exit status. */
int left_out_load(struct left_out *lo, const char *path);
/* Why the row (keys as reconcile writes them) was left out; 0 if not. */
int left_out_row(const struct left_out *lo, const char *owner, const char *contact, const char *group);
/* The report's word for a reason: "over-limit". */
const char *left_out_word(int why);
void left_out_release(struct left_out *lo);

#endif
