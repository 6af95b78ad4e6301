/*
 * xalloc.c - see xalloc.h.
 */
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/msg.h"

static void out_of_memory(size_t size)
{
	fail(UCMIG_EX_SOFTWARE, "out of memory allocating %zu bytes", size);
	exit(UCMIG_EX_SOFTWARE);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory(size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory(n * size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		out_of_memory(size);
	return p;
}

void *xreallocarray(void *ptr, size_t n, size_t size)
{
	if (size && n > (size_t)-1 / size)
		out_of_memory((size_t)-1);
	return xrealloc(ptr, n * size);
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}
