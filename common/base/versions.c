/*
 * versions.c - see versions.h.
 */
#include "base/versions.h"

#include <csv.h>
#include <gnu/libc-version.h>
#include <string.h>

void versions_line(struct strbuf *out, const char *name, const char *running, const char *built)
{
	if (built && strcmp(running, built) != 0)
		strbuf_addf(out, "%s %s (built with %s)\n", name, running, built);
	else
		strbuf_addf(out, "%s %s\n", name, running);
}

#define STR2(x) #x
#define STR(x) STR2(x)

void base_library_versions(struct strbuf *out)
{
	versions_line(out, "glibc", gnu_get_libc_version(), STR(__GLIBC__) "." STR(__GLIBC_MINOR__));
	/* libcsv has no call that says what runs: what it was built with. */
	strbuf_addf(out, "libcsv %d.%d.%d (built with)\n", CSV_MAJOR, CSV_MINOR, CSV_RELEASE);
}
