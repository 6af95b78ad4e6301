/*
 * db_session.c - see db_session.h.
 *
 * db-lib reports errors through two process-wide callbacks; they record
 * the latest client error and server message in `last`, which the
 * function that made the call then turns into one message and an exit
 * status. The tools are single-threaded, so one record serves.
 */
#include "mssql/db_session.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sybdb.h>
#include <sybfront.h>
#include <time.h>

#include "base/backoff.h"
#include "base/exitcode.h"
#include "base/interrupt.h"
#include "base/grow.h"
#include "base/msg.h"
#include "base/secret.h"
#include "base/xalloc.h"

/* FreeTDS's TDS type for NVARCHAR parameters: db-lib maps SYBVARCHAR to
 * varchar, which sp_executesql refuses (error 214). */
#define TDS_NVARCHAR 231

enum { DB_RETRIES = 6, DB_LOGIN_TIMEOUT = 30 };
/* Deadlock victims and timeouts: 100 ms, doubling up to 1.6 s. */
static const struct backoff db_retry_backoff = { .first_ms = 100, .max_ms = 1600 };
enum {
	SQL_DEADLOCK_VICTIM = 1205, SQL_LOGIN_FAILED = 18456, SQL_PERMISSION_DENIED = 229,
	SQL_CANNOT_OPEN_DATABASE = 4060,
	/* A Windows login the domain refused (an untrusted domain, NTLMv1 where
	 * only NTLMv2 is allowed), or a SQL login on a server that takes
	 * Windows logins only ("not associated with a trusted SQL Server
	 * connection"). */
	SQL_UNTRUSTED_LOGIN = 18452,
};

enum { DB_OPT_SERVER = 1, DB_OPT_PORT, DB_OPT_ENCRYPT };

#define D struct db_settings
const struct tool_option db_options[] = {
	OPT_CALLBACK("db-server", 0, "NAME", "SQL Server as named in freetds.conf", DB_OPT_SERVER),
	OPT_STRING("db-host", 0, "HOST", "SQL Server host (instead of --db-server)", D, host),
	OPT_CALLBACK("db-port", 0, "PORT", "TCP port with --db-host (default 1433)", DB_OPT_PORT),
	OPT_STRING("db-instance", 0, "NAME", "named instance with --db-host (rtc, rtclocal)", D, instance),
	OPT_STRING("db-user", 0, "USER", "SQL login, or DOMAIN\\user for Windows (NTLM)", D, user),
	OPT_FILE("db-password-file", 0, "FILE", "read the database password from FILE", D, password_file),
	OPT_FLAG("db-password-prompt", 0, "ask for the database password on the terminal", D, prompt),
	OPT_STRING("db-name", 0, "NAME", "database (default rtc)", D, name),
	OPT_CALLBACK("db-encrypt", 0, "require", "insist on TLS to the server", DB_OPT_ENCRYPT),
	OPT_NUMBER("db-timeout", 0, "SECONDS", "per statement (default 300)", D, timeout, 1, 86400),
	OPT_END,
};
#undef D

/* What FreeTDS's error and message handlers saw during the last call.
 * The handlers are process-wide and also run before a DBPROCESS exists
 * (at login), so this is one record, cleared before each call and read
 * right after it; it serves one connection in use at a time. Sessions
 * pipelined from one thread (db_query_send) are read one at a time, and
 * db_query_finish clears it before reading. Functions report from it and
 * return a status: nobody outside this file looks at it. */
static struct {
	int dberr;            /* client error code, 0 if none */
	char client[256];
	int msgno;            /* server message number, 0 if none */
	int severity;
	char server[512];
} last;

void db_settings_init(struct db_settings *set)
{
	memset(set, 0, sizeof(*set));
	set->name = "rtc";
	set->timeout = 300;
}

void db_settings_release(struct db_settings *set)
{
	free(set->servers);
	set->servers = NULL;
	set->nservers = set->servers_alloc = 0;
}

int db_option_handle(int id, const char *arg, void *settings)
{
	struct db_settings *set = settings;
	long v;
	int status;

	switch (id) {
	case DB_OPT_SERVER:
		GROW(set->servers, set->nservers + 1, set->servers_alloc);
		set->servers[set->nservers++] = set->server = arg;
		return 0;
	case DB_OPT_PORT:
		if ((status = cmdline_number("db-port", arg, 1, 65535, &v)))
			return status;
		set->port = arg;
		return 0;
	case DB_OPT_ENCRYPT:
		if (strcmp(arg, "require") != 0)
			return fail(UCMIG_EX_USAGE, "--db-encrypt takes 'require' (otherwise freetds.conf decides)");
		set->encrypt_require = true;
		return 0;
	}
	return fail(UCMIG_EX_SOFTWARE, "SQL option %d not handled", id);
}

