/*
 * ldap_session.c - see ldap_session.h.
 */
#include "ldap/ldap_session.h"
#include "ldap/connect_deadline.h"

#include <ldap.h>
#include <ctype.h>
#include <netdb.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/exitcode.h"
#include "base/msg.h"
#include "base/secret.h"
#include "base/xalloc.h"

/* Reconnecting goes on for twice --timeout (a minute by default: a
 * domain controller restarting), then gives up with 69. */
enum { RECONNECT_WINDOW_TIMEOUTS = 2 };

#define L struct ldap_settings
const struct tool_option ldap_options[] = {
	OPT_STRING("ldap-uri", 'H', "URI", "directory server (ldaps://, ldap://, ldapi://)", L, uri),
	OPT_STRING("bind-dn", 'D', "BINDDN", "bind as DN, DOMAIN\\user or user@domain (UPN)", L, binddn),
	OPT_FLAG("prompt-password", 'W', "prompt for the bind password", L, prompt),
	OPT_FILE("password-file", 'y', "FILE", "read the bind password from FILE", L, password_file),
	OPT_REPEAT("starttls", 'Z', "StartTLS; given twice (-ZZ), required", L, starttls),
	OPT_STRING("base", 'b', "BASE", "search base (default: the server's naming context)", L, base),
	OPT_FLAG("insecure", 0, "allow a password bind without TLS", L, insecure),
	OPT_NUMBER("page-size", 0, "N", "entries per page of a paged search (default 500)", L, page_size, 1, 100000),
	OPT_NUMBER("timeout", 0, "SECONDS", "for each LDAP operation, the TLS handshake included (default 30)",
		   L, timeout, 1, 3600),
	OPT_END,
};
#undef L

void ldap_settings_init(struct ldap_settings *set)
{
	memset(set, 0, sizeof(*set));
	set->page_size = 500;
	set->timeout = 30;
}

bool ldap_settings_have_uri(const struct ldap_settings *set)
{
	char *uri = NULL;
	bool configured;

	if (set->uri)
		return true;
	/* libldap answers with its compiled-in fallback when ldap.conf and
	 * the environment name nothing: that is no configured directory. */
	if (ldap_get_option(NULL, LDAP_OPT_URI, &uri) != LDAP_OPT_SUCCESS || !uri)
		return false;
	configured = strcmp(uri, "ldap://localhost:389/??base") != 0 && strcmp(uri, "ldap://localhost") != 0;
	ldap_memfree(uri);
	return configured;
}

int ldap_exit_status(int rc)
{
	switch (rc) {
	case LDAP_INVALID_CREDENTIALS:
	case LDAP_INAPPROPRIATE_AUTH:
	case LDAP_INSUFFICIENT_ACCESS:
	case LDAP_STRONG_AUTH_REQUIRED:
	case LDAP_CONFIDENTIALITY_REQUIRED:
	case LDAP_UNWILLING_TO_PERFORM:
		return UCMIG_EX_NOPERM;
	case LDAP_NO_SUCH_OBJECT:
	case LDAP_INVALID_DN_SYNTAX:
		return UCMIG_EX_CONFIG;
	default:
		return UCMIG_EX_UNAVAILABLE;
	}
}

bool ldap_rc_connection_lost(int rc)
{
	/* A server silent past --timeout is treated as gone: the request is
	 * abandoned with the connection, and sent again on a new one. */
	return rc == LDAP_SERVER_DOWN || rc == LDAP_CONNECT_ERROR || rc == LDAP_TIMEOUT;
}

bool ldap_rc_transient(int rc)
{
	return rc == LDAP_BUSY || rc == LDAP_UNAVAILABLE ||
	       rc == LDAP_TIMELIMIT_EXCEEDED || rc == LDAP_ADMINLIMIT_EXCEEDED;
}

const struct backoff ldap_retry_backoff = { .first_ms = 100, .max_ms = 5000 };

void ldap_filter_value(const char *value, struct strbuf *out)
{
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		/* RFC 4515: '*', '(', ')', '\' and NUL must be escaped. */
		if (*p == '*' || *p == '(' || *p == ')' || *p == '\\')
			strbuf_addf(out, "\\%02x", *p);
		else
			strbuf_addch(out, *p);
	}
}

static bool uri_is(const char *uri, const char *scheme)
{
	return uri && strncasecmp(uri, scheme, strlen(scheme)) == 0;
}

