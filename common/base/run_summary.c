/*
 * run_summary.c - see run_summary.h.
 */
#include "base/run_summary.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/json.h"
#include "base/msg.h"
#include "base/outfile.h"
#include "base/strbuf.h"

#ifndef UCMIG_VERSION
#define UCMIG_VERSION "unknown"
#endif

static const char magic[] = "{\"ucmig-summary\":";

void run_summary_redact(const char *arg, struct strbuf *out)
{
	const char *scheme = strstr(arg, "://"), *host, *at;

	strbuf_reset(out);
	if (!scheme) {
		strbuf_addstr(out, arg);
		return;
	}
	host = scheme + 3;
	at = memchr(host, '@', strcspn(host, "/?#"));
	if (!at) {
		strbuf_addstr(out, arg);
		return;
	}
	strbuf_add(out, arg, (size_t)(host - arg));
	strbuf_addstr(out, "***");
	strbuf_addstr(out, at);
}

static void add_time(struct strbuf *j, const char *key, time_t t)
{
	char buf[32];
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	strbuf_addf(j, ",\n  \"%s\": \"%s\"", key, buf);
}

static void add_path(struct strbuf *j, const char *key, const char *path)
{
	strbuf_addf(j, ",\n  \"%s\": ", key);
	if (path)
		json_add_string(j, path);
	else
		strbuf_addstr(j, "null");
}

static void build(const struct run_summary *s, struct strbuf *j)
{
	struct strbuf arg = STRBUF_INIT;
	const char *sep = "";

	strbuf_addf(j, "%s 1,\n  \"tool\": ", magic);
	json_add_string(j, s->tool);
	strbuf_addstr(j, ",\n  \"version\": ");
	json_add_string(j, UCMIG_VERSION);
	strbuf_addstr(j, ",\n  \"argv\": [");
	for (int i = 0; i < s->argc; i++) {
		run_summary_redact(s->argv[i], &arg);
		strbuf_addstr(j, i ? ", " : "");
		json_add_string(j, arg.buf);
	}
	strbuf_addstr(j, "]");
	add_time(j, "started", s->started);
	add_time(j, "ended", s->ended);
	strbuf_addf(j, ",\n  \"exit\": { \"status\": %d, \"meaning\": ", s->status);
	json_add_string(j, exit_meaning(s->status));
	strbuf_addstr(j, " },\n  \"results\": {");
	for (size_t k = 0; k < s->nkinds; k++) {
		if (!s->counts[k])
			continue;
		strbuf_addf(j, "%s ", sep);
		json_add_string(j, s->tokens[k]);
		strbuf_addf(j, ": %lu", s->counts[k]);
		sep = ",";
	}
	strbuf_addstr(j, " },\n  \"summary\": ");
	json_add_string(j, s->summary);
	add_path(j, "journal", s->journal);
	add_path(j, "report", s->report);
	strbuf_addstr(j, ",\n  \"outputs\": [");
	sep = "";
	for (size_t i = 0; s->files && i < s->files->n; i++) {
		const struct file_role *r = &s->files->role[i];
		if (!r->output || !r->path || strcmp(r->what, "--summary") == 0)
			continue;
		strbuf_addf(j, "%s\n    { \"what\": ", sep);
		json_add_string(j, r->what);
		strbuf_addstr(j, ", \"path\": ");
		json_add_string(j, r->path);
		strbuf_addstr(j, " }");
		sep = ",";
	}
	strbuf_addstr(j, *sep ? "\n  ]\n}\n" : "]\n}\n");
	strbuf_release(&arg);
}

/* May s->path be written: absent, or an earlier summary? */
static int replaceable(const char *path)
{
	char head[sizeof(magic) - 1];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	ssize_t n;

	if (fd < 0)
		return 0;               /* nothing there (or unreadable: outfile_open says) */
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n == (ssize_t)sizeof(head) && memcmp(head, magic, sizeof(head)) == 0)
		return 0;
	return fail(UCMIG_EX_CANTCREAT, "--summary %s: the file is there and is no ucmig summary; "
		    "not replaced", path);
}

int run_summary_write(const struct run_summary *s)
{
	struct outfile out = { 0 };
	struct strbuf j = STRBUF_INIT;
	int status;

	if (strcmp(s->path, "-") != 0 && (status = replaceable(s->path)))
		return status;
	build(s, &j);
	if (!(status = outfile_open(&out, s->path))) {
		fwrite(j.buf, 1, j.len, out.fp);
		status = outfile_commit(&out);
	}
	strbuf_release(&j);
	return status;
}
