/*
 * roster_run.h - the live-roster engine that ucmig-import --xmpp and
 * ucmig-rename --xmpp both drive: what a run against an XMPP server's
 * admin API needs around the tool's own decisions, written once.
 *
 * Rules:
 *   - Open: the admin password (http_password), the client and its
 *     hooks (the journal synced once before every batch of requests it
 *     sends; the roster API's passing answers retried). Then, when the
 *     tool is ready to write, the journal: opened for writing; on a dry
 *     run replayed if it exists (a bad journal is 65 either way) and
 *     never created or written. A journal names its server in a first
 *     "server URL" record; one of another server is 65, so a journal
 *     never makes a server look done that was not.
 *   - Accounts: registered_users of a host, asked alone and answered
 *     before the tool goes on. A host the server does not serve (HTTP 400
 *     "Unknown virtual host") has no accounts there: the tool says what
 *     that means for its rows. Any other answer that is not a list of
 *     users stops the run (69) with the host and the server's words: an
 *     owner is never taken as without an account because the server
 *     failed to say.
 *   - Stopping: the first answer that never came (69) or a refused login
 *     (77, which wins) stops the sending; the run ends with that status
 *     and that answer's own text ("URL: stopped: TEXT"). A journal that
 *     cannot be written stops it likewise.
 *   - A signal is the client's: http_client_wait returns its status.
 *
 * Ownership: the run owns its client, journal and password (wiped at
 * close); url and the journal path are borrowed for its life.
 */
#ifndef UCMIG_ROSTER_RUN_H
#define UCMIG_ROSTER_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/journal.h"
#include "http/http_client.h"

struct roster_run {
	struct http_client http;
	struct journal journal;
	const char *url;
	bool journal_open;           /* not on a dry run */
	bool dry_run;
	int stop;                    /* 0, or the status the run ends with */
	int journal_failed;          /* the first journal write's failure */
	char *stop_why;
	char *password;
};

/* Returns 0 or an exit status. */
int roster_run_open(struct roster_run *rr, const char *url, const struct http_settings *http,
		    bool dry_run);
/* tool names the journal's kind ("ucmig-import"); replay gets every record
 * of an existing journal. Returns 0 or an exit status. */
int roster_run_open_journal(struct roster_run *rr, const char *tool, const char *path,
			    journal_replay_fn replay, void *data);
/* Stop sending: status 69, 77 or a local one, and why (copied). 77
 * replaces any other; otherwise the first stop stands. */
void roster_run_stop(struct roster_run *rr, int status, const char *why);
/* An answer whose status is set (it never came, or the login was
 * refused) stops the run with the client's text; true if it did. */
bool roster_run_lost(struct roster_run *rr, const struct http_result *res);
/* A journal record; nothing on a dry run. A failure stops the run and is
 * returned. */
int roster_run_journal(struct roster_run *rr, const char *const *fields, size_t n);

/* The accounts of host, fn called with each user name, before this
 * returns. *served is false for a host the server does not serve.
 * Returns 0, or the status that stopped the run. */
int roster_run_accounts(struct roster_run *rr, const char *host, void (*fn)(const char *user, void *data),
			void *data, bool *served);

/* Close everything; the run's status: status, or else its stop's after a
 * message naming the server. */
int roster_run_close(struct roster_run *rr, int status);

#endif
