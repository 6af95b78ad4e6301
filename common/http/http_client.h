/*
 * http_client.h - many HTTP POSTs of JSON to one server (an admin API
 * such as ejabberd's mod_http_api) over libcurl's multi interface.
 *
 * Rules:
 *   - At most --xmpp-concurrency requests in flight; connections are kept
 *     alive and reused (one connection cache for all of them).
 *   - https is verified (the system CAs, or --xmpp-cacert); --xmpp-insecure turns
 *     that off and says so. Proxies from the environment are ignored: the
 *     server is named exactly.
 *   - Every request has a deadline (--xmpp-timeout, default 30 s).
 *   - Transient failures (a timeout, a refused or broken connection, HTTP
 *     429 and 5xx) are retried with back-off for up to
 *     HTTP_RETRY_WINDOW_S seconds: a server restarting mid-run is ridden
 *     through. The window is the server's, not each request's: from the
 *     first failure after which nothing has gone well. When it has run
 *     out, every request left (waiting, backing off or in flight) ends
 *     at once with 69, so a frozen server or one that answers nothing
 *     but 5xx ends the run within --xmpp-timeout plus the window, however
 *     many requests were queued. Before the server has answered once,
 *     nothing is retried: a server that is down or wrong is reported at
 *     once (69). An API whose other answers can be transient says which
 *     (transient_answer).
 *   - 401 and 403 are a refused login (77); the caller stops.
 *   - The password is sent only as Basic authentication and wiped when
 *     the client closes; no message prints it.
 *
 * Ownership: the client copies the path and body of each request; the
 * result handed to the callback is valid only during the call.
 */
#ifndef UCMIG_HTTP_CLIENT_H
#define UCMIG_HTTP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/cmdline.h"

#define HTTP_RETRY_WINDOW_S 30

struct http_settings {
	const char *user;            /* --xmpp-user: Basic authentication */
	const char *password_file;   /* --xmpp-password-file */
	const char *cacert;          /* --xmpp-cacert */
	bool insecure;               /* --xmpp-insecure */
	long timeout_s;              /* --xmpp-timeout */
	long concurrency;            /* --xmpp-concurrency */
};

extern const struct tool_option http_options[];
void http_settings_init(struct http_settings *set);
/* --version's lines for libcurl (base/versions.h). */
void http_library_versions(struct strbuf *out);
/* What can be known of url and the settings before anything is asked
 * or sent: a URL that libcurl takes (a port up to 65535), without a user
 * or password in it (the login is --xmpp-user and a password file);
 * --xmpp-user given, without ':' (Basic authentication cannot carry
 * it); --xmpp-cacert a file of certificates (66, base/pem_file.h).
 * 0, 64 or 66; a warning for plain http:// to a host not on this
 * machine, which sends the admin password in clear. */
int http_settings_check(const struct http_settings *set, const char *url);
/* The password: --xmpp-password-file, else UCMIG_XMPP_PASSWORD. */
int http_password(const struct http_settings *set, char **out);

struct http_result {
	int status;                  /* 0: the server answered; else 69 or 77 */
	long code;                   /* HTTP status, 0 without an answer */
	const char *body;            /* the answer, NUL-terminated */
	size_t len;
	const char *error;           /* what went wrong when status != 0 */
	bool sent;                   /* status != 0 but the request was on the
					wire when the run ended: it may have landed */
	unsigned attempts;
};

typedef void (*http_done_fn)(const struct http_result *r, void *data);

struct http_job;

struct http_client {
	void *multi;                 /* CURLM */
	char *base;                  /* "http://127.0.0.1:5280/api/" */
	char *userpwd;
	const struct http_settings *set;
	struct http_job *waiting, *waiting_tail;   /* not yet sent, or backing off */
	struct http_job *flying;                   /* sent, not yet answered */
	size_t in_flight, unfinished;
	bool answered;               /* the server has answered once */
	bool failing;                /* nothing has gone well since failing_since */
	struct timespec failing_since;
	bool gave_up;                /* the window ran out: nothing more is sent */
	/* Called before requests are sent, once for all that go together
	 * (a journal's sync: what is recorded as begun is durable before it
	 * is sent, one fdatasync for a window of requests). 0 or a status
	 * that stops the run. */
	int (*before_send)(void *data);
	void *before_send_data;
	/* An answer with a status below 500 that is to be tried again like a
	 * 5xx (may be NULL): the API's own sign of a passing failure. */
	bool (*transient_answer)(long code, const char *body);
	unsigned long requests, retries;
};

/* base_url: the API's root ("https://imp.example.com:5280/api"). */
int http_client_open(struct http_client *c, const char *base_url, const struct http_settings *set,
		     const char *password);
/* Queue a POST of json to base_url/method; fn gets the outcome. */
void http_client_post(struct http_client *c, const char *method, const char *json,
		      http_done_fn fn, void *data);
/* Run until at most `unfinished` requests are left (0: all done).
 * Returns 0, or the interrupt's status (requests in flight are dropped). */
int http_client_wait(struct http_client *c, size_t unfinished);
/* Requests still unfinished get their callback with status 69 ("not
 * sent"); a callback must not post during the close. */
void http_client_close(struct http_client *c);

#endif