/* Where the password comes from, in order: -y FILE, -W, the environment. */
static int get_password(struct ldap_session *s)
{
	const struct ldap_settings *set = s->set;
	const struct secret_source src = {
		.needed_by = "-D", .file = set->password_file, .file_option = "-y",
		.prompt = set->prompt, .prompt_option = "-W", .prompt_text = "LDAP password: ",
		.env = "UCMIG_LDAP_PASSWORD",
	};

	if (!set->binddn)
		return 0;
	return secret_get(&src, &s->password);
}

int ldap_session_error(struct ldap_session *s, const char *what, int rc)
{
	char *diag = NULL;
	int status;

	/* Only a server's answer carries a diagnostic; for client-side codes
	 * libldap would give a placeholder. */
	if (s->ld && rc > 0)
		ldap_get_option(s->ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diag);
	status = fail(ldap_exit_status(rc), "%s: %s: %s (%d)%s%s", s->uri, what, ldap_err2string(rc), rc,
		      diag && *diag ? ": " : "", diag && *diag ? diag : "");
	ldap_memfree(diag);
	return status;
}

/* Does anything accept a TCP connection at the URI's host and port?
 * libldap says only "Can't contact LDAP server" for an ldaps:// server
 * whose certificate it refused, as for one that is down. */
static bool tcp_answers(const char *uri)
{
	LDAPURLDesc *url = NULL;
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res = NULL;
	char port[16];
	bool ok = false;

	if (ldap_url_parse(uri, &url) != LDAP_URL_SUCCESS || !url->lud_host)
		goto out;
	snprintf(port, sizeof(port), "%d", url->lud_port ? url->lud_port : 636);
	if (getaddrinfo(url->lud_host, port, &hints, &res) != 0)
		goto out;
	for (struct addrinfo *a = res; a && !ok; a = a->ai_next) {
		int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
		ok = fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen) == 0;
		if (fd >= 0)
			close(fd);
	}
out:
	if (res)
		freeaddrinfo(res);
	if (url)
		ldap_free_urldesc(url);
	return ok;
}

