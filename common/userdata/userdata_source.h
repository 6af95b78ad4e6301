/*
 * userdata_source.h - the bytes of the XML inside a --userdata FILE.
 *
 * FILE is an Export-CsUserData ZIP (DocItemSet.xml is found inside it by
 * name), a bare DocItemSet.xml, or a Lync 2010 / OCS dbimpexp XML; the
 * first bytes decide ("PK\3\4" is a ZIP). The XML is streamed: a ZIP
 * member is inflated chunk by chunk, never held whole.
 */
#ifndef UCMIG_USERDATA_SOURCE_H
#define UCMIG_USERDATA_SOURCE_H

#include <stddef.h>
#include <sys/types.h>

#include "base/strbuf.h"

struct userdata_source {
	struct strbuf name;   /* "file.zip:DocItemSet.xml" or the file name */
	int fd;               /* plain XML */
	struct zip *zip;      /* libzip's zip_t and zip_file_t, by their */
	struct zip_file *member;  /* struct tags: <zip.h> stays inside */
	unsigned long long size, done;  /* for progress; size 0 if unknown */
	int is_zip;
};

/* --version's lines for expat and libzip (base/versions.h). */
void userdata_library_versions(struct strbuf *out);
/* Returns 0 or an exit status (message printed). */
int userdata_open(struct userdata_source *src, const char *path);
/* Read up to n bytes; *got is the count, 0 at the end. Returns 0 or an
 * exit status (message printed). */
int userdata_read(struct userdata_source *src, void *buf, size_t n, size_t *got);
void userdata_close(struct userdata_source *src);

#endif
