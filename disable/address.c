/*
 * address.c - ucmig-disable's second target (--set-address): give users
 * the Microsoft server never knew (IM and Presence-only users) an
 * msRTCSIP-PrimaryUserAddress, so that in partitioned intradomain
 * federation Microsoft's address book finds them. See run.h.
 *
 * Users are found by their IM address: `mail` (--im-address mail), or
 * `sAMAccountName` with the domain of --domain (--im-address userid). The
 * address added is "sip:" + that IM address as the directory stores it
 * (host in lowercase). Rules, all decided before the first change:
 *  - a user who has an address, whatever its value, is left alone;
 *  - an address two users would get, or one another entry carries
 *    already, is given to nobody (AD does not enforce uniqueness, the
 *    Microsoft server breaks on duplicates);
 *  - only the address is added (LDAP add: should one appear meanwhile the
 *    server refuses, nothing is overwritten); msRTCSIP-UserEnabled is not
 *    set: the user stays off the Microsoft server;
 *  - undo deletes exactly the value the journal added (LDAP delete of
 *    that value), and only where it is unchanged since.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "base/exitcode.h"
#include "base/msg.h"
#include "base/xalloc.h"
#include "domain/sipuri.h"
#include "run.h"

static const char *key_attr(const struct disable_run *r)
{
	return r->query.by == AD_BY_ACCOUNT ? AD_ATTR_ACCOUNT : AD_ATTR_MAIL;
}

/* With --im-address userid every address is sAMAccountName@--domain: an
 * address in another domain would be given to a user it does not name. */
static int check_input(struct disable_run *r)
{
	for (size_t i = 0; r->query.by == AD_BY_ACCOUNT && i < r->users.count; i++) {
		const struct userlist_entry *u = &r->users.entry[i];
		const char *at = u->kind == USERLIST_URI ? strrchr(u->value, '@') : NULL;

		if (at && strcasecmp(at + 1, r->query.domain) != 0)
			return fail(UCMIG_EX_DATAERR,
				    "%s:%lu: %s is not in %s: with --im-address userid every address is sAMAccountName@%s",
				    r->users.file, u->line, u->value, r->query.domain, r->query.domain);
	}
	return 0;
}

/* Two lines naming one user (two mail values, say) would give it two
 * addresses: both are refused. */
static void refuse_same_entry(struct disable_run *r)
{
	struct strset seen;
	struct strbuf key = STRBUF_INIT;

	strset_init(&seen);
	for (size_t i = 0; i < r->users.count; i++) {
		struct strset_entry *e;
		bool added;

		if (r->ad[i].matches != 1)
			continue;
		strbuf_reset(&key);
		strbuf_addlower(&key, r->ad[i].dn);
		e = strset_add(&seen, key.buf, &added);
		if (added) {
			e->value = i;
			continue;
		}
		run_decidef(r, e->value, OUT_DUPLICATE, "%s is also %s's user; it was given no address",
			    r->ad[i].dn, r->users.entry[i].value);
		run_decidef(r, i, OUT_DUPLICATE, "%s is also %s's user; it was given no address",
			    r->ad[i].dn, r->users.entry[e->value].value);
	}
	strset_free(&seen);
	strbuf_release(&key);
}

/* Who carries, already, the address each user found would get. */
static int look_up_holders(struct disable_run *r)
{
	for (size_t i = 0; i < r->users.count; i++)
		if (r->ad[i].matches == 1 && r->outcome[i] == OUT_PENDING) {
			userlist_add_uri(&r->wanted, r->ad[i].uri, r->users.entry[i].line);
			r->wanted_of[i] = userlist_find(&r->wanted, r->ad[i].uri)->value;
		}
	r->holder = xcalloc(r->wanted.count ? r->wanted.count : 1, sizeof(*r->holder));
	return aduser_lookup(r->ldap, &r->wanted, r->holder, NULL);
}

