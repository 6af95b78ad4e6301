/*
 * topology.c - see topology.h.
 */
#include "topology.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/exitcode.h"
#include "base/msg.h"
#include "base/textin.h"
#include "base/xalloc.h"

void topology_free(struct topology *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->inst[i].name);
	for (size_t i = 0; i < t->nstrings; i++)
		free(t->strings[i]);
	memset(t, 0, sizeof(*t));
}

static const char *keep(struct topology *t, const char *s, size_t len)
{
	char *copy = xstrndup(s, len);

	if (t->nstrings < sizeof(t->strings) / sizeof(t->strings[0]))
		t->strings[t->nstrings++] = copy;
	return copy;
}

int topology_from_options(struct topology *t, const struct db_settings *cmd)
{
	memset(t, 0, sizeof(*t));
	if (cmd->host) {
		struct instance *in = &t->inst[t->n++];
		in->set = *cmd;
		in->set.server = NULL;
		in->name = xstrdup(cmd->host);
		return 0;
	}
	for (size_t i = 0; i < cmd->nservers; i++) {
		struct instance *in = &t->inst[t->n++];
		in->set = *cmd;
		in->set.server = cmd->servers[i];
		in->name = xstrdup(cmd->servers[i]);
	}
	if (!t->n)
		return fail(UCMIG_EX_USAGE, "no database: give --db-server (once per database) or --topology FILE");
	return 0;
}

static int set_key(struct topology *t, struct instance *in, const char *key, const char *value,
		   const char *path, unsigned long line)
{
	struct db_settings *s = &in->set;

	if (!strcmp(key, "server")) s->server = value, s->host = NULL;
	else if (!strcmp(key, "host")) s->host = value, s->server = NULL;
	else if (!strcmp(key, "port")) s->port = value;
	else if (!strcmp(key, "instance")) s->instance = value;
	else if (!strcmp(key, "user")) s->user = value;
	else if (!strcmp(key, "password-file")) s->password_file = value;
	else if (!strcmp(key, "database")) s->name = value;
	else if (!strcmp(key, "encrypt") && !strcmp(value, "require")) s->encrypt_require = true;
	else
		return fail(UCMIG_EX_CONFIG, "%s:%lu: unknown setting '%s'", path, line, key);
	(void)t;
	return 0;
}

int topology_load(struct topology *t, const char *path, const struct db_settings *defaults)
{
	struct textin in;
	const char *line;
	size_t len;
	int rc, status;
	struct instance *cur = NULL;

	memset(t, 0, sizeof(*t));
	if ((status = textin_open(&in, path)))
		return status;
	while (!status && (rc = textin_getline(&in, &line, &len)) > 0) {
		const char *s = line;
		size_t n = len;

		span_trim(&s, &n);
		if (!n || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			if (s[n - 1] != ']' || n < 3) {
				status = fail(UCMIG_EX_CONFIG, "%s:%lu: malformed section header", path, in.lineno);
			} else if (t->n == DB_MAX_SERVERS) {
				status = fail(UCMIG_EX_CONFIG, "%s:%lu: more than %d databases", path, in.lineno,
					      DB_MAX_SERVERS);
			} else {
				cur = &t->inst[t->n++];
				cur->name = xstrndup(s + 1, n - 2);
				cur->set = *defaults;
				cur->set.server = NULL;
				cur->set.nservers = 0;
			}
			continue;
		}
		const char *eq = memchr(s, '=', n);
		if (!cur || !eq) {
			status = fail(UCMIG_EX_CONFIG, "%s:%lu: expected [NAME] or KEY = VALUE", path, in.lineno);
			continue;
		}
		const char *k = s, *v = eq + 1;
		size_t klen = (size_t)(eq - s), vlen = n - klen - 1;
		span_trim(&k, &klen);
		span_trim(&v, &vlen);
		char *key = xstrndup(k, klen);
		status = set_key(t, cur, key, keep(t, v, vlen), path, in.lineno);
		free(key);
	}
	if (rc < 0 && !status)
		status = -rc;
	for (size_t i = 0; !status && i < t->n; i++)
		if (!t->inst[i].set.server && !t->inst[i].set.host)
			status = fail(UCMIG_EX_CONFIG, "%s: [%s] names no server or host", path, t->inst[i].name);
	if (!status && !t->n)
		status = fail(UCMIG_EX_CONFIG, "%s: no [database] sections", path);
	textin_close(&in);
	return status;
}
