/*
 * versions.c - libcurl's version (and its TLS) for --version.
 */
#include <curl/curl.h>

#include "base/versions.h"
#include "http/http_client.h"

void http_library_versions(struct strbuf *out)
{
	const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);

	versions_line(out, "libcurl", v->version, LIBCURL_VERSION);
	if (v->ssl_version)
		strbuf_addf(out, "libcurl's TLS %s\n", v->ssl_version);
}