static int on_error(DBPROCESS *proc, int severity, int dberr, int oserr, char *text, char *ostext)
{
	(void)proc;
	(void)severity;
	(void)oserr;
	(void)ostext;
	last.dberr = dberr;
	snprintf(last.client, sizeof(last.client), "%s", text ? text : "");
	/* Give up on the call (a timeout too): the caller decides on retries. */
	return INT_CANCEL;
}

static int on_message(DBPROCESS *proc, DBINT msgno, int state, int severity, char *text,
		      char *server, char *procname, int line)
{
	(void)proc;
	(void)state;
	(void)server;
	(void)procname;
	(void)line;
	if (severity <= 10)
		return 0;     /* informational: "changed database context" and such */
	if (last.msgno == SQL_CANNOT_OPEN_DATABASE)
		return 0;     /* the reason; the 18456 that follows says only "login failed" */
	last.msgno = msgno;
	last.severity = severity;
	snprintf(last.server, sizeof(last.server), "%s", text ? text : "");
	return 0;
}

static void clear_last(void)
{
	memset(&last, 0, sizeof(last));
}

static bool last_is_transient(void)
{
	return last.msgno == SQL_DEADLOCK_VICTIM || last.dberr == SYBETIME;
}

/* Errors that say the SQL does not fit this database: a profile to
 * correct (78), not a server that is away. */
static bool sql_does_not_fit(int msgno)
{
	static const int numbers[] = {
		102,   /* incorrect syntax */
		137,   /* must declare the scalar variable */
		156,   /* incorrect syntax near a keyword */
		207,   /* invalid column name */
		208,   /* invalid object name */
		2812,  /* could not find stored procedure */
		8144,  /* too many arguments */
		8178,  /* a declared parameter not supplied */
	};

	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		if (msgno == numbers[i])
			return true;
	return false;
}

/* The message for the recorded error, and the exit status it means. */
static int report_last(struct db_session *s, const char *what)
{
	s->error = last.msgno;
	snprintf(s->error_text, sizeof(s->error_text), "%s", last.msgno ? last.server : last.client);
	if (last.msgno == SQL_CANNOT_OPEN_DATABASE)
		return fail(UCMIG_EX_CONFIG, "%s: %s: %s (%d)", s->label, what, last.server, last.msgno);
	if (last.msgno == SQL_LOGIN_FAILED || last.msgno == SQL_UNTRUSTED_LOGIN)
		return fail(UCMIG_EX_NOPERM, "%s: %s: login rejected: %s (%d)", s->label, what,
			    last.server, last.msgno);
	if (last.msgno == SQL_PERMISSION_DENIED)
		return fail(UCMIG_EX_NOPERM, "%s: %s: %s (%d)", s->label, what, last.server, last.msgno);
	if (sql_does_not_fit(last.msgno))
		return fail(UCMIG_EX_CONFIG, "%s: %s: the server refused the SQL: error %d: %s", s->label,
			    what, last.msgno, last.server);
	if (last.msgno)
		return fail(UCMIG_EX_UNAVAILABLE, "%s: %s: server error %d: %s", s->label, what,
			    last.msgno, last.server);
	if (last.dberr)
		return fail(UCMIG_EX_UNAVAILABLE, "%s: %s: %s (FreeTDS %d)", s->label, what,
			    last.client, last.dberr);
	return fail(UCMIG_EX_UNAVAILABLE, "%s: %s failed", s->label, what);
}

static int get_password(const struct db_settings *set, char **out)
{
	const struct secret_source src = {
		.needed_by = "--db-user", .file = set->password_file,
		.file_option = "--db-password-file", .prompt = set->prompt,
		.prompt_option = "--db-password-prompt", .prompt_text = "Database password: ",
		.env = "UCMIG_DB_PASSWORD",
	};

	*out = NULL;
	if (!set->user)
		return fail(UCMIG_EX_USAGE, "--db-user is needed");
	return secret_get(&src, out);
}

static int note_encrypt_option(const struct db_row *row, void *data)
{
	*(bool *)data = row->ncols >= 1 && !row->null[0] && strcmp(row->text[0], "TRUE") == 0;
	return 0;
}

