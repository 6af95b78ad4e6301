/*
 * fpset.h - a set of 64-bit fingerprints of strings (hash_string), for
 * "seen before?" over hundreds of thousands of keys in 16 bytes each
 * instead of a copy of every key.
 *
 * A collision (two keys, one fingerprint: about 1 in 10^9 at 100,000
 * keys) makes a new key look seen; callers use it only where that shows
 * up as a reported duplicate, never as silent loss.
 */
#ifndef UCMIG_FPSET_H
#define UCMIG_FPSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fpset {
	uint64_t *slot;        /* 0 marks an empty slot */
	size_t nslots, count;
};

#define FPSET_INIT { NULL, 0, 0 }

/* Add key's fingerprint; false if it was there already. */
bool fpset_add(struct fpset *set, const char *key);
/* Is key's fingerprint there? (A lookup that adds nothing.) */
bool fpset_has(const struct fpset *set, const char *key);
void fpset_free(struct fpset *set);

#endif
