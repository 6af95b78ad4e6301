/*
 * xalloc.h - allocation that cannot fail.
 *
 * Running out of memory in a batch tool is not a per-record condition the
 * run can go on from, so these print a message and exit with EX_SOFTWARE
 * rather than make every caller handle NULL.
 */
#ifndef UCMIG_XALLOC_H
#define UCMIG_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
/* n elements of size bytes, the product checked for overflow. */
void *xreallocarray(void *ptr, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