/* --db-encrypt require: the server itself must say the connection is
 * encrypted. FreeTDS 1.3 logged in unencrypted to a server that offers no
 * TLS although the login asked for it, so the flag alone is not trusted. */
static int check_encrypted(struct db_session *s)
{
	bool encrypted = false;
	int status = db_query(s, "SELECT CONNECTIONPROPERTY('encrypt_option')", NULL, 0,
			      note_encrypt_option, &encrypted, NULL);

	if (!status && !encrypted)
		status = fail(UCMIG_EX_UNAVAILABLE,
			      "%s: the connection is not encrypted and --db-encrypt require was given",
			      s->label);
	if (status) {
		dbclose(s->proc);
		s->proc = NULL;
	}
	return status;
}

int db_session_open(struct db_session *s, const struct db_settings *set)
{
	static bool initialised;
	struct strbuf where = STRBUF_INIT;
	LOGINREC *login;
	char *password = NULL;
	int status;

	memset(s, 0, sizeof(*s));
	strbuf_init(&s->request.decl);
	if (!set->server && !set->host)
		return fail(UCMIG_EX_USAGE, "no database: give --db-server NAME or --db-host HOST");
	if (set->server && set->host)
		return fail(UCMIG_EX_USAGE, "--db-server and --db-host exclude each other");
	if ((status = get_password(set, &password)))
		return status;
	if (!initialised) {
		if (dbinit() == FAIL) {
			secret_free(password);
			return fail(UCMIG_EX_SOFTWARE, "cannot initialise FreeTDS");
		}
		dberrhandle(on_error);
		dbmsghandle(on_message);
		initialised = true;
	}
	if (set->server)
		strbuf_addstr(&where, set->server);
	else if (set->instance)
		strbuf_addf(&where, "%s\\%s", set->host, set->instance);
	else
		strbuf_addf(&where, "%s:%s", set->host, set->port ? set->port : "1433");
	s->label = xstrdup(where.buf);
	login = dblogin();
	DBSETLUSER(login, set->user);
	DBSETLPWD(login, password);
	DBSETLAPP(login, "ucmig");
	DBSETLCHARSET(login, "UTF-8");
	DBSETLDBNAME(login, set->name);
	if (!set->server)
		DBSETLVERSION(login, DBVERSION_74);   /* no freetds.conf entry to say so */
	if (set->encrypt_require)
		DBSETLENCRYPT(login, TRUE);
	/* The login is bounded too: 30 s, or --db-timeout when shorter, so a
	 * server that accepts and never answers ends in 69, not a long wait. */
	dbsetlogintime(set->timeout < DB_LOGIN_TIMEOUT ? set->timeout : DB_LOGIN_TIMEOUT);
	dbsettime(set->timeout);
	clear_last();
	s->proc = dbopen(login, where.buf);
	dbloginfree(login);         /* also clears the copy of the password */
	secret_free(password);
	strbuf_release(&where);
	if (!s->proc)
		return report_last(s, "cannot log in");
	if (set->encrypt_require)
		return check_encrypted(s);
	return 0;
}

bool db_session_lost(const struct db_session *s)
{
	return !s->proc || dbdead(s->proc);
}

int db_session_reconnect(struct db_session *s, const struct db_settings *set)
{
	static const struct backoff wait = { .first_ms = 200, .max_ms = 2000 };
	struct timespec start, now;
	unsigned retries = s->retries;
	long window = 2L * set->timeout < DB_RECONNECT_WINDOW_S ? 2L * set->timeout : DB_RECONNECT_WINDOW_S;
	int status;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (unsigned attempt = 0;; attempt++) {
		db_session_close(s);
		backoff_sleep(&wait, attempt);
		msg_set_muted(true);       /* one message at the end, not one per try */
		status = db_session_open(s, set);
		msg_set_muted(false);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (!status || interrupt_requested() || now.tv_sec - start.tv_sec >= window)
			break;
	}
	s->retries = retries;
	if (!status)
		warn("%s: connection lost and re-established", s->label);
	else
		status = fail(status, "%s: connection lost; no answer for %ld s: giving up on this database",
			      s->label ? s->label : "database", window);
	return status;
}

void db_session_close(struct db_session *s)
{
	if (s->proc)
		dbclose(s->proc);
	free(s->label);
	strbuf_release(&s->request.decl);
	memset(s, 0, sizeof(*s));
	strbuf_init(&s->request.decl);
}

