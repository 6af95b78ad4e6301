/*
 * ldap_session.h - one connection to Active Directory (or any LDAP
 * server), set up the way ldap-utils does it, for every tool that needs
 * the directory.
 *
 * Options, as ldap-utils: -H uri, -D binddn, -W (prompt), -y file
 * (password file), -Z / -ZZ (StartTLS, required with -ZZ), -b base. The
 * environment variable UCMIG_LDAP_PASSWORD is the third password source;
 * a password is never taken from the command line. libldap's ldap.conf
 * and LDAP* / LDAPTLS_* environment chain apply unchanged (URI, BASE,
 * TLS_CACERT ...), except that certificate checking is always "demand".
 * A simple bind with a password over a connection without TLS (ldap://
 * without -Z) is refused unless --insecure; ldapi:// is local and allowed.
 *
 * The session owns the LDAP handle and a copy of the password (kept for
 * reconnecting, wiped at close). Functions return 0 or an exit status,
 * LDAP result codes appearing only in messages.
 */
#ifndef UCMIG_LDAP_SESSION_H
#define UCMIG_LDAP_SESSION_H

#include <stdbool.h>

#include "base/backoff.h"
#include "base/cmdline.h"
#include "base/strbuf.h"

/* libldap's handle and message, by their struct tags (LDAP, LDAPMessage):
 * <ldap.h> stays inside common/ldap, so no tool sees an LDAP_* code. */
struct ldap;
struct ldapmsg;
struct ldap_conncb;

struct ldap_settings {
	const char *uri;           /* -H; NULL: ldap.conf's URI */
	const char *binddn;        /* -D; NULL: anonymous */
	const char *password_file; /* -y */
	const char *base;          /* -b; NULL: from the root DSE */
	bool prompt;               /* -W */
	bool insecure;             /* --insecure */
	int starttls;              /* 0, 1 (-Z: try), 2 (-ZZ: require) */
	long page_size;            /* --page-size: paged search page */
	long timeout;              /* --timeout: seconds per operation */
};

/* The LDAP option group for a tool's tool_spec. */
extern const struct tool_option ldap_options[];
void ldap_settings_init(struct ldap_settings *set);
/* Is there a directory to talk to: -H, or a URI (or host) from ldap.conf
 * or the LDAP* environment, as the session will use it? */
bool ldap_settings_have_uri(const struct ldap_settings *set);
/* --version's line for libldap (base/versions.h). */
void ldap_library_versions(struct strbuf *out);

/* Referrals named in warnings before they are only counted. */
#define LDAP_REFERRALS_SHOWN 5

struct ldap_session {
	struct ldap *ld;             /* libldap's LDAP, by its struct tag */
	const struct ldap_settings *set;
	char *password;
	char *base;
	char *uri;                 /* the URI in use, for messages */
	unsigned reconnects;
	struct ldap_conncb *on_connect;  /* connect_deadline.h; owned, as long as ld */
	unsigned long referrals;    /* search references seen (not followed) */
};

/* Connect, StartTLS as asked, bind, find the base. */
int ldap_session_open(struct ldap_session *s, const struct ldap_settings *set);
/* One more connection like s, for working in parallel: its settings,
 * password and base, without asking for the password or reading the root
 * DSE again. */
int ldap_session_open_like(struct ldap_session *s, const struct ldap_session *like);
/* After a lost connection: reconnect and bind again, with backoff and a
 * bound on the attempts. */
int ldap_session_reconnect(struct ldap_session *s);
void ldap_session_close(struct ldap_session *s);

/* Exit status for an LDAP result code (69, 77, 78, ...). */
int ldap_exit_status(int rc);
/* Worth retrying the same request: busy, unavailable, timeout. */
bool ldap_rc_transient(int rc);
/* The connection is gone: reconnect before anything else. */
bool ldap_rc_connection_lost(int rc);
/* Retries wait 100 ms, doubling up to 5 s. */
extern const struct backoff ldap_retry_backoff;

/* Append value escaped for a search filter (RFC 4515). */
void ldap_filter_value(const char *value, struct strbuf *out);

/* For the part's other files: fail with the LDAP code and the server's
 * diagnostic; warn about the continuation references in res (not
 * followed: users held there are not found). */
int ldap_session_error(struct ldap_session *s, const char *what, int rc);
/* The same for a search's final answer (a size limit names --page-size). */
int ldap_session_search_error(struct ldap_session *s, const char *base, int rc);
void ldap_session_note_references(struct ldap_session *s, struct ldapmsg *res);

/* Called per entry; return 0 to go on or an exit status to stop. */
typedef int (*ldap_entry_fn)(struct ldap_session *s, struct ldapmsg *entry, void *data);
/* Subtree (or other scope) search with the paged results control, so
 * result sets above the server's size limit work. If the connection is
 * lost the search restarts from the first page after reconnecting: fn may
 * see an entry twice and must not mind. A base-scope search of an entry
 * that does not exist finds nothing (it is not an error): that is how
 * one entry is read back. */
int ldap_search_paged(struct ldap_session *s, const char *base, int scope, const char *filter,
		      char **attrs, ldap_entry_fn fn, void *data);

#endif
