/*
 * cert_facts.h - what a federation peer's certificate says, read off a
 * finished TLS handshake (tls/stream.h): whether its chain leads to a
 * trusted CA, whether it names the host we asked for, when it expires,
 * and whether it may serve both ends of a federation link (Microsoft's
 * servers want server auth 1.3.6.1.5.5.7.3.1 and client auth
 * 1.3.6.1.5.5.7.3.2 on the same certificate).
 *
 * Ownership: plain values; nothing to release.
 */
#ifndef UCMIG_CERT_FACTS_H
#define UCMIG_CERT_FACTS_H

#include <stdbool.h>
#include <time.h>

#include "tls/stream.h"

struct cert_facts {
	bool have_cert;
	char subject[256];           /* "CN=sipfed.example.com" */
	char names[512];             /* the SAN's DNS names and addresses, comma-separated */
	bool chain_ok;
	char chain_error[160];       /* OpenSSL's reason when not */
	bool name_ok;                /* the certificate names the host */
	time_t not_before, not_after;
	bool not_yet_valid;          /* now is before not_before */
	long days_left;              /* negative once expired */
	bool eku_listed;             /* the extension is there at all */
	bool eku_server, eku_client;
	char protocol[16];           /* "TLSv1.3" */
};

/* host: the name or address the probe connected to. */
void cert_facts_read(const struct stream *s, const char *host, time_t now, struct cert_facts *f);

#endif
