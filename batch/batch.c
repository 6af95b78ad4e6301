/*
 * batch.c - see batch.h: the batch directory and its settings.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/config.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "batch.h"

static const struct {
	const char *name, *dir;
} phases[PHASE_COUNT] = {
	[PHASE_EXPORT] = { "export", "10-export" },
	[PHASE_DISABLE] = { "disable", "20-disable" },
	[PHASE_VERIFY] = { "verify", "30-verify" },
	[PHASE_GATE] = { "gate", "40-gate" },
	[PHASE_DELETE] = { "delete", "50-delete" },
	[PHASE_RENAME] = { "rename", "60-rename" },
	[PHASE_IMPORT] = { "import", "70-import" },
	[PHASE_ARRIVED] = { "arrived", "80-arrived" },
};

const char *phase_name(enum phase p)
{
	return phases[p].name;
}

const char *phase_dir(enum phase p)
{
	return phases[p].dir;
}

int phase_by_name(const char *name, enum phase *out)
{
	for (int p = 0; p < PHASE_COUNT; p++)
		if (strcmp(name, phases[p].name) == 0)
			return *out = p, 0;
	return fail(UCMIG_EX_USAGE, "no phase '%s': export, disable, verify, gate, delete, rename, import, arrived",
		    name);
}

void phase_path(const struct batch *b, enum phase p, const char *file, struct strbuf *out)
{
	strbuf_reset(out);
	strbuf_addf(out, "%s%s/%s", b->root, phases[p].dir, file);
}

static int mkdir_once(const char *path)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	return fail(UCMIG_EX_CANTCREAT, "%s: cannot create the directory:", path);
}

int phase_mkdir(const struct batch *b, enum phase p)
{
	struct strbuf path = STRBUF_INIT;
	int status = 0;

	if (*b->root) {
		strbuf_addstr(&path, b->root);
		strbuf_setlen(&path, path.len - 1);
		status = mkdir_once(path.buf);
	}
	phase_path(b, p, "", &path);
	strbuf_setlen(&path, path.len - 1);
	if (!status)
		status = mkdir_once(path.buf);
	strbuf_release(&path);
	return status;
}

const char *phase_left_out(const struct batch *b, enum phase p)
{
	switch (p) {
	case PHASE_RENAME: return b->rename ? NULL : "batch.conf: rename = no";
	case PHASE_VERIFY: case PHASE_GATE: return b->dry_run ? "a dry run disabled nobody" : NULL;
	case PHASE_ARRIVED:
		if (b->dry_run)
			return "a dry run imported nothing";
		return b->import == IMPORT_XMPP ? NULL
						: "BAT and Webex files: read back with ucmig-import --reconcile TARGET "
						  "once uploaded";
	default: return NULL;
	}
}

bool phase_needed(const struct batch *b, enum phase p)
{
	return !phase_left_out(b, p);
}

void batch_clock(time_t t, char out[6])
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 6, "%H:%M", &tm);
}

/* [batch]: the runbook's own settings. */
static int batch_setting(const struct config_setting *cs, void *data)
{
	struct batch *b = data;
	static const char *const modes[] = { [IMPORT_XMPP] = "xmpp", [IMPORT_BAT] = "bat", [IMPORT_WEBEX] = "webex" };

	if (!cs->tool_section)
		return 0;
	if (strcmp(cs->key, "import") == 0) {
		for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
			if (strcmp(cs->value, modes[i]) == 0)
				return b->import = i, 0;
		return fail(UCMIG_EX_CONFIG, "%s:%lu: import is xmpp, bat or webex", cs->source, cs->line);
	}
	if (strcmp(cs->key, "rename") == 0 || strcmp(cs->key, "fedcheck") == 0) {
		if (!config_boolean(cs->value, cs->key[0] == 'r' ? &b->rename : &b->fedcheck))
			return fail(UCMIG_EX_CONFIG, "%s:%lu: %s takes yes or no", cs->source, cs->line, cs->key);
		return 0;
	}
	if (strcmp(cs->key, "backup") == 0) {
		free(b->backup);
		b->backup = strdup(cs->value);
		return 0;
	}
	return fail(UCMIG_EX_CONFIG, "%s:%lu: [batch] has no setting '%s' (import, rename, fedcheck, backup)",
		    cs->source, cs->line, cs->key);
}

