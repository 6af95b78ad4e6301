/*
 * grow.h - the one growing-array idiom (git's ALLOC_GROW).
 *
 *     GROW(list->item, list->count + 1, list->alloc);
 *     list->item[list->count++] = x;
 *
 * makes room for at least `need` elements in the array `ptr`, whose
 * capacity in elements is `alloc`, doubling it (from 16) so appends cost
 * amortised O(1). The array is owned by whoever owns ptr and freed with
 * free(). Allocation cannot fail (xalloc.h). New elements are not
 * initialised.
 */
#ifndef UCMIG_GROW_H
#define UCMIG_GROW_H

#include "base/xalloc.h"

#define GROW(ptr, need, alloc)                                                    \
	do {                                                                      \
		if ((size_t)(need) > (alloc)) {                                   \
			size_t grow_n_ = (alloc) ? (alloc) : 16;                  \
			while (grow_n_ < (size_t)(need))                          \
				grow_n_ *= 2;                                     \
			(ptr) = xreallocarray((ptr), grow_n_, sizeof(*(ptr)));    \
			(alloc) = grow_n_;                                        \
		}                                                                 \
	} while (0)

#endif
