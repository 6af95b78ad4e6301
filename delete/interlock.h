/*
 * interlock.h - what must be true of a user before their Microsoft data
 * is deleted, each refusing the user (not the batch) with a reason:
 *
 *  - disabled in Active Directory (msRTCSIP-UserEnabled FALSE), read over
 *    LDAP; --skip-ad-check turns it off explicitly;
 *  - present in a backup (--backup: a BAT contact CSV, or an
 *    Export-CsUserData / dbimpexp file); --no-backup turns it off;
 *  - disabled at least --min-age minutes ago according to ucmig-disable's
 *    journal (--disable-journal): the Microsoft User Replicator may take
 *    30 minutes to see it. A user too recent is "try later" (exit 75).
 */
#ifndef UCMIG_INTERLOCK_H
#define UCMIG_INTERLOCK_H

#include <stdbool.h>

#include "ldap/ldap_session.h"
#include "outcome.h"
#include "base/strset.h"
#include "domain/userlist.h"

struct interlocks {
	/* settings */
	bool check_ad;
	const struct ldap_settings *ldap;
	const char *backup;          /* NULL: --no-backup */
	const char *disable_journal; /* NULL with min_age 0 */
	long min_age;                /* seconds */
	bool will_change;            /* not a dry run: a whole domain needs --everyone */
	long everyone;               /* --everyone N, or -1 */
	/* loaded */
	struct strset backed_up;     /* sipuri_key of users in the backup */
	struct strset disabled_at;   /* sipuri_key -> value: time disabled */
};

void interlocks_init(struct interlocks *il);
void interlocks_release(struct interlocks *il);
/* Load the backup and the disable journal (before any connection). */
int interlocks_load(struct interlocks *il);
/* Decide every user of ul (DN: lines expanded first if AD is checked);
 * refused[i] gets the reason or REFUSE_NONE; *wait_s the longest time a
 * too-recent user still has to wait. Returns 0 or an exit status. */
int interlocks_apply(struct interlocks *il, struct userlist *ul, enum refusal **refused,
		     long *wait_s);

#endif