/* delete's min-age, wherever batch.conf gives it: the gate is its interlock. */
static int delete_setting(const struct config_setting *cs, void *data)
{
	struct batch *b = data;
	char *end;

	if (strcmp(cs->key, "min-age") != 0)
		return 0;
	errno = 0;
	long v = strtol(cs->value, &end, 10);
	if (errno || end == cs->value || *end || v < 0 || v > 100000)
		return fail(UCMIG_EX_CONFIG, "%s:%lu: min-age is minutes, 0 to 100000", cs->source, cs->line);
	b->min_age_minutes = v;
	return 0;
}

static int rename_setting(const struct config_setting *cs, void *data)
{
	struct batch *b = data;

	if (strcmp(cs->key, "im-address") == 0)
		b->im_address = true;
	return 0;
}

/* The tools run unattended, in process groups of their own: a password
 * prompt would stop the batch for good. */
static int no_prompt(const struct config_setting *cs, void *data)
{
	bool on = false;

	(void)data;
	if ((strcmp(cs->key, "prompt-password") == 0 || strcmp(cs->key, "db-password-prompt") == 0) &&
	    config_boolean(cs->value, &on) && on)
		return fail(UCMIG_EX_CONFIG, "%s:%lu: %s: a batch runs unattended; give the password's file", cs->source,
			    cs->line, cs->key);
	return 0;
}

static int check_no_prompts(void)
{
	static const char *const tools[] = { "ucmig-export", "ucmig-disable", "ucmig-delete", "ucmig-import",
					     "ucmig-rename", "ucmig-fedcheck" };
	int status = 0;

	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]) && !status; i++)
		status = config_read(tools[i], no_prompt, NULL);
	return status;
}

static char *tools_beside(const char *argv0)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *from = n > 0 ? (exe[n] = '\0', exe) : argv0;
	const char *slash = strrchr(from, '/');

	return slash ? strndup(from, slash - from) : strdup(".");
}

int batch_enter(struct batch *b, const char *dir, const char *argv0)
{
	struct stat st;
	int status;

	*b = (struct batch){ .import = IMPORT_XMPP, .min_age_minutes = 30, .root = "" };
	b->dir = strdup(dir);
	b->tools_dir = tools_beside(argv0);
	if (!b->dir || !b->tools_dir)
		return fail(UCMIG_EX_SOFTWARE, "out of memory");
	if (chdir(dir) != 0)
		return fail(UCMIG_EX_NOINPUT, "%s: not a batch directory:", dir);
	if (stat(BATCH_CONF, &st) != 0 || !S_ISREG(st.st_mode))
		return fail(UCMIG_EX_NOINPUT, "%s/%s: no batch here (ucmig-batch init %s makes one)", dir, BATCH_CONF,
			    dir);
	if (stat(BATCH_USERS, &st) != 0 || !S_ISREG(st.st_mode))
		return fail(UCMIG_EX_NOINPUT, "%s/%s: the batch's users are missing: one SIP URI a line", dir,
			    BATCH_USERS);
	/* Every tool the runbook starts reads this file, and so does the
	 * runbook: one batch.conf serves every phase. */
	if (setenv("UCMIG_CONF", BATCH_CONF, 1) != 0)
		return fail(UCMIG_EX_SOFTWARE, "setenv:");
	if ((status = config_read("batch", batch_setting, b)) ||
	    (status = config_read("ucmig-delete", delete_setting, b)) ||
	    (status = config_read("ucmig-rename", rename_setting, b)) || (status = check_no_prompts()))
		return status;
	return 0;
}

void batch_release(struct batch *b)
{
	free(b->backup);
	free(b->dir);
	free(b->tools_dir);
}
