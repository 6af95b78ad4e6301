/*
 * facts.c - see facts.h.
 */
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/grow.h"
#include "base/json.h"
#include "base/msg.h"
#include "base/xalloc.h"
#include "command.h"
#include "facts.h"

/* A small file into sb; false if it is not there. */
static bool slurp(const char *path, struct strbuf *sb)
{
	char buf[8192];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return false;
	while ((n = read(fd, buf, sizeof(buf))) > 0 && sb->len < (4u << 20))
		strbuf_add(sb, buf, n);
	close(fd);
	return true;
}

static time_t iso_time(const char *s)
{
	struct tm tm = { 0 };

	if (!s || !strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return 0;
	return timegm(&tm);
}

/* One tool's summary.json, if the phase ran it. A summary that does not
 * parse is said in the report, not a reason to make none. */
static void load_run(struct batch_facts *f, const char *path)
{
	struct strbuf text = STRBUF_INIT;
	struct json_value *root = NULL;
	struct tool_run *r;
	size_t at;

	if (!slurp(path, &text))
		return;
	GROW(f->run, f->nruns + 1, f->runs_alloc);
	r = &f->run[f->nruns++];
	*r = (struct tool_run){ .file = xstrdup(path), .exit = -1 };
	r->tool = xstrdup("?");
	r->version = xstrdup("?");
	strbuf_init(&r->command);
	if (json_parse(text.buf, text.len, &root, &at)) {
		strbuf_addstr(&r->command, "(summary.json does not parse)");
		goto out;
	}
	const struct json_value *argv = json_member(root, "argv"), *exit = json_member(root, "exit");
	if (json_string(json_member(root, "tool"))) {
		free(r->tool);
		r->tool = xstrdup(json_string(json_member(root, "tool")));
	}
	if (json_string(json_member(root, "version"))) {
		free(r->version);
		r->version = xstrdup(json_string(json_member(root, "version")));
	}
	r->started = iso_time(json_string(json_member(root, "started")));
	r->ended = iso_time(json_string(json_member(root, "ended")));
	if (exit && json_member(exit, "status"))
		r->exit = (int)json_member(exit, "status")->number;
	strbuf_addf(&r->command, "UCMIG_CONF=%s %s", BATCH_CONF, r->tool);
	for (const struct json_value *a = argv ? argv->child : NULL; a; a = a->next) {
		strbuf_addch(&r->command, ' ');
		shell_quote(json_string(a) ? json_string(a) : "?", &r->command);
	}
out:
	json_free(root);
	strbuf_release(&text);
}

static void count_rejects(struct batch_facts *f, const char *path)
{
	struct strbuf text = STRBUF_INIT;
	unsigned long lines = 0;

	if (slurp(path, &text) && text.len) {
		for (size_t i = 0; i < text.len; i++)
			lines += text.buf[i] == '\n';
		strbuf_addf(&f->rejects, "%s: %lu line%s\n", path, lines, lines == 1 ? "" : "s");
	}
	strbuf_release(&text);
}

int facts_load(struct batch_facts *f, const struct batch *b)
{
	static const char *const summaries[] = { "map-report.json", "summary.json" };
	static const char *const rejects[] = { "rejects.txt", "rejects.csv", "missing.csv" };
	struct strbuf path = STRBUF_INIT;
	struct passwd *pw = getpwuid(getuid());
	char host[64] = "";
	int status;

	memset(f, 0, sizeof(*f));
	f->b = b;
	strbuf_init(&f->plan);
	strbuf_init(&f->rejects);
	f->generated = time(NULL);
	gethostname(host, sizeof(host) - 1);
	snprintf(f->who, sizeof(f->who), "%s@%s", pw ? pw->pw_name : "?", host);
	if ((status = state_load(&f->state, false)) || (status = standing_load(&f->standing, b)))
		goto out;
	for (int p = 0; p < PHASE_COUNT; p++) {
		for (size_t i = 0; i < sizeof(summaries) / sizeof(summaries[0]); i++) {
			phase_path(b, p, summaries[i], &path);
			load_run(f, path.buf);
		}
		for (size_t i = 0; i < sizeof(rejects) / sizeof(rejects[0]); i++) {
			phase_path(b, p, rejects[i], &path);
			count_rejects(f, path.buf);
		}
	}
	slurp("00-plan/plan.txt", &f->plan);
	for (size_t i = 0; i < f->standing.n; i++) {
		enum user_place pl = f->standing.user[i].place;
		pl == USER_THROUGH ? f->through++ : pl == USER_STOPPED ? f->stopped++ : f->pending++;
	}
out:
	strbuf_release(&path);
	return status;
}

const char *facts_verdict(const struct batch_facts *f)
{
	for (int p = 0; p < PHASE_COUNT; p++)
		if (f->state.phase[p].status == ST_FAILED)
			return "failed";
	if (f->pending)
		return "in progress";
	return f->stopped ? "done, some users stopped" : "done";
}

void facts_release(struct batch_facts *f)
{
	for (size_t i = 0; i < f->nruns; i++) {
		free(f->run[i].file);
		free(f->run[i].tool);
		free(f->run[i].version);
		strbuf_release(&f->run[i].command);
	}
	free(f->run);
	strbuf_release(&f->plan);
	strbuf_release(&f->rejects);
	standing_release(&f->standing);
	state_release(&f->state);
}
