/*
 * roster_run.c - see roster_run.h.
 */
#include "http/roster_run.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/json.h"
#include "base/msg.h"
#include "base/secret.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "http/roster_api.h"

static int sync_journal(void *data)
{
	struct roster_run *rr = data;

	return rr->journal_open ? journal_sync(&rr->journal) : 0;
}

int roster_run_open(struct roster_run *rr, const char *url, const struct http_settings *http,
		    bool dry_run)
{
	int status;

	memset(rr, 0, sizeof(*rr));
	rr->url = url;
	rr->dry_run = dry_run;
	if ((status = http_settings_check(http, url)) ||
	    (status = http_password(http, &rr->password)) ||
	    (status = http_client_open(&rr->http, url, http, rr->password)))
		return status;
	rr->http.before_send = sync_journal;
	rr->http.before_send_data = rr;
	rr->http.transient_answer = roster_api_transient;
	return 0;
}

/* The journal's records on their way to the tool's reader: the "server"
 * record is the engine's, and must name this run's server. */
struct replay_filter {
	const struct roster_run *rr;
	const char *path;
	journal_replay_fn fn;
	void *data;
	bool server_seen;
};

/* One server, however its URL ends: "http://h:5280/api" and ".../api/". */
static bool same_server(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	while (na && a[na - 1] == '/')
		na--;
	while (nb && b[nb - 1] == '/')
		nb--;
	return na == nb && strncasecmp(a, b, na) == 0;
}

static int filter_record(char **fields, size_t n, unsigned long line, void *data)
{
	struct replay_filter *f = data;

	if (n == 2 && strcmp(fields[0], "server") == 0) {
		if (!same_server(fields[1], f->rr->url))
			return fail(UCMIG_EX_DATAERR, "%s:%lu: the journal of a run against %s, not %s: "
				    "give this server its own --journal", f->path, line, fields[1], f->rr->url);
		f->server_seen = true;
		return 0;
	}
	return f->fn(fields, n, line, f->data);
}

int roster_run_open_journal(struct roster_run *rr, const char *tool, const char *path,
			    journal_replay_fn replay, void *data)
{
	struct replay_filter f = { rr, path, replay, data, false };
	const char *server[] = { "server", rr->url };
	int status;

	/* A dry run reads what an earlier run did, and leaves no file. */
	if (rr->dry_run)
		return access(path, F_OK) == 0 ? journal_replay(path, tool, filter_record, &f) : 0;
	if ((status = journal_open(&rr->journal, path, tool, filter_record, &f)))
		return status;
	rr->journal_open = true;
	/* What a journal says is done was done on one server: it says which,
	 * so that it never makes another server look done. */
	return f.server_seen ? 0 : roster_run_journal(rr, server, 2);
}

void roster_run_stop(struct roster_run *rr, int status, const char *why)
{
	if (rr->stop && !(status == UCMIG_EX_NOPERM && rr->stop != UCMIG_EX_NOPERM))
		return;
	rr->stop = status;
	free(rr->stop_why);
	rr->stop_why = xstrdup(why ? why : "the server stopped answering");
}

bool roster_run_lost(struct roster_run *rr, const struct http_result *res)
{
	if (!res->status)
		return false;
	roster_run_stop(rr, res->status, res->error);
	return true;
}

int roster_run_journal(struct roster_run *rr, const char *const *fields, size_t n)
{
	int status;

	if (!rr->journal_open)
		return 0;
	if (rr->journal_failed)          /* said once; the run is stopping */
		return rr->journal_failed;
	if ((status = journal_write(&rr->journal, fields, n))) {
		rr->journal_failed = status;
		roster_run_stop(rr, status, "the journal cannot be written");
	}
	return status;
}

/* registered_users' answer, kept for roster_run_accounts to read once
 * the client is idle (a callback must not wait on the client). */
struct accounts_answer {
	struct roster_run *rr;
	bool arrived, lost;
	long code;
	struct strbuf body;
};

static void on_accounts(const struct http_result *res, void *data)
{
	struct accounts_answer *a = data;

	a->arrived = true;
	a->code = res->code;
	if (roster_run_lost(a->rr, res))
		a->lost = true;
	else
		strbuf_add(&a->body, res->body, res->len);
}

/* An answer that is not a list of accounts: nothing is decided on it. */
static int stop_on_answer(struct roster_run *rr, const char *host, const char *problem)
{
	roster_run_stop(rr, UCMIG_EX_UNAVAILABLE, problem);
	return fail(UCMIG_EX_UNAVAILABLE, "%s: registered_users for %s: %s; no account there could be checked",
		    rr->url, host, problem);
}

int roster_run_accounts(struct roster_run *rr, const char *host, void (*fn)(const char *user, void *data),
			void *data, bool *served)
{
	struct accounts_answer a = { .rr = rr, .body = STRBUF_INIT };
	struct http_result as_result;
	struct strbuf body = STRBUF_INIT, why = STRBUF_INIT;
	struct json_value *users = NULL;
	const char *problem;
	int status;

	*served = true;
	roster_api_user_body(&body, NULL, host);
	http_client_post(&rr->http, "registered_users", body.buf, on_accounts, &a);
	strbuf_release(&body);
	if ((status = http_client_wait(&rr->http, 0)))
		goto out;
	if (a.lost || !a.arrived) {
		/* The first answer: the server or the login does not work at all. */
		status = fail(rr->stop ? rr->stop : UCMIG_EX_UNAVAILABLE, "%s",
			      rr->stop_why ? rr->stop_why : "registered_users: no answer");
		goto out;
	}
	as_result = (struct http_result){ .code = a.code, .body = a.body.buf ? a.body.buf : "", .len = a.body.len };
	problem = roster_api_problem(&as_result, false, &why);
	if (problem && a.code == 400 && a.body.buf && strstr(a.body.buf, "Unknown virtual host")) {
		*served = false;
	} else if (problem) {
		status = stop_on_answer(rr, host, problem);
	} else if (json_parse(a.body.buf, a.body.len, &users, NULL) || users->type != JSON_ARRAY) {
		status = stop_on_answer(rr, host, "an answer that is not a list of users");
	} else {
		for (const struct json_value *u = users->child; u; u = u->next)
			if (json_string(u))
				fn(u->string, data);
	}
out:
	json_free(users);
	strbuf_release(&a.body);
	strbuf_release(&why);
	return status;
}

/* What to do before running again, by what stopped the run: the same
 * command finishes the work only once its cause is gone. */
static const char *before_again(int stop)
{
	switch (stop) {
	case UCMIG_EX_IOERR: return "free space where the journal is (or give --journal elsewhere), then ";
	case UCMIG_EX_NOPERM: return "check the server's login, then ";
	default: return "";
	}
}

int roster_run_close(struct roster_run *rr, int status)
{
	if (status && !rr->stop)
		rr->stop = status;            /* nothing more is sent */
	if (!status && rr->stop)
		status = fail(rr->stop, "%s: stopped: %s; %srun the same command again to finish", rr->url,
			      rr->stop_why ? rr->stop_why : "the server stopped answering", before_again(rr->stop));
	if (rr->http.multi)
		http_client_close(&rr->http);
	if (rr->journal_open)
		status = ucmig_exit_worst(status, journal_close(&rr->journal));
	if (rr->password)
		secret_free(rr->password);
	free(rr->stop_why);
	rr->password = rr->stop_why = NULL;
	return status;
}
