/*
 * config.c - see config.h.
 */
#include "base/config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/exitcode.h"
#include "base/ini.h"
#include "base/msg.h"
#include "base/strbuf.h"
#include "base/strset.h"

struct reading {
	const char *tool;
	config_fn fn;             /* NULL: the first pass, collecting own_keys */
	void *data;
	int section;              /* 0 other, 1 [ucmig], 2 [TOOL] */
	struct strset own_keys;   /* the names [TOOL] sets */
};

static int on_item(const struct ini_item *it, void *data)
{
	struct reading *r = data;

	if (it->kind == INI_SECTION) {
		/* Section names are read without case, as Windows' INI files are:
		 * [UCMIG-IMPORT] was skipped without a word. */
		r->section = strcasecmp(it->section, "ucmig") == 0 ? 1 : strcasecmp(it->section, r->tool) == 0 ? 2 : 0;
		return 0;
	}
	if (!r->section)
		return 0;
	if (!r->fn) {
		if (r->section == 2)
			strset_add(&r->own_keys, it->key, &(bool){ false });
		return 0;
	}
	/* The tool's own section replaces what [ucmig] says of the same
	 * option, wherever the two stand in the file: --domains there would
	 * otherwise be added to, and its first domain stay [ucmig]'s. */
	if (r->section == 1 && strset_find(&r->own_keys, it->key))
		return 0;
	struct config_setting cs = { it->source, it->line, it->key, it->value, r->section == 2 };
	return r->fn(&cs, r->data);
}

/* The file to read, into path; false when there is none. */
static bool find_file(struct strbuf *path, int *status)
{
	const char *env = getenv("UCMIG_CONF"), *home = getenv("HOME");

	*status = 0;
	if (env && *env) {
		strbuf_addstr(path, env);
		if (access(env, F_OK) != 0)
			*status = fail(UCMIG_EX_NOINPUT, "%s: cannot open (named by UCMIG_CONF):", env);
		return !*status;
	}
	if (home && *home) {
		strbuf_addf(path, "%s/.config/ucmig/ucmig.conf", home);
		if (access(path->buf, F_OK) == 0)
			return true;
		strbuf_reset(path);
	}
	strbuf_addstr(path, "/etc/ucmig.conf");
	return access(path->buf, F_OK) == 0;
}

int config_read(const char *tool, config_fn fn, void *data)
{
	struct reading r = { tool, NULL, data, 0, { 0 } };
	struct strbuf path = STRBUF_INIT;
	int status;

	strset_init(&r.own_keys);
	if (find_file(&path, &status)) {
		/* A configuration file is often a link into a managed tree:
		 * read what it points to (inputs are otherwise never links). */
		char *real = realpath(path.buf, NULL);
		const char *file = real ? real : path.buf;

		if (!(status = ini_load(file, NULL, on_item, &r))) {
			r.fn = fn;
			r.section = 0;
			status = ini_load(file, NULL, on_item, &r);
		}
		free(real);
		/* What is wrong in this file is the configuration's (78), as
		 * config.h says, also when the text reader found it (65). */
		if (status == UCMIG_EX_DATAERR)
			status = UCMIG_EX_CONFIG;
	}
	strset_free(&r.own_keys);
	strbuf_release(&path);
	return status;
}

bool config_boolean(const char *value, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcasecmp(value, yes[i]) == 0)
			return *out = true;
		if (strcasecmp(value, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}
