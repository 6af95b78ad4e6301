/*
 * run.h - one run of ucmig-disable: disable, --verify or --undo, of one
 * of the two attributes it changes (its "target"):
 *
 *   enabled.c   msRTCSIP-UserEnabled TRUE to FALSE (the default), users
 *               found by their SIP address
 *   address.c   msRTCSIP-PrimaryUserAddress added where there is none
 *               (--set-address), users found by mail or sAMAccountName
 *
 * Every run has the same shape, here in run.c: read and check all input,
 * connect, look every user up, decide each user's outcome from what the
 * directory and the journal say, and only then change anything, with the
 * window of modify_window.h. Per user the only change ever made is the
 * target's one value; every other attribute is left alone.
 *
 * The journal's records are domain/disable_journal.h's, of the target's
 * kind. A user with "begin" but no "done" was killed in flight: the
 * directory read-back decides whether the change landed. Nobody is
 * changed twice.
 *
 * Ownership: the run owns everything in its state; settings are
 * borrowed from main.
 */
#ifndef UCMIG_DISABLE_RUN_H
#define UCMIG_DISABLE_RUN_H

#include <stdbool.h>

#include "base/compiler.h"
#include "ldap/aduser.h"
#include "domain/disable_journal.h"
#include "ldap/ldap_session.h"
#include "ldap/modify_window.h"
#include "outcome.h"
#include "base/strset.h"
#include "domain/userlist.h"

enum disable_mode { MODE_CHANGE, MODE_VERIFY, MODE_UNDO, MODE_COUNT };

struct disable_run;

/* What a target does at each step that differs between the two. */
struct disable_target {
	const char *journal_name;            /* in the default journal path */
	const char *done_verb;               /* "cannot be ..." */
	const char *action[MODE_COUNT];      /* the report's action column */
	enum disable_journal_kind journal;
	struct modify_change change, undo;   /* one job, by mode */
	enum outcome changed, restored;      /* a job's success, by mode */
	/* Check what the user list holds, before connecting (may be NULL). */
	int (*check_input)(struct disable_run *r);
	/* Expand DN: lines, look every user up; fills r->ad. */
	int (*look_up)(struct disable_run *r);
	/* Decide user i (r->mode): an outcome, or a job (run_queue). */
	int (*plan)(struct disable_run *r, size_t i);
	/* A begin record's URI and PREVIOUS for user i's job. */
	void (*begin_record)(struct disable_run *r, size_t i, const char **uri, const char **previous);
	/* A job sent twice (lost connection) answered result: did the first
	 * one land? Reads the entry back over s, the connection that
	 * answered. NULL: replace is idempotent. */
	bool (*landed_anyway)(struct disable_run *r, struct ldap_session *s, const struct modify_job *job,
			      enum modify_result result);
	/* A job's success is reported with its value, not only its DN. */
	bool show_value;
};

extern const struct disable_target target_enabled, target_address;

struct journal_user {
	char *uri, *dn, *previous;
	bool begun, done, undone;
	long long done_at;            /* when the server confirmed it */
};

struct disable_run {
	/* settings, filled by main */
	const struct disable_target *target;
	enum disable_mode mode;
	bool dry_run, keep_going;
	size_t window;                      /* LDAP requests in flight */
	size_t parallel;                    /* connections for the changes */
	long everyone;                      /* --everyone N, or -1 */
	struct aduser_query query;          /* --set-address: how users are found */
	const char *domain;                 /* --domain, or NULL */
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
	struct ldap_session *ldap;          /* [0] looks up; all change */
	size_t nldap;                       /* of them open */
	struct modify_job *jobs;
	size_t *job_user, njobs;

	/* --set-address: who already carries the address each user would
	 * get (or, for undo, the entry the journal changed) */
	struct userlist wanted;             /* those addresses */
	struct aduser *holder;              /* per entry of wanted */
	size_t *wanted_of;                  /* per user: index in wanted, or SIZE_MAX */
};

void disable_run_init(struct disable_run *r);
void disable_run_release(struct disable_run *r);
/* userlist: path of the user list (disable, verify) or NULL (undo). */
int disable_run_execute(struct disable_run *r, const char *userlist);
/* Reconnects over all the run's connections. */
unsigned disable_run_reconnects(const struct disable_run *r);
/* Hand each user's outcome to the wrapup: report, rejects, counts. */
void disable_run_record_outcomes(struct disable_run *r);

/* For the targets' plans. */
struct journal_user *run_journal_user(struct disable_run *r, const char *uri, bool create);
int run_journal_record(struct disable_run *r, enum disable_event event, struct journal_user *u);
void run_decide(struct disable_run *r, size_t i, enum outcome o, const char *detail);
void run_decidef(struct disable_run *r, size_t i, enum outcome o, const char *fmt, ...)
	UCMIG_PRINTF(4, 5);
/* The arrays of the decide phase, one element a user; a target's look_up
 * calls this once the user list is final (DN: lines expanded). */
void run_allocate(struct disable_run *r);
/* Queue user i's job: value replaced, added or deleted at dn. */
void run_queue(struct disable_run *r, size_t i, const char *dn, const char *value);

#endif
