/*
 * stream.h - a byte stream over a connected socket, plain or TLS
 * (OpenSSL), every step bound by a deadline (net/deadline.h).
 *
 * For probes: the TLS handshake completes whatever the peer's
 * certificate is, so that everything wrong with it can be reported at
 * once (tls/cert_facts.h judges it afterwards); nothing here trusts the
 * peer for anything but carrying a probe. Failures are findings: the
 * functions return true or false and say why; nothing is printed.
 *
 * Ownership: the stream owns the socket from stream_plain/stream_tls on
 * and closes it in stream_close.
 */
#ifndef UCMIG_STREAM_H
#define UCMIG_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"
#include "net/deadline.h"

struct stream {
	int fd;
	struct ssl_ctx_st *ctx;      /* OpenSSL's SSL_CTX and SSL, kept behind */
	struct ssl_st *ssl;          /* their struct tags: NULL for plain TCP */
};

void stream_plain(struct stream *s, int fd);
/* TLS client handshake on fd. server_name is sent as SNI unless it is
 * an address literal. The chain is checked against cafile (NULL: the
 * system's CAs) without regard to dates (the expiry is a finding of its
 * own); the result is for cert_facts. */
bool stream_tls(struct stream *s, int fd, const char *server_name, const char *cafile,
		const struct deadline *d, struct strbuf *why);
bool stream_write(struct stream *s, const char *data, size_t len, const struct deadline *d,
		  struct strbuf *why);
/* Read what is there (at least one byte, at most size), or false:
 * closed, timed out, failed. */
bool stream_read(struct stream *s, char *buf, size_t size, size_t *got, const struct deadline *d,
		 struct strbuf *why);
void stream_close(struct stream *s);
/* Can cafile serve as the trusted CAs: a readable file (not a directory)
 * holding at least one certificate OpenSSL reads? 0, or 66 saying why:
 * a CA file that cannot be used is the administrator's input, never a
 * peer's failure. */
int stream_ca_check(const char *cafile);
/* --version's line for OpenSSL (base/versions.h). */
void tls_library_versions(struct strbuf *out);

#endif
