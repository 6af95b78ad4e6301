/*
 * cert_facts.c - see cert_facts.h.
 */
#include <openssl/asn1.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>

#include "net/tcp.h"
#include "tls/cert_facts.h"

static void read_names(X509 *cert, char *out, size_t size)
{
	GENERAL_NAMES *sans = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(sans, i);
		char text[64] = "";

		if (g->type == GEN_DNS) {
			snprintf(text, sizeof(text), "%.*s", ASN1_STRING_length(g->d.dNSName),
				 (const char *)ASN1_STRING_get0_data(g->d.dNSName));
		} else if (g->type == GEN_IPADD && ASN1_STRING_length(g->d.iPAddress) == 4) {
			const unsigned char *a = ASN1_STRING_get0_data(g->d.iPAddress);

			snprintf(text, sizeof(text), "IP:%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
		}
		if (text[0] && used + strlen(text) + 3 < size)
			used += (size_t)snprintf(out + used, size - used, "%s%s", used ? ", " : "", text);
	}
	GENERAL_NAMES_free(sans);
}

static void read_ekus(X509 *cert, struct cert_facts *f)
{
	EXTENDED_KEY_USAGE *eku = X509_get_ext_d2i(cert, NID_ext_key_usage, NULL, NULL);

	f->eku_listed = eku != NULL;
	for (int i = 0; eku && i < sk_ASN1_OBJECT_num(eku); i++) {
		int nid = OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, i));

		f->eku_server |= nid == NID_server_auth;
		f->eku_client |= nid == NID_client_auth;
	}
	EXTENDED_KEY_USAGE_free(eku);
}

static void read_expiry(X509 *cert, time_t now, struct cert_facts *f)
{
	const ASN1_TIME *start = X509_get0_notBefore(cert), *end = X509_get0_notAfter(cert);
	struct tm tm;
	int days = 0, secs = 0;
	ASN1_TIME *at_now = ASN1_TIME_set(NULL, now);

	if (ASN1_TIME_to_tm(start, &tm) == 1)
		f->not_before = timegm(&tm);
	f->not_yet_valid = X509_cmp_time(start, &now) > 0;
	if (ASN1_TIME_to_tm(end, &tm) == 1)
		f->not_after = timegm(&tm);
	/* end - now as whole days and the seconds left over, of one sign;
	 * hours past the end are already "expired". */
	if (at_now && ASN1_TIME_diff(&days, &secs, at_now, end) == 1)
		f->days_left = days == 0 && secs < 0 ? -1 : days;
	ASN1_TIME_free(at_now);
}

void cert_facts_read(const struct stream *s, const char *host, time_t now, struct cert_facts *f)
{
	X509 *cert = s->ssl ? SSL_get1_peer_certificate(s->ssl) : NULL;
	long verdict;

	memset(f, 0, sizeof(*f));
	if (!cert)
		return;
	f->have_cert = true;
	snprintf(f->protocol, sizeof(f->protocol), "%s", SSL_get_version(s->ssl));
	X509_NAME_oneline(X509_get_subject_name(cert), f->subject, sizeof(f->subject));
	read_names(cert, f->names, sizeof(f->names));
	verdict = SSL_get_verify_result(s->ssl);
	f->chain_ok = verdict == X509_V_OK;
	if (!f->chain_ok)
		snprintf(f->chain_error, sizeof(f->chain_error), "%s", X509_verify_cert_error_string(verdict));
	f->name_ok = ip_literal(host) ? X509_check_ip_asc(cert, host, 0) == 1
				      : X509_check_host(cert, host, 0, 0, NULL) == 1;
	read_expiry(cert, now, f);
	read_ekus(cert, f);
	X509_free(cert);
}
