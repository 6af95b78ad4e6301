/*
 * run.h - one run of ucmig-disable: disable, --verify or --undo.
 *
 * Every mode has the same shape: read and check all input, connect, look
 * every user up, decide each user's outcome from what the directory and
 * the journal say, and only then change anything. Per user (SPEC.md
 * section 5) the only change ever made is msRTCSIP-UserEnabled: TRUE to
 * FALSE (or back, for undo); every other attribute is left alone.
 *
 * The journal's records are domain/disable_journal.h's. A user with
 * "begin" but no "done" was killed in flight: the directory read-back
 * decides whether the change landed. Nobody is changed twice.
 */
#ifndef UCMIG_DISABLE_RUN_H
#define UCMIG_DISABLE_RUN_H

#include <stdbool.h>

#include "ldap/aduser.h"
#include "domain/disable_journal.h"
#include "ldap/ldap_session.h"
#include "ldap/modify_window.h"
#include "outcome.h"
#include "base/strset.h"
#include "domain/userlist.h"

enum disable_mode { MODE_DISABLE, MODE_VERIFY, MODE_UNDO };

struct journal_user {
	char *uri, *dn, *previous;
	bool begun, done, undone;
	long long done_at;            /* when the server confirmed it */
};

struct disable_run {
	/* settings, filled by main */
	enum disable_mode mode;
	bool dry_run, keep_going;
	size_t window;                      /* LDAP requests in flight */
	long everyone;                      /* --everyone N, or -1 */
	const char *journal_path;
	const struct ldap_settings *ldap_settings;
	struct wrapup *wrapup;              /* report, rejects, progress */

	/* state */
	struct userlist users;
	struct aduser *ad;
	enum outcome *outcome;
	char **detail;
	struct strset journal_keys;         /* sipuri_key -> index in jusers */
	struct journal_user *jusers;
	size_t njusers, jalloc;
	struct journal journal;
	bool journal_open;
	struct ldap_session ldap;
	struct modify_job *jobs;
	size_t *job_user, njobs;
};

void disable_run_init(struct disable_run *r);
void disable_run_release(struct disable_run *r);
/* userlist: path of the user list (disable, verify) or NULL (undo). */
int disable_run_execute(struct disable_run *r, const char *userlist);
/* Hand each user's outcome to the wrapup: report, rejects, counts. */
void disable_run_record_outcomes(struct disable_run *r);

#endif