/* Connect and bind, once. */
static int connect_and_bind_unbounded(struct ldap_session *s)
{
	const struct ldap_settings *set = s->set;
	int v3 = LDAP_VERSION3, demand = LDAP_OPT_X_TLS_DEMAND, rc;
	struct timeval timeout = { set->timeout, 0 };
	struct berval cred = { 0, NULL };

	/* Set on the global options, before any handle exists: a per-handle
	 * TLS context would not inherit TLS_CACERT from ldap.conf and the
	 * LDAPTLS_* environment, which must keep working unchanged. */
	ldap_set_option(NULL, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);

	rc = ldap_initialize(&s->ld, set->uri);
	if (rc != LDAP_SUCCESS)
		return fail(UCMIG_EX_USAGE, "%s: bad LDAP URI: %s", set->uri ? set->uri : "(ldap.conf)",
			    ldap_err2string(rc));
	if (!s->uri) {
		char *uri = NULL;
		ldap_get_option(s->ld, LDAP_OPT_URI, &uri);
		s->uri = xstrdup(uri ? uri : "ldap://localhost");
		ldap_memfree(uri);
	}
	ldap_set_option(s->ld, LDAP_OPT_PROTOCOL_VERSION, &v3);
	/* AD returns referrals for other domains; chasing them would bind
	 * elsewhere with our credentials. */
	ldap_set_option(s->ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
	/* Every operation has a bound: the TCP connect and the TLS handshake
	 * (network timeout), each synchronous request (bind, StartTLS, the
	 * searches) and, in the modify window, each wait for answers. A
	 * server that accepts and never answers ends in 69, not a hang. */
	ldap_set_option(s->ld, LDAP_OPT_NETWORK_TIMEOUT, &timeout);
	ldap_set_option(s->ld, LDAP_OPT_TIMEOUT, &timeout);
	if (!s->on_connect)     /* libldap keeps the pointer as long as the handle */
		s->on_connect = xcalloc(1, sizeof(*s->on_connect));
	connect_deadline_install(s->ld, s->on_connect);

	bool tls = uri_is(s->uri, "ldaps://") || uri_is(s->uri, "ldapi://");
	if (set->starttls && !uri_is(s->uri, "ldaps://")) {
		rc = ldap_start_tls_s(s->ld, NULL, NULL);
		if (rc == LDAP_SUCCESS)
			tls = true;
		else if (set->starttls >= 2 || ldap_rc_connection_lost(rc))
			return ldap_session_error(s, rc == LDAP_CONNECT_ERROR
						 ? "StartTLS failed (is the server's certificate trusted? see LDAPTLS_CACERT)"
						 : "StartTLS failed", rc);
		else
			warn("%s: StartTLS failed (%s); going on without TLS (-ZZ would stop here)",
			     s->uri, ldap_err2string(rc));
	}
	if (s->password && !tls && !set->insecure)
		return fail(UCMIG_EX_USAGE,
			    "%s: refusing to send a password without TLS; use ldaps://, -ZZ, or --insecure",
			    s->uri);
	if (s->password) {
		cred.bv_val = s->password;
		cred.bv_len = strlen(s->password);
	}
	rc = ldap_sasl_bind_s(s->ld, set->binddn, LDAP_SASL_SIMPLE, &cred, NULL, NULL, NULL);
	if (rc != LDAP_SUCCESS && uri_is(s->uri, "ldaps://") && ldap_rc_connection_lost(rc) &&
	    rc != LDAP_TIMEOUT && tcp_answers(s->uri))
		return ldap_session_error(s, "the server answers, but the TLS handshake failed "
					 "(is its certificate trusted? see LDAPTLS_CACERT)", rc);
	if (rc != LDAP_SUCCESS)
		return ldap_session_error(s, set->binddn ? "bind failed" : "anonymous bind failed", rc);
	return 0;
}

/* The naming context: -b, else the root DSE's defaultNamingContext (AD),
 * else its first namingContexts value (other servers). */
/* The same under the --timeout deadline (connect_deadline.h). */
static int connect_and_bind(struct ldap_session *s)
{
	int status;

	connect_deadline_arm(s->set->timeout);
	status = connect_and_bind_unbounded(s);
	if (connect_deadline_disarm() && status)
		status = fail(UCMIG_EX_UNAVAILABLE, "%s: no answer within %ld s (--timeout)",
			      s->uri ? s->uri : "LDAP server", s->set->timeout);
	return status;
}

static int find_base(struct ldap_session *s)
{
	char *attrs[] = { "defaultNamingContext", "namingContexts", NULL };
	LDAPMessage *res = NULL, *e;
	struct berval **v;
	int rc;

	if (s->set->base) {
		s->base = xstrdup(s->set->base);
		return 0;
	}
	rc = ldap_search_ext_s(s->ld, "", LDAP_SCOPE_BASE, "(objectClass=*)", attrs, 0,
			       NULL, NULL, NULL, 0, &res);
	if (rc != LDAP_SUCCESS) {
		ldap_msgfree(res);
		return ldap_session_error(s, "reading the root DSE failed", rc);
	}
	e = ldap_first_entry(s->ld, res);
	for (int i = 0; e && attrs[i] && !s->base; i++) {
		if ((v = ldap_get_values_len(s->ld, e, attrs[i])) && v[0])
			s->base = xstrndup(v[0]->bv_val, v[0]->bv_len);
		ldap_value_free_len(v);
	}
	ldap_msgfree(res);
	if (!s->base)
		return fail(UCMIG_EX_CONFIG, "%s: the server names no naming context; give -b BASE", s->uri);
	return 0;
}

int ldap_session_open(struct ldap_session *s, const struct ldap_settings *set)
{
	int status;

	memset(s, 0, sizeof(*s));
	s->set = set;
	/* A server that goes away mid-write must give libldap EPIPE (a lost
	 * connection we reconnect from), not kill the process with SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	if ((status = get_password(s)) || (status = connect_and_bind(s)))
		return status;
	return find_base(s);
}

int ldap_session_open_like(struct ldap_session *s, const struct ldap_session *like)
{
	memset(s, 0, sizeof(*s));
	s->set = like->set;
	s->password = like->password ? xstrdup(like->password) : NULL;
	s->base = xstrdup(like->base);
	s->uri = xstrdup(like->uri);
	return connect_and_bind(s);
}

int ldap_session_reconnect(struct ldap_session *s)
{
	struct timespec start, now;
	int status = 0;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (unsigned attempt = 0;; attempt++) {
		if (s->ld)
			ldap_unbind_ext_s(s->ld, NULL, NULL);
		s->ld = NULL;
		backoff_sleep(&ldap_retry_backoff, attempt);
		msg_set_muted(true);        /* one message at the end, not one per attempt */
		status = connect_and_bind(s);
		msg_set_muted(false);
		if (!status) {
			s->reconnects++;
			warn("%s: connection lost and re-established", s->uri);
			return 0;
		}
		if (status != UCMIG_EX_UNAVAILABLE)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= (time_t)RECONNECT_WINDOW_TIMEOUTS * s->set->timeout)
			break;
	}
	return fail(status ? status : UCMIG_EX_UNAVAILABLE, "%s: cannot reconnect; giving up", s->uri);
}

