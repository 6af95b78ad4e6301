/*
 * fpset.c - see fpset.h. Open addressing, linear probing, load <= 1/2.
 */
#include "base/fpset.h"

#include <stdlib.h>

#include "base/hash.h"
#include "base/xalloc.h"

static size_t slot_of(const struct fpset *set, uint64_t fp)
{
	size_t mask = set->nslots - 1, i = (size_t)fp & mask;

	while (set->slot[i] && set->slot[i] != fp)
		i = (i + 1) & mask;
	return i;
}

static void grow(struct fpset *set)
{
	uint64_t *old = set->slot;
	size_t n = set->nslots;

	set->nslots = n ? n * 2 : 1024;
	set->slot = xcalloc(set->nslots, sizeof(*set->slot));
	for (size_t k = 0; k < n; k++)
		if (old[k])
			set->slot[slot_of(set, old[k])] = old[k];
	free(old);
}

static uint64_t fingerprint(const char *key)
{
	uint64_t fp = hash_string(key);

	return fp ? fp : 1;         /* 0 marks an empty slot */
}

bool fpset_has(const struct fpset *set, const char *key)
{
	return set->nslots && set->slot[slot_of(set, fingerprint(key))] != 0;
}

bool fpset_add(struct fpset *set, const char *key)
{
	uint64_t fp = fingerprint(key);
	size_t i;

	if ((set->count + 1) * 2 > set->nslots)
		grow(set);
	i = slot_of(set, fp);
	if (set->slot[i])
		return false;
	set->slot[i] = fp;
	set->count++;
	return true;
}

void fpset_free(struct fpset *set)
{
	free(set->slot);
	set->slot = NULL;
	set->nslots = set->count = 0;
}
