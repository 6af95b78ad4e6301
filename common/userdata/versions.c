/*
 * versions.c - expat's and libzip's versions for --version.
 */
#include <expat.h>
#include <stdio.h>
#include <zip.h>

#include "base/versions.h"
#include "userdata/userdata_source.h"

#define STR2(x) #x
#define STR(x) STR2(x)

void userdata_library_versions(struct strbuf *out)
{
	const char *expat = XML_ExpatVersion();

	/* "expat_2.5.0": the name is said once. */
	versions_line(out, "expat", expat + (expat[0] == 'e' ? 6 : 0),
		      STR(XML_MAJOR_VERSION) "." STR(XML_MINOR_VERSION) "." STR(XML_MICRO_VERSION));
	versions_line(out, "libzip", zip_libzip_version(), LIBZIP_VERSION);
}
