/*
 * versions.h - what --version prints after the suite's version: each
 * outside library a tool runs on, the version it was built with and the
 * one it runs with (as curl -V does), so an administrator can tell from
 * a jump host which libldap or OpenSSL is really in use.
 *
 * Each part of common/ that wraps a library has one function
 * PART_library_versions appending "NAME RUNNING (built with BUILT)\n"
 * lines; a tool names the ones of the parts it links in its tool_spec.
 */
#ifndef UCMIG_VERSIONS_H
#define UCMIG_VERSIONS_H

#include "base/strbuf.h"

typedef void (*library_versions_fn)(struct strbuf *out);

/* One line: name, what runs, what it was built with (the same twice is
 * said once). */
void versions_line(struct strbuf *out, const char *name, const char *running, const char *built);
/* libc (and libresolv, which is glibc's) and libcsv. */
void base_library_versions(struct strbuf *out);

#endif