static int look_up(struct disable_run *r)
{
	int status;

	if (r->mode == MODE_UNDO) {
		/* The journal's users, found by the address it added. */
		run_allocate(r);
		return aduser_lookup(r->ldap, &r->users, r->ad, &r->wrapup->progress);
	}
	if ((status = aduser_expand_users(r->ldap, &r->users, &r->query,
					  r->mode == MODE_CHANGE && !r->dry_run, r->everyone)))
		return status;
	run_allocate(r);
	if ((status = aduser_lookup_by(r->ldap, &r->users, &r->query, r->ad, &r->wrapup->progress)))
		return status;
	refuse_same_entry(r);
	return look_up_holders(r);
}

/* Found once, or decided as a failure. */
static bool found_once(struct disable_run *r, size_t i)
{
	const struct aduser *a = &r->ad[i];
	const char *uri = r->users.entry[i].value;

	if (r->outcome[i] != OUT_PENDING)
		return false;          /* decided while looking up */
	if (a->matches == 0)
		run_decidef(r, i, OUT_NOT_FOUND, "no user object with %s %s", key_attr(r),
			    r->query.by == AD_BY_ACCOUNT ? "of this address" : sipuri_address(uri));
	else if (a->matches > 1)
		run_decidef(r, i, OUT_DUPLICATE, "%s and %s would both get %s; neither was changed",
			    a->dn, a->other_dn, a->uri);
	else
		return true;
	return false;
}

static const struct aduser *holder_of(const struct disable_run *r, size_t i)
{
	return r->wanted_of[i] == SIZE_MAX ? NULL : &r->holder[r->wanted_of[i]];
}

static int plan_set(struct disable_run *r, size_t i)
{
	const struct aduser *a = &r->ad[i], *h;
	struct journal_user *j;

	if (!found_once(r, i))
		return 0;
	j = run_journal_user(r, a->uri, false);
	if (j && j->undone)
		j = NULL;     /* undone: as if never journaled */
	if (a->address) {
		if (j && j->begun && strcasecmp(j->dn, a->dn) == 0 && strcmp(j->uri, a->address) == 0) {
			if (j->done) {
				run_decide(r, i, OUT_ADDRESS_EARLIER, a->address);
				return 0;
			}
			/* Killed after sending: the change landed. */
			run_decidef(r, i, OUT_ADDRESS_SET, "%s on %s", a->address, a->dn);
			j->done = true;
			return r->dry_run ? 0 : run_journal_record(r, DISABLE_DONE, j);
		}
		if (j && j->done)
			run_decidef(r, i, OUT_CHANGED_SINCE, "this journal added %s; it is %s now: not touched",
				    j->uri, a->address);
		else
			run_decide(r, i, OUT_HAS_ADDRESS, a->address);
		return 0;
	}
	if (j && j->done) {
		run_decidef(r, i, OUT_CHANGED_SINCE,
			    "this journal added %s; it has been removed since: not touched", j->uri);
		return 0;
	}
	if ((h = holder_of(r, i)) && h->matches) {
		run_decidef(r, i, OUT_ADDRESS_TAKEN, "%s already carries %s", h->dn, a->uri);
		return 0;
	}
	if (r->dry_run)
		run_decidef(r, i, OUT_WOULD_SET, "%s on %s", a->uri, a->dn);
	else
		run_queue(r, i, a->dn, a->uri);
	return 0;
}

static int plan_verify(struct disable_run *r, size_t i)
{
	const struct aduser *a = &r->ad[i], *h = holder_of(r, i);
	struct strbuf mine = STRBUF_INIT, wanted = STRBUF_INIT;

	if (!found_once(r, i))
		return 0;
	if (a->address) {
		sipuri_key(a->address, &mine);
		sipuri_key(a->uri, &wanted);
	}
	if (!a->address)
		run_decide(r, i, OUT_NO_ADDRESS, a->dn);
	else if (strcmp(mine.buf, wanted.buf) != 0)
		run_decidef(r, i, OUT_OTHER_ADDRESS, "%s carries %s, not %s", a->dn, a->address, a->uri);
	else if (h && h->matches > 1)
		run_decidef(r, i, OUT_ADDRESS_TAKEN, "%s carries %s too",
			    strcasecmp(h->dn, a->dn) == 0 ? h->other_dn : h->dn, a->address);
	else
		run_decide(r, i, OUT_ADDRESS_VERIFIED, a->address);
	strbuf_release(&mine);
	strbuf_release(&wanted);
	return 0;
}

