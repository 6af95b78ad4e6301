/*
 * http_client.c - see http_client.h.
 */
#include "http/http_client.h"

#include <curl/curl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/backoff.h"
#include "base/exitcode.h"
#include "base/interrupt.h"
#include "base/msg.h"
#include "base/pem_file.h"
#include "base/secret.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

enum { DEFAULT_TIMEOUT_S = 30, DEFAULT_CONCURRENCY = 8 };
/* An answer larger than this is not an admin API's: refused, not held. */
enum { MAX_ANSWER = 64 << 20 };
static const struct backoff retry_backoff = { .first_ms = 200, .max_ms = 2000 };

/* The HTTP group's names are its own (--xmpp-*), as the SQL group's are
 * --db-*: a setting meant for the directory is never sent to the XMPP
 * server, whatever ucmig.conf's [ucmig] holds. */
#define H struct http_settings
const struct tool_option http_options[] = {
	OPT_STRING("xmpp-user", 0, "JID", "the admin account (Basic authentication)", H, user),
	OPT_FILE("xmpp-password-file", 0, "FILE", "its password, first line (or UCMIG_XMPP_PASSWORD)", H, password_file),
	OPT_FILE("xmpp-cacert", 0, "FILE", "trust these CAs for https (default: the system's)", H, cacert),
	OPT_FLAG("xmpp-insecure", 0, "do not verify the https certificate", H, insecure),
	OPT_NUMBER("xmpp-timeout", 0, "SECONDS", "deadline of each request (default 30)", H, timeout_s, 1, 3600),
	OPT_NUMBER("xmpp-concurrency", 0, "N", "requests in flight at once (default 8)", H, concurrency, 1, 256),
	OPT_END,
};
#undef H

void http_settings_init(struct http_settings *set)
{
	memset(set, 0, sizeof(*set));
	set->timeout_s = DEFAULT_TIMEOUT_S;
	set->concurrency = DEFAULT_CONCURRENCY;
}

/* Is host this machine (no password crosses a network to it)? */
static bool loopback_host(const char *host)
{
	return strcmp(host, "localhost") == 0 || strncmp(host, "127.", 4) == 0 || strcmp(host, "[::1]") == 0 ||
	       strcmp(host, "::1") == 0;
}

int http_settings_check(const struct http_settings *set, const char *url)
{
	CURLU *u = curl_url();
	CURLUcode rc;
	char *part = NULL;
	int status = 0;

	if (!u)
		return fail(UCMIG_EX_SOFTWARE, "libcurl: out of memory");
	if ((rc = curl_url_set(u, CURLUPART_URL, url, 0)) != CURLUE_OK) {
		status = fail(UCMIG_EX_USAGE, "--xmpp: not a URL libcurl takes: %s", curl_url_strerror(rc));
	} else if (curl_url_get(u, CURLUPART_USER, &part, 0) == CURLUE_OK ||
		   curl_url_get(u, CURLUPART_PASSWORD, &part, 0) == CURLUE_OK) {
		/* The URL is not repeated: it holds a secret. */
		status = fail(UCMIG_EX_USAGE, "--xmpp: the URL holds a user or password; give the admin "
			      "with --xmpp-user and its password with --xmpp-password-file");
	} else if (!set->user || !*set->user) {
		status = fail(UCMIG_EX_USAGE, "give --xmpp-user JID, the server's admin account");
	} else if (strchr(set->user, ':')) {
		status = fail(UCMIG_EX_USAGE, "--xmpp-user '%s': a ':' cannot travel in Basic authentication",
			      set->user);
	} else {
		char *scheme = NULL, *host = NULL;

		if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
		    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
		    strcmp(scheme, "http") == 0 && !loopback_host(host))
			warn("--xmpp %s: plain http sends the admin password in clear to %s; use https://", url, host);
		curl_free(scheme);
		curl_free(host);
	}
	curl_free(part);
	curl_url_cleanup(u);
	if (!status && set->cacert)
		status = pem_file_check("--xmpp-cacert", set->cacert);
	return status;
}

