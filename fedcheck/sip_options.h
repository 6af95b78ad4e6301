/*
 * sip_options.h - one SIP OPTIONS request over an open stream, and the
 * first final answer (or the last provisional one) read back. Any SIP
 * response at all means the peer is a SIP server reachable on this
 * path; what it said is the evidence ("403 Forbidden" from a server that
 * does not trust us is still an answer).
 */
#ifndef FEDCHECK_SIP_OPTIONS_H
#define FEDCHECK_SIP_OPTIONS_H

#include <stdbool.h>

#include "base/strbuf.h"
#include "net/deadline.h"
#include "tls/stream.h"

/* Send, and read the answer: true with status and server set. */
bool sip_options(struct stream *st, const char *host, unsigned port, bool tls, const char *from_domain,
		 const struct deadline *d, struct strbuf *status, struct strbuf *server, struct strbuf *why);

#endif