/* The entry the journal changed, as it is now: found by its address, or
 * (when that search did not show it with the value) read by its DN. */
static int plan_undo(struct disable_run *r, size_t i)
{
	struct journal_user *j = run_journal_user(r, r->users.entry[i].value, false);
	const struct aduser *a = &r->ad[i];
	struct aduser now = { 0 };
	const char *value = NULL;
	int status = 0;

	if (a->dn && strcasecmp(a->dn, j->dn) == 0) {
		value = a->address;
	} else {
		if ((status = aduser_read(r->ldap, j->dn, &now)))
			return status;
		if (!now.matches) {
			run_decidef(r, i, OUT_NOT_FOUND, "%s, which this journal changed, is gone", j->dn);
			goto out;
		}
		value = now.address;
	}
	if (!value) {
		run_decide(r, i, OUT_ADDRESS_REMOVED, j->dn);   /* gone already (or undone before a kill) */
		j->undone = true;
		status = r->dry_run ? 0 : run_journal_record(r, DISABLE_UNDONE, j);
	} else if (strcmp(value, j->uri) != 0) {
		run_decidef(r, i, OUT_CHANGED_SINCE, "this journal added %s; it is %s now: not touched",
			    j->uri, value);
	} else if (r->dry_run) {
		run_decidef(r, i, OUT_WOULD_REMOVE, "%s on %s", j->uri, j->dn);
	} else {
		run_queue(r, i, j->dn, j->uri);
	}
out:
	aduser_clear(&now);
	return status;
}

static int plan(struct disable_run *r, size_t i)
{
	return r->mode == MODE_VERIFY ? plan_verify(r, i)
	     : r->mode == MODE_UNDO ? plan_undo(r, i) : plan_set(r, i);
}

static void begin_record(struct disable_run *r, size_t i, const char **uri, const char **previous)
{
	*uri = r->ad[i].uri;
	*previous = "";    /* only users without an address are changed */
}

/* An add sent again after a lost connection is refused if the first one
 * landed; a delete likewise. Read the entry: is it as the job wanted? */
static bool landed_anyway(struct disable_run *r, struct ldap_session *s, const struct modify_job *job,
			  enum modify_result result)
{
	bool add = r->mode != MODE_UNDO, landed = false;
	struct aduser now = { 0 };

	if (result != (add ? MODIFY_VALUE_EXISTS : MODIFY_NO_SUCH_VALUE))
		return false;
	if (aduser_read(s, job->dn, &now) == 0 && now.matches)
		landed = add ? now.address && strcmp(now.address, job->value) == 0 : !now.address;
	aduser_clear(&now);
	return landed;
}

const struct disable_target target_address = {
	.journal_name = "set-address",
	.done_verb = "given an address",
	.action = { [MODE_CHANGE] = "set-address", [MODE_VERIFY] = "verify-address",
		    [MODE_UNDO] = "undo-address" },
	.journal = JOURNAL_OF_ADDRESS,
	.change = { AD_ATTR_ADDRESS, MODIFY_ADD },
	.undo = { AD_ATTR_ADDRESS, MODIFY_DELETE },
	.changed = OUT_ADDRESS_SET,
	.restored = OUT_ADDRESS_REMOVED,
	.check_input = check_input,
	.look_up = look_up,
	.plan = plan,
	.begin_record = begin_record,
	.landed_anyway = landed_anyway,
	.show_value = true,
};
