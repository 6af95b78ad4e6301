/*
 * rename_map.h - BAT's "Rename Contact IDs" file (SPEC.md section 4):
 *
 *     Contact ID,New Contact ID
 *     asmith@example.com,alice.smith@example.com
 *
 * Rules: the header line is mandatory; values are full IM addresses,
 * split at the LAST '@' into ID and domain, each checked by the BAT field
 * rules (lengths, domain syntax); old addresses match without regard to
 * case. Refused with 65, naming the lines: a missing header, a malformed
 * or over-long address, one old ID given two different targets, an
 * old ID mapped to itself, and chains or cycles (a new ID that is also an
 * old ID: BAT renames in one step, so a chain would rename twice or not
 * at all). The same old ID twice with the same target is accepted once.
 *
 * Ownership: the map owns its entries and index.
 */
#ifndef UCMIG_RENAME_MAP_H
#define UCMIG_RENAME_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "base/strset.h"

struct rename_entry {
	char *old_address;           /* as written */
	char *key;                   /* lower(ID) \n lower(domain) */
	size_t key_len;
	char *new_id, *new_domain;   /* the new address split at its last '@' */
	unsigned long line;
};

struct rename_map {
	struct rename_entry *entry;
	size_t n, alloc;
	struct strset index;         /* key -> entry, while loading */
	/* The filter's lookup table: open addressing, load at most 1/2, 8
	 * bytes a slot (the upper half of the key's hash, compared before
	 * the key, and the entry + 1; 0 is empty) so that it stays in cache:
	 * most rows a filter asks about are not in the map. */
	struct rename_slot { uint32_t tag, entry; } *slot;
	size_t nslots;
	const char *file;
};

void rename_map_init(struct rename_map *m);
void rename_map_free(struct rename_map *m);
/* Read and check path. Returns 0, or 65 after naming every bad line (up
 * to 20), or another exit status. */
int rename_map_load(struct rename_map *m, const char *path);
/* Longer keys are in no map: an ID is at most 132 characters and a
 * domain 128, 4 bytes each in UTF-8. */
#define RENAME_MAX_KEY 1024
/* The entry for id@domain (bytes, not NUL-terminated), without regard to
 * case; NULL if not in the map. key: unused (kept for callers' scratch). */
const struct rename_entry *rename_map_find(const struct rename_map *m, const char *id, size_t idlen,
					   const char *domain, size_t dlen, struct strbuf *key);

#endif
