/*
 * hash.c - see hash.h.
 */
#include "base/hash.h"

#include <string.h>

uint64_t hash_bytes(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	/* FNV's low bits are weak on short keys that differ at the end. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

uint64_t hash_string(const char *s)
{
	return hash_bytes(s, strlen(s));
}