void db_params_make(struct db_params *ps, char prefix, size_t n)
{
	ps->p = xcalloc(n ? n : 1, sizeof(*ps->p));
	ps->name = xcalloc(n ? n : 1, sizeof(*ps->name));
	for (size_t i = 0; i < n; i++) {
		snprintf(ps->name[i], sizeof(ps->name[i]), "@%c%zu", prefix, i);
		ps->p[i].name = ps->name[i];
	}
}

void db_params_free(struct db_params *ps)
{
	free(ps->p);
	free(ps->name);
}

/* "@p0 nvarchar(4000),@p1 bigint" */
static void declare_params(const struct db_param *p, size_t n, struct strbuf *out)
{
	for (size_t i = 0; i < n; i++)
		strbuf_addf(out, "%s%s %s", i ? "," : "", p[i].name,
			    p[i].type == DB_PARAM_INT ? "bigint" : "nvarchar(4000)");
}

static int send_rpc(DBPROCESS *proc, const char *sql, const struct db_param *p, size_t n,
		    const struct strbuf *decl)
{
	if (dbrpcinit(proc, "sp_executesql", 0) == FAIL ||
	    dbrpcparam(proc, "@stmt", 0, TDS_NVARCHAR, -1, (DBINT)strlen(sql), (BYTE *)sql) == FAIL)
		return FAIL;
	if (n) {
		if (dbrpcparam(proc, "@params", 0, TDS_NVARCHAR, -1, (DBINT)decl->len,
			       (BYTE *)decl->buf) == FAIL)
			return FAIL;
	}
	for (size_t i = 0; i < n; i++) {
		RETCODE rc;
		/* db-lib keeps the pointer and reads the value at dbrpcsend: it
		 * must point into the caller's array, which outlives the call. */
		if (p[i].type == DB_PARAM_INT) {
			_Static_assert(sizeof(p[i].number) == sizeof(DBBIGINT), "BIGINT is 8 bytes");
			rc = dbrpcparam(proc, (char *)p[i].name, 0, SYBINT8, -1, sizeof(DBBIGINT),
					(BYTE *)&p[i].number);
		} else {
			rc = dbrpcparam(proc, (char *)p[i].name, 0, TDS_NVARCHAR, -1,
					(DBINT)strlen(p[i].text), (BYTE *)p[i].text);
		}
		if (rc == FAIL)
			return FAIL;
	}
	return dbrpcsend(proc);
}

static long long column_number(DBPROCESS *proc, int c, int type, const BYTE *data)
{
	(void)proc;
	switch (type) {
	case SYBINT1: return *(const DBTINYINT *)data;
	case SYBINT2: { DBSMALLINT v; memcpy(&v, data, sizeof(v)); return v; }
	case SYBINT4: { DBINT v; memcpy(&v, data, sizeof(v)); return v; }
	case SYBINT8: { DBBIGINT v; memcpy(&v, data, sizeof(v)); return v; }
	}
	(void)c;
	return 0;
}

/* Read every result set; rows to fn; *rows counts them. Returns 0 or the
 * callback's status; *failed is set when FreeTDS failed the statement
 * (its handlers recorded why in `last`). */
static int read_results(struct db_session *s, db_row_fn fn, void *data, long long *affected,
			unsigned long long *rows, bool *failed)
{
	DBPROCESS *proc = s->proc;
	struct strbuf col[DB_MAX_COLUMNS];
	struct db_row row;
	RETCODE rc;
	int set = -1, status = 0;

	for (int c = 0; c < DB_MAX_COLUMNS; c++)
		strbuf_init(&col[c]);
	while (!status && (rc = dbresults(proc)) != NO_MORE_RESULTS) {
		if (rc == FAIL) {
			*failed = true;
			break;
		}
		if (DBCOUNT(proc) >= 0 && affected)
			*affected = DBCOUNT(proc);
		int ncols = dbnumcols(proc);
		if (ncols <= 0)
			continue;
		set++;
		if (ncols > DB_MAX_COLUMNS) {
			status = fail(UCMIG_EX_SOFTWARE, "%s: a result with %d columns (at most %d)",
				      s->label, ncols, DB_MAX_COLUMNS);
			break;
		}
		while (!status && (rc = dbnextrow(proc)) != NO_MORE_ROWS) {
			if (rc == FAIL) {
				*failed = true;
				break;
			}
			row.ncols = ncols;
			row.result_set = set;
			for (int c = 0; c < ncols; c++) {
				int type = dbcoltype(proc, c + 1);
				BYTE *p = dbdata(proc, c + 1);
				DBINT len = dbdatlen(proc, c + 1);

				strbuf_reset(&col[c]);
				row.null[c] = p == NULL;
				row.is_number[c] = type == SYBINT1 || type == SYBINT2 || type == SYBINT4 ||
						   type == SYBINT8;
				row.number[c] = 0;
				if (p && row.is_number[c]) {
					row.number[c] = column_number(proc, c, type, p);
					strbuf_addf(&col[c], "%lld", row.number[c]);
				} else if (p) {
					strbuf_add(&col[c], p, (size_t)len);
				}
				row.text[c] = col[c].buf;
			}
			(*rows)++;
			if (fn)
				status = fn(&row, data);
		}
	}
	if (status)
		dbcancel(proc);
	for (int c = 0; c < DB_MAX_COLUMNS; c++)
		strbuf_release(&col[c]);
	return status;
}

