/*
 * topology.c - see topology.h.
 */
#include "topology.h"

#include <stdlib.h>
#include <string.h>

#include "base/cmdline.h"
#include "base/exitcode.h"
#include "base/grow.h"
#include "base/ini.h"
#include "base/msg.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

void topology_free(struct topology *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->inst[i].name);
	free(t->inst);
	for (size_t i = 0; i < t->nstrings; i++)
		free(t->strings[i]);
	free(t->strings);
	memset(t, 0, sizeof(*t));
}

static const char *keep(struct topology *t, const char *s)
{
	GROW(t->strings, t->nstrings + 1, t->strings_alloc);
	return t->strings[t->nstrings++] = xstrdup(s);
}

static struct instance *add_instance(struct topology *t, const char *name, unsigned long line,
				     const struct db_settings *defaults)
{
	struct instance *in;

	GROW(t->inst, t->n + 1, t->alloc);
	in = &t->inst[t->n++];
	in->name = xstrdup(name);
	in->line = line;
	in->set = *defaults;
	in->set.servers = NULL;    /* the command line's list stays its own */
	in->set.nservers = 0;
	return in;
}

int topology_from_options(struct topology *t, const struct db_settings *cmd)
{
	memset(t, 0, sizeof(*t));
	if (cmd->host) {
		add_instance(t, cmd->host, 0, cmd)->set.server = NULL;
		return 0;
	}
	for (size_t i = 0; i < cmd->nservers; i++)
		add_instance(t, cmd->servers[i], 0, cmd)->set.server = cmd->servers[i];
	if (!t->n)
		return fail(UCMIG_EX_USAGE, "no database: give --db-server (once per database) or --topology FILE");
	return 0;
}

static bool port_ok(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return end != s && !*end && v >= 1 && v <= 65535;
}

static int set_key(struct topology *t, struct instance *in, const struct ini_item *it)
{
	struct db_settings *s = &in->set;
	const char *value = keep(t, it->value);
	const char *key = it->key;

	if (!strcmp(key, "server")) s->server = value, s->host = NULL;
	else if (!strcmp(key, "host")) s->host = value, s->server = NULL;
	else if (!strcmp(key, "port") && !port_ok(value))
		return fail(UCMIG_EX_CONFIG, "%s:%lu: port '%s' is not a number from 1 to 65535",
			    it->source, it->line, value);
	else if (!strcmp(key, "port")) s->port = value;
	else if (!strcmp(key, "instance")) s->instance = value;
	else if (!strcmp(key, "user")) s->user = value;
	else if (!strcmp(key, "password-file")) s->password_file = value;
	else if (!strcmp(key, "database")) s->name = value;
	else if (!strcmp(key, "encrypt") && !strcmp(value, "require")) s->encrypt_require = true;
	else
		return fail(UCMIG_EX_CONFIG, "%s:%lu: unknown setting '%s'", it->source, it->line, key);
	return 0;
}

static int on_item(const struct ini_item *it, void *data)
{
	void **ctx = data;
	struct topology *t = ctx[0];
	const struct db_settings *defaults = ctx[1];

	if (it->kind == INI_SECTION) {
		add_instance(t, it->section, it->line, defaults)->set.server = NULL;
		return 0;
	}
	return set_key(t, &t->inst[t->n - 1], it);
}

/* What identifies a database on the wire, in lowercase: the freetds.conf
 * name or host, port and instance; and the database name. */
static void database_identity(const struct db_settings *s, struct strbuf *out)
{
	struct strbuf raw = STRBUF_INIT;

	if (s->server)
		strbuf_addf(&raw, "server %s", s->server);
	else
		strbuf_addf(&raw, "host %s:%s\\%s", s->host, s->port ? s->port : "1433",
			    s->instance ? s->instance : "");
	strbuf_addf(&raw, "/%s", s->name ? s->name : "rtc");
	strbuf_reset(out);
	strbuf_addlower(out, raw.buf);
	strbuf_release(&raw);
}

static int check_instances(const struct topology *t, const char *path)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	int status = 0;

	for (size_t i = 0; i < t->n && !status; i++)
		if (!t->inst[i].set.server && !t->inst[i].set.host)
			status = fail(UCMIG_EX_CONFIG, "%s:%lu: [%s] names no server or host", path,
				      t->inst[i].line, t->inst[i].name);
	for (size_t i = 0; i < t->n && !status; i++) {
		database_identity(&t->inst[i].set, &a);
		for (size_t k = 0; k < i && !status; k++) {
			database_identity(&t->inst[k].set, &b);
			if (strcmp(a.buf, b.buf) == 0)
				status = fail(UCMIG_EX_CONFIG, "%s:%lu: [%s] is the same database as [%s] (line %lu)",
					      path, t->inst[i].line, t->inst[i].name, t->inst[k].name,
					      t->inst[k].line);
		}
	}
	strbuf_release(&a);
	strbuf_release(&b);
	return status;
}

int topology_load(struct topology *t, const char *path, const struct db_settings *defaults)
{
	void *ctx[2] = { t, (void *)defaults };
	int status;

	memset(t, 0, sizeof(*t));
	status = ini_load(path, NULL, on_item, ctx);
	if (!status && !t->n)
		status = fail(UCMIG_EX_CONFIG, "%s: no [database] sections", path);
	if (!status)
		status = check_instances(t, path);
	return status;
}
