/*
 * contact_list.h - one Microsoft user's contact list as read from any
 * source: the owner, their groups, their contacts.
 *
 * A source fills one contact_list per user, hands it on, and resets it for
 * the next user: memory is bounded by the largest single list, never by
 * the file. All strings live in one arena owned by the list and are
 * addressed by offset (the arena may move as it grows).
 */
#ifndef UCMIG_CONTACT_LIST_H
#define UCMIG_CONTACT_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

struct cl_group {
	long number;
	size_t name;      /* arena offset of the decoded display name */
	bool is_dl;       /* a distribution list: no SIP URI, not exported */
};

struct cl_contact {
	size_t buddy;     /* arena offset: "user@domain", no "sip:" */
	size_t nickname;  /* arena offset, may be "" */
	size_t groups;    /* arena offset: group numbers, space-separated */
};

struct contact_list {
	size_t owner;            /* arena offset: "user@domain" as in the source */
	unsigned long line;      /* where the user starts, for messages */
	struct strbuf arena;
	struct cl_group *group;
	size_t ngroups, group_alloc;
	struct cl_contact *contact;
	size_t ncontacts, contact_alloc;
};

void contact_list_init(struct contact_list *cl);
void contact_list_release(struct contact_list *cl);
void contact_list_reset(struct contact_list *cl, const char *owner, unsigned long line);
void contact_list_add_group(struct contact_list *cl, long number, const char *name, bool is_dl);
void contact_list_add_contact(struct contact_list *cl, const char *buddy,
			      const char *nickname, const char *groups);
const struct cl_group *contact_list_find_group(const struct contact_list *cl, long number);
/* Does a group's ExternalUri (plain or base64) hold a groupExtension with
 * groupType="dg", a distribution list? scratch is working space. */
bool group_is_distribution_list(const char *external_uri, struct strbuf *scratch);

static inline const char *cl_str(const struct contact_list *cl, size_t off)
{
	return cl->arena.buf + off;
}

#endif
