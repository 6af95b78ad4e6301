/*
 * strset.c - see strset.h. hash_string, linear probing, load <= 1/2.
 */
#include "base/strset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/xalloc.h"

void strset_init(struct strset *set)
{
	set->slot = NULL;
	set->nslots = 0;
	set->count = 0;
}

void strset_free(struct strset *set)
{
	for (size_t i = 0; i < set->nslots; i++)
		free(set->slot[i].key);
	free(set->slot);
	strset_init(set);
}

void strset_clear(struct strset *set)
{
	if (!set->count)
		return;
	for (size_t i = 0; i < set->nslots; i++) {
		free(set->slot[i].key);
		set->slot[i].key = NULL;
	}
	set->count = 0;
}

static struct strset_entry *probe(const struct strset *set, const char *key)
{
	size_t mask = set->nslots - 1;
	size_t i = (size_t)hash_string(key) & mask;

	while (set->slot[i].key && strcmp(set->slot[i].key, key) != 0)
		i = (i + 1) & mask;
	return &set->slot[i];
}

static void grow(struct strset *set)
{
	struct strset old = *set;

	set->nslots = old.nslots ? old.nslots * 2 : 64;
	set->slot = xcalloc(set->nslots, sizeof(*set->slot));
	for (size_t i = 0; i < old.nslots; i++)
		if (old.slot[i].key)
			*probe(set, old.slot[i].key) = old.slot[i];
	free(old.slot);
}

struct strset_entry *strset_add(struct strset *set, const char *key, bool *added)
{
	struct strset_entry *e;

	if ((set->count + 1) * 2 > set->nslots)
		grow(set);
	e = probe(set, key);
	*added = e->key == NULL;
	if (*added) {
		e->key = xstrdup(key);
		e->flags = 0;
		e->value = 0;
		set->count++;
	}
	return e;
}

struct strset_entry *strset_find(const struct strset *set, const char *key)
{
	struct strset_entry *e;

	if (!set->nslots)
		return NULL;
	e = probe(set, key);
	return e->key ? e : NULL;
}

struct strset_entry *strset_next(const struct strset *set, size_t *pos)
{
	while (*pos < set->nslots) {
		struct strset_entry *e = &set->slot[(*pos)++];
		if (e->key)
			return e;
	}
	return NULL;
}
