/*
 * sip_message.h - the SIP a reachability probe needs (RFC 3261): an
 * OPTIONS request, and the status line and Server header of an answer.
 *
 * The answer comes from the network, so the parser trusts nothing: it
 * looks only inside the header block it was given, copies at most 80
 * characters of the reason phrase, and replaces anything unprintable.
 *
 * Ownership: the caller's strbufs.
 */
#ifndef UCMIG_SIP_MESSAGE_H
#define UCMIG_SIP_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

/* Append the request to host:port from sip:ucmig-fedcheck@from_domain;
 * local is the Via address ("127.0.0.1:40000"), nonce makes the branch,
 * tag and Call-ID unique. */
void sip_options_request(struct strbuf *out, const char *host, unsigned port, bool tls,
			 const char *local, const char *from_domain, unsigned long nonce);
/* Parse the start of an answer in text[0, len). *complete says whether a
 * whole header block is there; if it is: *code, "200 OK" in *status and
 * the Server (else User-Agent) header in *server. False when the text is
 * not (the start of) a SIP answer, or its code is not 100-699. */
bool sip_response_parse(const char *text, size_t len, bool *complete, unsigned *code,
			struct strbuf *status, struct strbuf *server);

#endif
