/*
 * exporter.h - turning contact lists into BAT contact rows, whatever the
 * source, and counting everything that was left out and why.
 *
 * Rules (SPEC.md sections 3 and 7): one row per (owner, contact, group);
 * the default "~" group (number 1) and ungrouped contacts go to the
 * default group; distribution-list groups, self-contacts and duplicate
 * contacts are skipped and counted; federated contacts are kept; every
 * row is checked with bat_row_validate before it is written, and a row
 * that fails is reported and makes the run end with status 1.
 */
#ifndef UCMIG_EXPORTER_H
#define UCMIG_EXPORTER_H

#include <stdbool.h>
#include <stdio.h>

#include "base/fpset.h"
#include "domain/contact_list.h"
#include "base/wrapup.h"
#include "base/strset.h"
#include "domain/userlist.h"

enum skip_reason {
	SKIP_SELF_CONTACT,
	SKIP_DL_GROUP,
	SKIP_DL_MEMBERSHIP,
	SKIP_DUPLICATE_CONTACT,
	SKIP_BAD_CONTACT,
	SKIP_INVALID_ROW,
	SKIP_NON_USER_ITEM,
	SKIP_NREASONS
};

struct export_stats {
	unsigned long users_processed; /* selected users met in the source */
	unsigned long users_exported, users_not_found, users_failed;
	unsigned long users_duplicate, users_empty, users_not_selected;
	unsigned long long contacts, rows, federated;
	unsigned long largest;
	unsigned long skipped[SKIP_NREASONS];
};

struct exporter {
	/* settings */
	const char *default_group;
	const char *state;          /* 7th column value, or NULL for 6 columns */
	bool stats_only;
	bool empty_may_be_ucs;      /* source is Lync 2013+: empty list = UCS? */
	bool include_empty;         /* list empty users in exported_users */
	const struct userlist *filter; /* NULL: every user */
	FILE *csv;                  /* NULL with stats_only */
	FILE *exported_users;       /* may be NULL */
	struct wrapup *wrapup;       /* the run's: report lines and counts */
	const char *source_name;    /* for messages: "file.zip:DocItemSet.xml" */
	/* state */
	struct export_stats stats;
	/* Users already exported, to drop a second copy: with a filter its
	 * entries' flags serve; without one, fingerprints (fpset.h), so
	 * memory stays small at 100,000s of users. */
	struct fpset seen;
	struct strset list_contacts;    /* per user, cleared each time */
	const char **contact_groups;    /* per contact: group names written */
	size_t ncontact_groups, contact_groups_alloc;
	struct strbuf empty_names;      /* first few empty-list users, for the warning */
	int status;                     /* UCMIG_OK or UCMIG_EX_PARTIAL */
};

void exporter_init(struct exporter *ex);
void exporter_release(struct exporter *ex);
/* One user's list: write its rows. Returns 0 (the source's callback
 * contract allows a status, but there is none to give: per-record
 * problems only set ex->status, and write errors are sticky in the FILE
 * and caught by outfile_commit). */
int exporter_user(struct exporter *ex, const struct contact_list *cl);
void exporter_non_user(struct exporter *ex, const char *name);
/* After the source: report users of the filter that were never seen. */
void exporter_finish(struct exporter *ex);
/* The one-line summary, without the program name. */
void exporter_summary(const struct exporter *ex, struct strbuf *out);
const char *skip_reason_token(enum skip_reason r);

#endif