int http_password(const struct http_settings *set, char **out)
{
	const struct secret_source src = {
		.needed_by = "--xmpp-user", .file = set->password_file, .file_option = "--xmpp-password-file",
		.env = "UCMIG_XMPP_PASSWORD",
	};
	return secret_get(&src, out);
}

struct http_job {
	struct http_job *next;
	char *url, *body;
	http_done_fn fn;
	void *data;
	CURL *easy;
	struct strbuf answer;
	struct timespec not_before, first_failure;
	bool failing;
	bool in_flight_at_end;        /* ended unanswered while on the wire */
	unsigned attempts;
};

static struct curl_slist *json_headers;

static double seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static size_t on_data(char *p, size_t size, size_t n, void *data)
{
	struct http_job *job = data;

	if (job->answer.len + n > MAX_ANSWER)
		return 0;                       /* curl fails the transfer: CURLE_WRITE_ERROR */
	strbuf_add(&job->answer, p, n * size);
	return n * size;
}

int http_client_open(struct http_client *c, const char *base_url, const struct http_settings *set,
		     const char *password)
{
	static bool initialised;
	size_t n = strlen(base_url);

	memset(c, 0, sizeof(*c));
	c->set = set;
	if (strncmp(base_url, "http://", 7) != 0 && strncmp(base_url, "https://", 8) != 0)
		return fail(UCMIG_EX_USAGE, "%s: not an http:// or https:// URL", base_url);
	if (!initialised) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return fail(UCMIG_EX_SOFTWARE, "libcurl cannot start");
		json_headers = curl_slist_append(NULL, "Content-Type: application/json");
		initialised = true;
	}
	if (set->insecure && strncmp(base_url, "https://", 8) == 0)
		warn("--xmpp-insecure: the server's certificate is not checked; anyone on the path can read the password");
	c->base = xmalloc(n + 2);
	sprintf(c->base, "%s%s", base_url, n && base_url[n - 1] == '/' ? "" : "/");
	c->userpwd = xmalloc(strlen(set->user ? set->user : "") + strlen(password ? password : "") + 2);
	sprintf(c->userpwd, "%s:%s", set->user ? set->user : "", password ? password : "");
	if (!(c->multi = curl_multi_init()))
		return fail(UCMIG_EX_SOFTWARE, "libcurl: no multi handle");
	curl_multi_setopt(c->multi, CURLMOPT_MAX_HOST_CONNECTIONS, set->concurrency);
	return 0;
}

void http_client_post(struct http_client *c, const char *method, const char *json,
		      http_done_fn fn, void *data)
{
	struct http_job *job = xcalloc(1, sizeof(*job));

	job->url = xmalloc(strlen(c->base) + strlen(method) + 1);
	sprintf(job->url, "%s%s", c->base, method);
	job->body = xstrdup(json);
	job->fn = fn;
	job->data = data;
	strbuf_init(&job->answer);
	if (c->waiting_tail)
		c->waiting_tail->next = job;
	else
		c->waiting = job;
	c->waiting_tail = job;
	c->unfinished++;
}

static void free_job(struct http_job *job)
{
	if (job->easy)
		curl_easy_cleanup(job->easy);
	free(job->url);
	free(job->body);
	strbuf_release(&job->answer);
	free(job);
}

static void start(struct http_client *c, struct http_job *job)
{
	const struct http_settings *set = c->set;
	CURL *e = job->easy ? job->easy : curl_easy_init();

	if (!e) {
		fail(UCMIG_EX_SOFTWARE, "libcurl: out of memory");
		exit(UCMIG_EX_SOFTWARE);
	}
	curl_easy_reset(e);
	job->easy = e;
	strbuf_reset(&job->answer);
	job->attempts++;
	curl_easy_setopt(e, CURLOPT_URL, job->url);
	curl_easy_setopt(e, CURLOPT_POSTFIELDS, job->body);
	curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, (long)strlen(job->body));
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, json_headers);
	curl_easy_setopt(e, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
	curl_easy_setopt(e, CURLOPT_USERPWD, c->userpwd);
	curl_easy_setopt(e, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, set->timeout_s);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, set->timeout_s);
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, job);
	curl_easy_setopt(e, CURLOPT_PRIVATE, job);
	if (set->cacert)
		curl_easy_setopt(e, CURLOPT_CAINFO, set->cacert);
	if (set->insecure) {
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	curl_multi_add_handle(c->multi, e);
	job->next = c->flying;
	c->flying = job;
	c->in_flight++;
	c->requests++;
}

