/*
 * sip_options.c - see sip_options.h.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/sip_message.h"
#include "net/tcp.h"
#include "sip_options.h"

#define MAX_RESPONSE 16384

bool sip_options(struct stream *st, const char *host, unsigned port, bool tls, const char *from_domain,
		 const struct deadline *d, struct strbuf *status, struct strbuf *server, struct strbuf *why)
{
	struct strbuf req, local, in;
	unsigned long nonce = ((unsigned long)getpid() << 16) ^ (unsigned long)random();
	unsigned code = 0;
	bool complete = false, ok = false;
	char buf[4096];
	size_t got;

	strbuf_init(&req);
	strbuf_init(&local);
	strbuf_init(&in);
	tcp_local_name(st->fd, &local);
	sip_options_request(&req, host, port, tls, local.buf, from_domain, nonce);
	if (!stream_write(st, req.buf, req.len, d, why))
		goto out;
	for (;;) {
		if (!stream_read(st, buf, sizeof(buf), &got, d, why))
			break;
		strbuf_add(&in, buf, got);
		if (!sip_response_parse(in.buf, in.len, &complete, &code, status, server)) {
			strbuf_addstr(why, "the answer is not SIP");
			break;
		}
		if (complete && code >= 200) {
			ok = true;
			break;
		}
		if (complete) {
			/* A provisional answer: keep it, wait for the final one. */
			const char *end = memmem(in.buf, in.len, "\r\n\r\n", 4) + 4;
			size_t rest = in.len - (size_t)(end - in.buf);

			memmove(in.buf, end, rest);
			strbuf_setlen(&in, rest);
			ok = true;
		}
		if (in.len > MAX_RESPONSE) {
			strbuf_addstr(why, "an answer header over 16 KiB");
			break;
		}
	}
	if (ok && code < 200)
		strbuf_reset(why);
out:
	strbuf_release(&req);
	strbuf_release(&local);
	strbuf_release(&in);
	return ok;
}
