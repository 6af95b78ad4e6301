/*
 * hash.h - the one string hash of the suite: 64-bit FNV-1a with a final
 * mix, so that the low bits used as a table index depend on every byte.
 * Used by strset (keys), fpset (fingerprints) and the rename map (keys
 * that are not NUL-terminated). Not cryptographic: the
 * inputs are an administrator's own files.
 */
#ifndef UCMIG_HASH_H
#define UCMIG_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t hash_bytes(const void *data, size_t n);
uint64_t hash_string(const char *s);

#endif
