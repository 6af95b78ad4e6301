/*
 * db_session.h - one connection to a Microsoft SQL Server database (the
 * Lync / Skype for Business back end or a Front End's rtclocal) through
 * FreeTDS db-lib, for export and delete.
 *
 * Options: --db-server NAME (a freetds.conf entry), or --db-host with
 * --db-port or --db-instance (host\instance); --db-user (a SQL login or
 * DOMAIN\user, which FreeTDS logs in with NTLM); --db-password-file or
 * UCMIG_DB_PASSWORD, never the command line; --db-name (default rtc);
 * --db-encrypt require to insist on TLS, else freetds.conf decides.
 *
 * Every statement goes to the server as sp_executesql with typed
 * parameters (NVARCHAR text, INT numbers): user data is never pasted
 * into SQL text. Deadlock victims (1205) and timeouts are retried with
 * backoff, a bounded number of times, but only while no row of the
 * statement has been handed to the caller. Other server errors are
 * reported with their number and message.
 */
#ifndef UCMIG_DB_SESSION_H
#define UCMIG_DB_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "base/cmdline.h"
#include "base/strbuf.h"

struct db_settings {
	const char *server;         /* freetds.conf name (the last --db-server) */
	const char **servers;       /* every --db-server, for delete; owned */
	size_t nservers, servers_alloc;
	const char *host;
	const char *port;
	const char *instance;
	const char *user;
	const char *password_file;
	bool prompt;                /* --db-password-prompt */
	const char *name;           /* database, default "rtc" */
	bool encrypt_require;
	long timeout;               /* seconds per statement */
};

extern const struct tool_option db_options[];
void db_settings_init(struct db_settings *set);
void db_settings_release(struct db_settings *set);
/* --version's line for FreeTDS (base/versions.h). */
void db_library_versions(struct strbuf *out);
int db_option_handle(int id, const char *arg, void *settings);

struct db_session {
	void *proc;                 /* DBPROCESS */
	char *label;                /* "host:port/db" for messages */
	unsigned retries;           /* transient errors retried, for the summary */
	/* Why the last call failed, for callers that decide by the error: the
	 * server's message number (0 for a client-side failure) and text. */
	int error;
	char error_text[512];
	/* The request being sent or answered (borrowed sql and params). */
	struct {
		const char *sql;
		const struct db_param *params;
		size_t n;
		struct strbuf decl;     /* "@p0 nvarchar(4000),..." */
		bool rpc, pending;
	} request;
};

enum db_param_type { DB_PARAM_INT, DB_PARAM_TEXT };

struct db_param {
	const char *name;           /* "@p0" */
	enum db_param_type type;
	long long number;
	const char *text;           /* UTF-8 */
};

/* n parameters named @<prefix>0, @<prefix>1 ... (the names sql_profile
 * gives $USERS and $IDS); the caller sets each one's type and value and
 * frees the list with db_params_free. */
/* The most list parameters (@u0...) one statement may carry. SQL Server
 * takes the @params declaration of sp_executesql as a non-MAX NVARCHAR,
 * at most 4,000 characters, and refuses the whole RPC beyond (8016):
 * 150 declarations of "@u149 nvarchar(4000)," stay under that, with room.
 * A larger --batch is sent in parts of this size. */
#define DB_MAX_LIST 150
/* FreeTDS sends @stmt as a non-MAX NVARCHAR up to 4,000 characters, and
 * SQL Server refuses such a value over 8,000 bytes (8016). */
#define DB_MAX_STATEMENT 4000

struct db_params {
	struct db_param *p;
	char (*name)[24];
};
void db_params_make(struct db_params *ps, char prefix, size_t n);
void db_params_free(struct db_params *ps);

#define DB_MAX_COLUMNS 16

/* One row as the callback sees it; valid until the callback returns. */
struct db_row {
	int ncols;
	int result_set;             /* 0 for the first result set */
	bool null[DB_MAX_COLUMNS];
	bool is_number[DB_MAX_COLUMNS];
	long long number[DB_MAX_COLUMNS];
	const char *text[DB_MAX_COLUMNS];   /* UTF-8, NUL-terminated; numbers too */
};

/* Return 0 to go on or an exit status to stop. */
typedef int (*db_row_fn)(const struct db_row *row, void *data);

int db_session_open(struct db_session *s, const struct db_settings *set);
void db_session_close(struct db_session *s);
/* Is the connection gone (the server stopped, the network broke)? */
bool db_session_lost(const struct db_session *s);
/* Close and open again, with back-off, for up to DB_RECONNECT_WINDOW_S
 * seconds (a database restarting), or twice --db-timeout if shorter.
 * Returns 0 or the last status. */
#define DB_RECONNECT_WINDOW_S 30
int db_session_reconnect(struct db_session *s, const struct db_settings *set);
/* Run sql with params; rows to fn (may be NULL). *affected, if not NULL,
 * gets the row count of the last statement. Returns 0 or an exit status. */
int db_query(struct db_session *s, const char *sql, const struct db_param *params, size_t n,
	     db_row_fn fn, void *data, long long *affected);
/* Run sql, which holds no value from input, as a plain language batch:
 * what it creates lives as long as the connection (a #table made inside
 * sp_executesql goes when that call ends). Otherwise as db_query. */
int db_batch(struct db_session *s, const char *sql, db_row_fn fn, void *data, long long *affected);

/* Several sessions kept busy from one thread (delete's databases and
 * parallel connections), as db_query in two halves: db_query_send puts
 * the request on the wire and returns; once db_session_fd is readable
 * (poll), db_query_finish reads the answer as db_query would, with the
 * same retries, which block. sql and params are borrowed until
 * db_query_finish returns; one request at a time per session. A failed
 * send has been reported and needs no finish. */
int db_query_send(struct db_session *s, const char *sql, const struct db_param *params, size_t n);
int db_session_fd(const struct db_session *s);
int db_query_finish(struct db_session *s, db_row_fn fn, void *data, long long *affected);

#endif
