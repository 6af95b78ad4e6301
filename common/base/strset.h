/*
 * strset.h - a set of strings with one flag each (open addressing).
 *
 * Used for user lists, deduplication and "was this user seen" marks: the
 * few places where memory may grow with the number of users (DESIGN.md).
 * The set owns copies of its keys. Keys are compared exactly; callers that
 * need case-insensitive matching insert sipuri_key() forms.
 */
#ifndef UCMIG_STRSET_H
#define UCMIG_STRSET_H

#include <stdbool.h>
#include <stddef.h>

struct strset_entry {
	char *key;
	unsigned flags;   /* the caller's marks; 0 when added */
	size_t value;     /* the caller's number (an index); 0 when added */
};

struct strset {
	struct strset_entry *slot;
	size_t nslots, count;
};

void strset_init(struct strset *set);
void strset_free(struct strset *set);
/* Remove every key but keep the table, for a set reused per record. */
void strset_clear(struct strset *set);
/* Insert key; returns its entry and sets *added when it was new. */
struct strset_entry *strset_add(struct strset *set, const char *key, bool *added);
struct strset_entry *strset_find(const struct strset *set, const char *key);
/* Iterate: start with *pos = 0; returns NULL at the end. Insertion order
 * is not kept. */
struct strset_entry *strset_next(const struct strset *set, size_t *pos);

#endif
