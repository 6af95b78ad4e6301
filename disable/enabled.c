/*
 * enabled.c - ucmig-disable's first target: msRTCSIP-UserEnabled TRUE to
 * FALSE for users found by their SIP address (SPEC.md section 5), its
 * --verify and its --undo. See run.h.
 */
#include <string.h>

#include "run.h"

static const char *enabled_text(enum ad_enabled e)
{
	return e == AD_ENABLED_TRUE ? "TRUE" : e == AD_ENABLED_FALSE ? "FALSE" : "";
}

static int look_up(struct disable_run *r)
{
	int status;

	if ((status = aduser_expand_dns(r->ldap, &r->users,
					r->mode != MODE_VERIFY && !r->dry_run, r->everyone)))
		return status;
	run_allocate(r);
	return aduser_lookup(r->ldap, &r->users, r->ad, &r->wrapup->progress);
}

/* Found once with the attribute present, or decided as a failure. */
static bool found_usable(struct disable_run *r, size_t i)
{
	const struct aduser *a = &r->ad[i];

	if (a->matches == 0)
		run_decide(r, i, OUT_NOT_FOUND, "no entry with this msRTCSIP-PrimaryUserAddress");
	else if (a->matches > 1)
		run_decide(r, i, OUT_AMBIGUOUS, "several entries carry this address; none was changed");
	else if (a->enabled == AD_ENABLED_ABSENT)
		run_decide(r, i, OUT_NO_ATTRIBUTE, a->dn);
	else
		return true;
	return false;
}

static int plan_disable(struct disable_run *r, size_t i)
{
	const char *uri = r->users.entry[i].value;
	struct journal_user *j = run_journal_user(r, uri, false);
	const struct aduser *a = &r->ad[i];

	if (j && j->undone)
		j = NULL;    /* undone: as if never journaled */
	if (!found_usable(r, i))
		return 0;
	if (j && j->done) {
		if (a->enabled == AD_ENABLED_FALSE)
			run_decide(r, i, OUT_JOURNAL_DONE, a->dn);
		else
			run_decide(r, i, OUT_REENABLED,
				   "this journal disabled it and it is TRUE again: not touched");
		return 0;
	}
	if (a->enabled == AD_ENABLED_FALSE) {
		if (j && j->begun) {
			/* Killed after sending: the change landed. */
			run_decide(r, i, OUT_DISABLED, a->dn);
			j->done = true;
			return r->dry_run ? 0 : run_journal_record(r, DISABLE_DONE, j);
		}
		run_decide(r, i, OUT_ALREADY_DISABLED, a->dn);
		return 0;
	}
	if (r->dry_run)
		run_decide(r, i, OUT_WOULD_DISABLE, a->dn);
	else
		run_queue(r, i, a->dn, "FALSE");
	return 0;
}

static int plan_undo(struct disable_run *r, size_t i)
{
	struct journal_user *j = run_journal_user(r, r->users.entry[i].value, false);
	const struct aduser *a = &r->ad[i];

	if (!found_usable(r, i))
		return 0;
	if (strcmp(enabled_text(a->enabled), j->previous) == 0) {
		run_decide(r, i, OUT_RESTORED, a->dn);   /* already back (or undone before a kill) */
		j->undone = true;
		return r->dry_run ? 0 : run_journal_record(r, DISABLE_UNDONE, j);
	}
	if (r->dry_run)
		run_decide(r, i, OUT_WOULD_RESTORE, a->dn);
	else
		run_queue(r, i, a->dn, j->previous);
	return 0;
}

static int plan_verify(struct disable_run *r, size_t i)
{
	if (!found_usable(r, i))
		return 0;
	if (r->ad[i].enabled == AD_ENABLED_FALSE)
		run_decide(r, i, OUT_VERIFIED, r->ad[i].dn);
	else
		run_decide(r, i, OUT_STILL_ENABLED, r->ad[i].dn);
	return 0;
}

static int plan(struct disable_run *r, size_t i)
{
	return r->mode == MODE_VERIFY ? plan_verify(r, i)
	     : r->mode == MODE_UNDO ? plan_undo(r, i) : plan_disable(r, i);
}

static void begin_record(struct disable_run *r, size_t i, const char **uri, const char **previous)
{
	*uri = r->users.entry[i].value;
	*previous = enabled_text(r->ad[i].enabled);
}

const struct disable_target target_enabled = {
	.journal_name = "disable",
	.done_verb = "disabled",
	.action = { [MODE_CHANGE] = "disable", [MODE_VERIFY] = "verify", [MODE_UNDO] = "undo" },
	.journal = JOURNAL_OF_ENABLED,
	.change = { AD_ATTR_ENABLED, MODIFY_REPLACE },
	.undo = { AD_ATTR_ENABLED, MODIFY_REPLACE },
	.changed = OUT_DISABLED,
	.restored = OUT_RESTORED,
	.look_up = look_up,
	.plan = plan,
	.begin_record = begin_record,
};