void ldap_session_close(struct ldap_session *s)
{
	if (s->ld)
		ldap_unbind_ext_s(s->ld, NULL, NULL);
	free(s->on_connect);
	secret_free(s->password);
	free(s->base);
	free(s->uri);
	memset(s, 0, sizeof(*s));
}

/* One pass of a paged search from the first page. Returns an LDAP code
 * (LDAP_SUCCESS when every page was read) or sets *status. */
/* AD answers a subtree search with continuation references for other
 * domains (and a DC's partitions). They are not followed (the bind
 * would go elsewhere), so say what was not searched: the users held
 * there are reported not found. */
void ldap_session_note_references(struct ldap_session *s, LDAPMessage *res)
{
	for (LDAPMessage *m = ldap_first_reference(s->ld, res); m; m = ldap_next_reference(s->ld, m)) {
		char **urls = NULL;

		if (ldap_parse_reference(s->ld, m, &urls, NULL, 0) != LDAP_SUCCESS)
			continue;
		if (s->referrals++ < LDAP_REFERRALS_SHOWN)
			warn("%s: the search continues at %s (a referral, not followed): users held there "
			     "are not found", s->uri, urls && urls[0] ? urls[0] : "?");
		ldap_memvfree((void **)urls);
	}
}

static int search_pages(struct ldap_session *s, const char *base, int scope, const char *filter,
			char **attrs, ldap_entry_fn fn, void *data, int *status)
{
	struct berval cookie = { 0, NULL };
	int rc;

	do {
		LDAPControl *page = NULL, *server[2] = { NULL, NULL }, **returned = NULL;
		LDAPMessage *res = NULL;
		int err = LDAP_SUCCESS;

		rc = ldap_create_page_control(s->ld, s->set->page_size, &cookie, 1, &page);
		if (rc != LDAP_SUCCESS)
			break;
		server[0] = page;
		rc = ldap_search_ext_s(s->ld, base, scope, filter, attrs, 0, server, NULL, NULL, 0, &res);
		ldap_control_free(page);
		if (rc != LDAP_SUCCESS && !res)
			break;
		for (LDAPMessage *e = ldap_first_entry(s->ld, res); e && !*status;
		     e = ldap_next_entry(s->ld, e))
			*status = fn(s, e, data);
		ldap_session_note_references(s, res);
		if (ldap_parse_result(s->ld, res, &err, NULL, NULL, NULL, &returned, 0) == LDAP_SUCCESS)
			rc = err;
		ber_memfree(cookie.bv_val);
		cookie.bv_val = NULL;
		cookie.bv_len = 0;
		if (rc == LDAP_SUCCESS && returned) {
			LDAPControl *resp = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, returned, NULL);
			ber_int_t estimate;
			if (resp)
				ldap_parse_pageresponse_control(s->ld, resp, &estimate, &cookie);
		}
		ldap_controls_free(returned);
		ldap_msgfree(res);
	} while (rc == LDAP_SUCCESS && !*status && cookie.bv_len > 0);
	ber_memfree(cookie.bv_val);
	return rc;
}

int ldap_search_paged(struct ldap_session *s, const char *base, int scope, const char *filter,
		      char **attrs, ldap_entry_fn fn, void *data)
{
	int status = 0;

	for (unsigned attempt = 0;; attempt++) {
		int rc = search_pages(s, base, scope, filter, attrs, fn, data, &status);

		if (status || rc == LDAP_SUCCESS)
			return status;
		if (rc == LDAP_NO_SUCH_OBJECT && scope == LDAP_SCOPE_BASE)
			return 0;
		if (ldap_rc_connection_lost(rc)) {
			if ((status = ldap_session_reconnect(s)))
				return status;
			continue;
		}
		if (ldap_rc_transient(rc) && attempt < 8) {
			backoff_sleep(&ldap_retry_backoff, attempt);
			continue;
		}
		return ldap_session_search_error(s, base, rc);
	}
}

int ldap_session_search_error(struct ldap_session *s, const char *base, int rc)
{
	if (rc == LDAP_SIZELIMIT_EXCEEDED)
		return fail(UCMIG_EX_UNAVAILABLE, "%s: search under '%s': size limit exceeded even with paging; lower --page-size",
			    s->uri, base);
	return ldap_session_error(s, "search failed", rc);
}
