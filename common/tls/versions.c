/*
 * versions.c - OpenSSL's version for --version.
 */
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <string.h>

#include "base/versions.h"
#include "tls/stream.h"

void tls_library_versions(struct strbuf *out)
{
	const char *running = OpenSSL_version(OPENSSL_VERSION), *built = OPENSSL_VERSION_TEXT;

	/* Both read "OpenSSL 3.0.19 27 Jan 2026": the name is said once. */
	if (strncmp(running, "OpenSSL ", 8) == 0)
		running += 8;
	if (strncmp(built, "OpenSSL ", 8) == 0)
		built += 8;
	versions_line(out, "OpenSSL", running, built);
}
