/*
 * stream.c - see stream.h.
 */
#include <errno.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/msg.h"
#include "base/pem_file.h"
#include "net/tcp.h"
#include "tls/stream.h"

void stream_plain(struct stream *s, int fd)
{
	memset(s, 0, sizeof(*s));
	s->fd = fd;
}

static void openssl_why(struct strbuf *why, const char *what)
{
	unsigned long e = ERR_get_error();
	char text[256];

	if (e) {
		ERR_error_string_n(e, text, sizeof(text));
		strbuf_addf(why, "%s: %s", what, text);
	} else {
		strbuf_addf(why, "%s: %s", what, errno ? strerror(errno) : "the peer closed the connection");
	}
	ERR_clear_error();
}

/* Wait for what OpenSSL asked for; false with why when it cannot be had. */
static bool wait_for(struct stream *s, int rc, const struct deadline *d, const char *what,
		     struct strbuf *why)
{
	int err = SSL_get_error(s->ssl, rc), ready;

	if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) {
		if (err == SSL_ERROR_ZERO_RETURN)
			strbuf_addf(why, "%s: the peer closed the connection", what);
		else
			openssl_why(why, what);
		return false;
	}
	ready = deadline_poll(s->fd, err == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, d);
	if (ready == 0)
		strbuf_addf(why, "%s: no answer before the timeout", what);
	else if (ready < 0)
		strbuf_addf(why, "%s: %s", what, errno == EINTR ? "interrupted" : strerror(errno));
	return ready > 0;
}

bool stream_tls(struct stream *s, int fd, const char *server_name, const char *cafile,
		const struct deadline *d, struct strbuf *why)
{
	X509_VERIFY_PARAM *param;
	int rc;

	stream_plain(s, fd);
	ERR_clear_error();
	if (!(s->ctx = SSL_CTX_new(TLS_client_method()))) {
		openssl_why(why, "TLS set-up");
		return false;
	}
	SSL_CTX_set_min_proto_version(s->ctx, TLS1_2_VERSION);
	/* Verify, but let the handshake finish: the verdicts come after. */
	SSL_CTX_set_verify(s->ctx, SSL_VERIFY_NONE, NULL);
	param = SSL_CTX_get0_param(s->ctx);
	X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_NO_CHECK_TIME);
	/* The chain is judged on trust alone: dates and the extended key
	 * usages are checks of their own (tls-expiry, tls-eku), so a
	 * certificate with client auth only is no "unsuitable purpose" here. */
	X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_ANY);
	if (cafile ? SSL_CTX_load_verify_locations(s->ctx, cafile, NULL) != 1
		   : SSL_CTX_set_default_verify_paths(s->ctx) != 1) {
		openssl_why(why, cafile ? cafile : "the system's CAs");
		return false;
	}
	if (!(s->ssl = SSL_new(s->ctx)) || SSL_set_fd(s->ssl, fd) != 1) {
		openssl_why(why, "TLS set-up");
		return false;
	}
	if (server_name && !ip_literal(server_name))
		SSL_set_tlsext_host_name(s->ssl, server_name);
	while ((rc = SSL_connect(s->ssl)) != 1)
		if (!wait_for(s, rc, d, "TLS handshake", why))
			return false;
	return true;
}

int stream_ca_check(const char *cafile)
{
	SSL_CTX *ctx;
	int status, ok;

	if ((status = pem_file_check("--ca", cafile)))
		return status;
	if (!(ctx = SSL_CTX_new(TLS_client_method())))
		return fail(UCMIG_EX_SOFTWARE, "OpenSSL: no TLS context");
	ERR_clear_error();
	ok = SSL_CTX_load_verify_locations(ctx, cafile, NULL) == 1;
	SSL_CTX_free(ctx);
	ERR_clear_error();
	return ok ? 0 : fail(UCMIG_EX_NOINPUT, "--ca %s: no certificate OpenSSL can read (PEM expected)", cafile);
}

bool stream_write(struct stream *s, const char *data, size_t len, const struct deadline *d,
		  struct strbuf *why)
{
	while (len > 0) {
		if (s->ssl) {
			size_t put = 0;
			int rc = SSL_write_ex(s->ssl, data, len, &put);

			if (rc != 1) {
				if (!wait_for(s, rc, d, "sending", why))
					return false;
				continue;
			}
			data += put;
			len -= put;
			continue;
		}
		ssize_t put = write(s->fd, data, len);

		if (put > 0) {
			data += put;
			len -= (size_t)put;
		} else if (put < 0 && errno != EAGAIN && errno != EINTR) {
			strbuf_addf(why, "sending: %s", strerror(errno));
			return false;
		} else if (deadline_poll(s->fd, POLLOUT, d) <= 0) {
			strbuf_addstr(why, "sending: no progress before the timeout");
			return false;
		}
	}
	return true;
}

bool stream_read(struct stream *s, char *buf, size_t size, size_t *got, const struct deadline *d,
		 struct strbuf *why)
{
	int ready;

	for (;;) {
		if (s->ssl) {
			int rc = SSL_read_ex(s->ssl, buf, size, got);

			if (rc == 1)
				return true;
			if (!wait_for(s, rc, d, "reading", why))
				return false;
			continue;
		}
		ssize_t n = read(s->fd, buf, size);

		if (n > 0) {
			*got = (size_t)n;
			return true;
		}
		if (n == 0) {
			strbuf_addstr(why, "reading: the peer closed the connection");
			return false;
		}
		if (errno != EAGAIN && errno != EINTR) {
			strbuf_addf(why, "reading: %s", strerror(errno));
			return false;
		}
		if ((ready = deadline_poll(s->fd, POLLIN, d)) <= 0) {
			strbuf_addstr(why, ready == 0 ? "reading: no answer before the timeout"
						      : "reading: interrupted");
			return false;
		}
	}
}

void stream_close(struct stream *s)
{
	if (s->ssl)
		SSL_free(s->ssl);
	if (s->ctx)
		SSL_CTX_free(s->ctx);
	if (s->fd >= 0)
		close(s->fd);
	memset(s, 0, sizeof(*s));
	s->fd = -1;
}