static void finish(struct http_client *c, struct http_job *job, int status, long code, const char *error)
{
	struct http_result r = {
		.status = status, .code = code, .body = job->answer.buf ? job->answer.buf : "",
		.len = job->answer.len, .error = error, .attempts = job->attempts,
		/* In flight when it ended: it may have arrived (never waiting ones,
		 * which are not in c->flying, nor one that never connected). */
		.sent = job->in_flight_at_end,
	};
	c->unfinished--;
	job->fn(&r, job->data);
	free_job(job);
}

static bool transient_curl(CURLcode rc)
{
	return rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_COULDNT_CONNECT || rc == CURLE_SEND_ERROR ||
	       rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING || rc == CURLE_PARTIAL_FILE;
}

/* Back in the queue after its back-off, unless the window is spent. */
static bool retry(struct http_client *c, struct http_job *job)
{
	struct timespec delay;

	if (!job->failing) {
		clock_gettime(CLOCK_MONOTONIC, &job->first_failure);
		job->failing = true;
	}
	if (!c->failing) {
		clock_gettime(CLOCK_MONOTONIC, &c->failing_since);
		c->failing = true;
	}
	if (c->gave_up || seconds_since(&c->failing_since) > HTTP_RETRY_WINDOW_S) {
		c->gave_up = c->answered;    /* the server is gone: end the rest too */
		return false;
	}
	if (!c->answered || seconds_since(&job->first_failure) > HTTP_RETRY_WINDOW_S)
		return false;
	delay = backoff_delay(&retry_backoff, job->attempts - 1);
	clock_gettime(CLOCK_MONOTONIC, &job->not_before);
	job->not_before.tv_sec += delay.tv_sec;
	job->not_before.tv_nsec += delay.tv_nsec;
	if (job->not_before.tv_nsec >= 1000000000L) {
		job->not_before.tv_sec++;
		job->not_before.tv_nsec -= 1000000000L;
	}
	job->next = c->waiting;
	c->waiting = job;
	if (!c->waiting_tail)
		c->waiting_tail = job;
	c->retries++;
	return true;
}

static void completed(struct http_client *c, CURLMsg *m)
{
	struct http_job *job;
	char message[CURL_ERROR_SIZE + 128];
	long code = 0;

	curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&job);
	curl_multi_remove_handle(c->multi, m->easy_handle);
	for (struct http_job **p = &c->flying; *p; p = &(*p)->next)
		if (*p == job) {
			*p = job->next;
			break;
		}
	job->next = NULL;
	c->in_flight--;
	if (m->data.result == CURLE_OK) {
		curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &code);
		c->answered = true;
		if (code == 401 || code == 403) {
			snprintf(message, sizeof(message), "%s: HTTP %ld: the server refused the login", job->url, code);
			finish(c, job, UCMIG_EX_NOPERM, code, message);
			return;
		}
		if (code == 429 || code >= 500 ||
		    (c->transient_answer && c->transient_answer(code, job->answer.buf ? job->answer.buf : ""))) {
			if (retry(c, job))
				return;
			if (c->gave_up) {
				snprintf(message, sizeof(message), "%s: HTTP %ld for %d s: the server stopped "
					 "answering", job->url, code, HTTP_RETRY_WINDOW_S);
				finish(c, job, UCMIG_EX_UNAVAILABLE, code, message);
				return;
			}
		} else {
			c->failing = false;           /* the server is back */
		}
		finish(c, job, 0, code, NULL);
		return;
	}
	if (transient_curl(m->data.result) && retry(c, job))
		return;
	if (m->data.result == CURLE_WRITE_ERROR && job->answer.len + CURL_MAX_WRITE_SIZE > MAX_ANSWER)
		snprintf(message, sizeof(message), "%s: an answer over %d MiB, which no admin API call gives; "
			 "stopped reading it", job->url, MAX_ANSWER >> 20);
	else
		snprintf(message, sizeof(message), "%s: %s%s", job->url, curl_easy_strerror(m->data.result),
			 job->attempts > 1 ? " (after retries)" : "");
	finish(c, job, UCMIG_EX_UNAVAILABLE, 0, message);
}