/* Put the session's request on the wire; the answer is read later. */
static RETCODE send_request(struct db_session *s)
{
	clear_last();
	if (s->request.rpc)
		return send_rpc(s->proc, s->request.sql, s->request.params, s->request.n,
				&s->request.decl);
	return dbcmd(s->proc, s->request.sql) == FAIL ? FAIL : dbsqlsend(s->proc);
}

/* Read the answer to the request just sent (sent: how the send went),
 * retrying what is transient while no row has been handed on. */
static int receive_answer(struct db_session *s, RETCODE sent, db_row_fn fn, void *data,
			  long long *affected)
{
	int status = 0;

	for (unsigned attempt = 0;; attempt++) {
		unsigned long long rows = 0;
		bool failed = false;

		if (sent == FAIL || dbsqlok(s->proc) == FAIL)
			failed = true;
		else
			status = read_results(s, fn, data, affected, &rows, &failed);
		if (last.msgno)
			failed = true;   /* an error inside an otherwise complete answer */
		if (status || !failed)
			return status;
		dbcancel(s->proc);
		if (last_is_transient() && rows == 0 && attempt < DB_RETRIES) {
			s->retries++;
			warn("%s: %s; retrying", s->label,
			     last.msgno == SQL_DEADLOCK_VICTIM ? "chosen as deadlock victim" : "timed out");
			backoff_sleep(&db_retry_backoff, attempt);
			sent = send_request(s);
			continue;
		}
		return report_last(s, "query failed");
	}
}

/* The request: sql with its parameters through sp_executesql (rpc), or
 * as a plain language batch. Never what SQL Server refuses (see
 * DB_MAX_LIST): a caller over its limits is a bug, not a server error. */
static int set_request(struct db_session *s, const char *sql, const struct db_param *params,
		       size_t n, bool rpc)
{
	s->request.sql = sql;
	s->request.params = params;
	s->request.n = n;
	s->request.rpc = rpc;
	strbuf_reset(&s->request.decl);
	if (!rpc)
		return 0;
	declare_params(params, n, &s->request.decl);
	if (s->request.decl.len > 4000 || n > 2100 || strlen(sql) > DB_MAX_STATEMENT)
		return fail(UCMIG_EX_SOFTWARE, "%s: internal error: %zu parameters declared in %zu characters, "
			    "statement of %zu", s->label, n, s->request.decl.len, strlen(sql));
	return 0;
}

int db_query(struct db_session *s, const char *sql, const struct db_param *params, size_t n,
	     db_row_fn fn, void *data, long long *affected)
{
	int status = set_request(s, sql, params, n, true);

	return status ? status : receive_answer(s, send_request(s), fn, data, affected);
}

int db_batch(struct db_session *s, const char *sql, db_row_fn fn, void *data, long long *affected)
{
	int status = set_request(s, sql, NULL, 0, false);

	return status ? status : receive_answer(s, send_request(s), fn, data, affected);
}

int db_query_send(struct db_session *s, const char *sql, const struct db_param *params, size_t n)
{
	int status = set_request(s, sql, params, n, true);

	if (status)
		return status;
	if (send_request(s) == FAIL) {
		dbcancel(s->proc);
		return report_last(s, "query failed");
	}
	s->request.pending = true;
	return 0;
}

int db_session_fd(const struct db_session *s)
{
	return s->proc ? dbiordesc(s->proc) : -1;
}

int db_query_finish(struct db_session *s, db_row_fn fn, void *data, long long *affected)
{
	if (!s->request.pending)
		return fail(UCMIG_EX_SOFTWARE, "%s: internal error: no query sent", s->label);
	s->request.pending = false;
	/* Another session's calls may have come in between: what the handlers
	 * record from here on is this session's answer. */
	clear_last();
	return receive_answer(s, SUCCEED, fn, data, affected);
}
