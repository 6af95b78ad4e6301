/*
 * contact_list.c - see contact_list.h.
 */
#include "domain/contact_list.h"

#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "base/base64.h"
#include "base/xalloc.h"

void contact_list_init(struct contact_list *cl)
{
	memset(cl, 0, sizeof(*cl));
	strbuf_init(&cl->arena);
}

void contact_list_release(struct contact_list *cl)
{
	strbuf_release(&cl->arena);
	free(cl->group);
	free(cl->contact);
	contact_list_init(cl);
}

static size_t intern(struct contact_list *cl, const char *s)
{
	size_t off = cl->arena.len;

	strbuf_add(&cl->arena, s, strlen(s) + 1);
	return off;
}

void contact_list_reset(struct contact_list *cl, const char *owner, unsigned long line)
{
	strbuf_reset(&cl->arena);
	cl->ngroups = 0;
	cl->ncontacts = 0;
	cl->line = line;
	cl->owner = intern(cl, owner);
}

void contact_list_add_group(struct contact_list *cl, long number, const char *name, bool is_dl)
{
	GROW(cl->group, cl->ngroups + 1, cl->group_alloc);
	cl->group[cl->ngroups++] = (struct cl_group){
		.number = number, .name = intern(cl, name), .is_dl = is_dl,
	};
}

void contact_list_add_contact(struct contact_list *cl, const char *buddy,
			      const char *nickname, const char *groups)
{
	GROW(cl->contact, cl->ncontacts + 1, cl->contact_alloc);
	struct cl_contact *c = &cl->contact[cl->ncontacts++];
	c->buddy = intern(cl, buddy);
	c->nickname = intern(cl, nickname);
	c->groups = intern(cl, groups);
}

const struct cl_group *contact_list_find_group(const struct contact_list *cl, long number)
{
	for (size_t i = 0; i < cl->ngroups; i++)
		if (cl->group[i].number == number)
			return &cl->group[i];
	return NULL;
}

bool group_is_distribution_list(const char *external_uri, struct strbuf *scratch)
{
	const char *text = external_uri;

	if (!external_uri || !*external_uri)
		return false;
	strbuf_reset(scratch);
	if (base64_decode(external_uri, strlen(external_uri), scratch))
		text = scratch->buf;
	return strstr(text, "groupType=\"dg\"") || strstr(text, "groupType='dg'");
}
