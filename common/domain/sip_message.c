/*
 * sip_message.c - see sip_message.h.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "domain/sip_message.h"

void sip_options_request(struct strbuf *out, const char *host, unsigned port, bool tls,
			 const char *local, const char *from_domain, unsigned long nonce)
{
	const char *transport = tls ? "TLS" : "TCP";

	strbuf_addf(out,
		    "OPTIONS sip:%s:%u;transport=%s SIP/2.0\r\n"
		    "Via: SIP/2.0/%s %s;branch=z9hG4bK-ucmig-%lx;rport\r\n"
		    "Max-Forwards: 70\r\n"
		    "From: <sip:ucmig-fedcheck@%s>;tag=%lx\r\n"
		    "To: <sip:%s>\r\n"
		    "Call-ID: ucmig-%lx@%s\r\n"
		    "CSeq: 1 OPTIONS\r\n"
		    "User-Agent: ucmig-fedcheck/" UCMIG_VERSION "\r\n"
		    "Accept: application/sdp\r\n"
		    "Content-Length: 0\r\n\r\n",
		    host, port, tls ? "tls" : "tcp", transport, local, nonce, from_domain, nonce, host,
		    nonce, from_domain);
}

/* The value of header name in the block [p, end), trimmed, or NULL. */
static void header_value(const char *p, const char *end, const char *name, struct strbuf *out)
{
	size_t n = strlen(name);

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = eol ? eol : end;

		if ((size_t)(line_end - p) > n && strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1;
			size_t len = (size_t)(line_end - v);

			span_trim(&v, &len);
			strbuf_reset(out);
			strbuf_add(out, v, len);
			return;
		}
		p = eol ? eol + 1 : end;
	}
}

bool sip_response_parse(const char *text, size_t len, bool *complete, unsigned *code,
			struct strbuf *status, struct strbuf *server)
{
	const char *end = memmem(text, len, "\r\n\r\n", 4), *eol;
	const char *reason;
	size_t rlen;

	*complete = end != NULL;
	if (!end)
		return len < 8 || memcmp(text, "SIP/2.0 ", len < 8 ? len : 8) == 0;
	/* Status codes are 100-699 (RFC 3261 section 7.2). */
	if (len < 12 || memcmp(text, "SIP/2.0 ", 8) != 0 || text[8] < '1' || text[8] > '6' ||
	    !isdigit((unsigned char)text[9]) || !isdigit((unsigned char)text[10]) ||
	    (text[11] != ' ' && text[11] != '\r'))
		return false;
	*code = (unsigned)((text[8] - '0') * 100 + (text[9] - '0') * 10 + (text[10] - '0'));
	eol = memchr(text, '\r', (size_t)(end - text) + 1);
	reason = text + 8;
	rlen = (size_t)(eol - reason);
	strbuf_reset(status);
	for (size_t i = 0; i < rlen && i < 80; i++)
		strbuf_addch(status, isprint((unsigned char)reason[i]) ? reason[i] : '?');
	strbuf_reset(server);
	header_value(text, end, "Server", server);
	if (!server->len)
		header_value(text, end, "User-Agent", server);
	for (size_t i = 0; i < server->len; i++)
		if (!isprint((unsigned char)server->buf[i]))
			server->buf[i] = '?';
	return true;
}