static bool due(const struct http_job *job)
{
	struct timespec now;

	if (!job->failing)
		return true;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > job->not_before.tv_sec ||
	       (now.tv_sec == job->not_before.tv_sec && now.tv_nsec >= job->not_before.tv_nsec);
}

/* The server's window ran out: what is left ends now, not each after its
 * own timeout and retries. */
static void end_the_rest(struct http_client *c)
{
	struct http_job *job;

	while ((job = c->flying)) {
		c->flying = job->next;
		curl_multi_remove_handle(c->multi, job->easy);
		c->in_flight--;
		job->in_flight_at_end = true;
		finish(c, job, UCMIG_EX_UNAVAILABLE, 0, "sent, not answered: the server stopped answering");
	}
	while ((job = c->waiting)) {
		c->waiting = job->next;
		finish(c, job, UCMIG_EX_UNAVAILABLE, 0, "not sent: the server stopped answering");
	}
	c->waiting_tail = NULL;
}

/* Send what is due, up to the concurrency. */
static int start_due(struct http_client *c)
{
	struct http_job **p = &c->waiting, *prev = NULL;
	bool prepared = false;
	int status;

	while (*p && c->in_flight < (size_t)c->set->concurrency) {
		struct http_job *job = *p;

		if (!due(job)) {
			prev = job;
			p = &job->next;
			continue;
		}
		if (!prepared && c->before_send && (status = c->before_send(c->before_send_data)))
			return status;
		prepared = true;
		*p = job->next;
		if (c->waiting_tail == job)
			c->waiting_tail = prev;
		job->next = NULL;
		start(c, job);
	}
	return 0;
}

/* Is a request waiting that could be sent now? */
static bool can_start(const struct http_client *c)
{
	if (c->in_flight >= (size_t)c->set->concurrency)
		return false;
	for (const struct http_job *job = c->waiting; job; job = job->next)
		if (due(job))
			return true;
	return false;
}

int http_client_wait(struct http_client *c, size_t unfinished)
{
	while (c->unfinished > unfinished) {
		CURLMsg *m;
		int running, left, status;

		if (interrupt_requested())
			return interrupt_status();
		if (c->gave_up) {
			end_the_rest(c);
			continue;
		}
		if ((status = start_due(c)))
			return status;
		curl_multi_perform(c->multi, &running);
		while ((m = curl_multi_info_read(c->multi, &left)))
			if (m->msg == CURLMSG_DONE)
				completed(c, m);
		/* A slot freed by an answer is filled at once, not after the
		 * next event on another connection. */
		if (c->unfinished > unfinished && !can_start(c))
			curl_multi_poll(c->multi, NULL, 0, c->in_flight ? 100 : 20, NULL);
	}
	return 0;
}

void http_client_close(struct http_client *c)
{
	struct http_job *job;

	/* Whatever is unfinished (an interrupted run) ends without an
	 * answer, so that its caller can account for it. */
	while ((job = c->flying)) {
		c->flying = job->next;
		curl_multi_remove_handle(c->multi, job->easy);
		/* Sent: it may have arrived. The journal has it as begun, and a
		 * re-run reads the server before sending it again. */
		job->in_flight_at_end = true;
		finish(c, job, UCMIG_EX_UNAVAILABLE, 0, "sent, not answered: the run was stopped");
	}
	while ((job = c->waiting)) {
		c->waiting = job->next;
		finish(c, job, UCMIG_EX_UNAVAILABLE, 0, "not sent: the run was stopped");
	}
	if (c->multi)
		curl_multi_cleanup(c->multi);
	if (c->userpwd) {
		explicit_bzero(c->userpwd, strlen(c->userpwd));
		free(c->userpwd);
	}
	free(c->base);
	memset(c, 0, sizeof(*c));
}
