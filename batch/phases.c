/*
 * phases.c - see phases.h: the table of phases.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/exitcode.h"
#include "base/msg.h"
#include "domain/userlist.h"
#include "command.h"
#include "handon.h"
#include "phases.h"

/* The files every tool run of a phase writes, its operand, then run it. */
static int run_tool(struct batch *b, enum phase p, struct command *c, const char *name, const char *operand,
		    struct phase_end *end)
{
	struct strbuf path = STRBUF_INIT;

	phase_path(b, p, "", &path);
	command_add(c, "--report=%s%s.csv", path.buf, name);
	command_add(c, "--summary=%s%s.json", path.buf, strcmp(name, "report") == 0 ? "summary" : name);
	if (operand)
		command_add(c, "%s", operand);
	strbuf_release(&path);
	return command_print_run(b, c, &end->exit);
}

/* The same, on the list of users phase p acts on. */
static int run_on_users(struct batch *b, enum phase p, struct command *c, struct phase_end *end)
{
	struct strbuf users = STRBUF_INIT;
	int status;

	phase_input(b, p, &users);
	status = run_tool(b, p, c, "report", users.buf, end);
	strbuf_release(&users);
	return status;
}

static void add_file(struct command *c, const struct batch *b, const char *option, enum phase p,
		     const char *file)
{
	struct strbuf path = STRBUF_INIT;

	phase_path(b, p, file, &path);
	command_add(c, "%s=%s", option, path.buf);
	strbuf_release(&path);
}

static int run_export(struct batch *b, struct phase_end *end)
{
	struct command c;

	command_init(&c, "ucmig-export");
	add_file(&c, b, "--exported-users", PHASE_EXPORT, EXPORTED_USERS);
	add_file(&c, b, "--output", PHASE_EXPORT, "contacts.csv");
	return run_on_users(b, PHASE_EXPORT, &c, end);
}

static int run_disable(struct batch *b, struct phase_end *end)
{
	struct command c;

	command_init(&c, "ucmig-disable");
	if (b->dry_run)
		command_add(&c, "--dry-run");
	/* A user who cannot be disabled stops here; the others go on. */
	command_add(&c, "--continue");
	add_file(&c, b, "--journal", PHASE_DISABLE, "journal");
	add_file(&c, b, "--rejects", PHASE_DISABLE, "rejects.txt");
	return run_on_users(b, PHASE_DISABLE, &c, end);
}

static int run_verify(struct batch *b, struct phase_end *end)
{
	struct strbuf input = STRBUF_INIT;
	struct command c;
	int status;

	command_init(&c, "ucmig-disable");
	phase_input(b, PHASE_VERIFY, &input);
	command_add(&c, "--verify=%s", input.buf);
	status = run_tool(b, PHASE_VERIFY, &c, "report", NULL, end);
	strbuf_release(&input);
	return status;
}

static int run_delete(struct batch *b, struct phase_end *end)
{
	struct command c;

	command_init(&c, "ucmig-delete");
	if (b->dry_run) {
		/* Nothing is disabled yet: what delete would do once it is. */
		command_add(&c, "--dry-run");
		command_add(&c, "--skip-ad-check");
		command_add(&c, "--min-age=0");
	} else {
		add_file(&c, b, "--disable-journal", PHASE_DISABLE, "journal");
	}
	add_file(&c, b, "--backup", PHASE_EXPORT, "contacts.csv");
	add_file(&c, b, "--journal", PHASE_DELETE, "journal");
	add_file(&c, b, "--rejects", PHASE_DELETE, "rejects.txt");
	return run_on_users(b, PHASE_DELETE, &c, end);
}

/* The export's rows of the users still in the batch: what import takes
 * (through rename when the batch renames). */
static int contacts_handed_on(struct batch *b, enum phase into, struct strbuf *out)
{
	struct strbuf contacts = STRBUF_INIT, users = STRBUF_INIT;
	unsigned long rows;
	int status;

	phase_path(b, PHASE_EXPORT, "contacts.csv", &contacts);
	phase_input(b, PHASE_RENAME, &users);
	phase_path(b, into, into == PHASE_RENAME ? "contacts-in.csv" : "contacts.csv", out);
	if (!(status = contacts_of_users(contacts.buf, users.buf, out->buf, &rows)))
		printf("# %s: %lu rows of %s's users\n", out->buf, rows, users.buf);
	strbuf_release(&contacts);
	strbuf_release(&users);
	return status;
}

/* The contacts import reads: rename's output when the batch renames. */
static void import_contacts(const struct batch *b, struct strbuf *out)
{
	phase_path(b, b->rename ? PHASE_RENAME : PHASE_IMPORT, "contacts.csv", out);
}

static int run_rename(struct batch *b, struct phase_end *end)
{
	struct strbuf in = STRBUF_INIT, users = STRBUF_INIT;
	struct command c;
	int status;

	if ((status = contacts_handed_on(b, PHASE_RENAME, &in)))
		goto out;
	command_init(&c, "ucmig-rename");
	command_add(&c, "--map-from-ldap");
	add_file(&c, b, "--output", PHASE_RENAME, "map.csv");
	phase_input(b, PHASE_RENAME, &users);
	if ((status = run_tool(b, PHASE_RENAME, &c, "map-report", users.buf, end)) || end->exit)
		goto out;
	command_init(&c, "ucmig-rename");
	add_file(&c, b, "--map", PHASE_RENAME, "map.csv");
	command_add(&c, "--owners");
	add_file(&c, b, "--output", PHASE_RENAME, "contacts.csv");
	status = run_tool(b, PHASE_RENAME, &c, "report", in.buf, end);
out:
	strbuf_release(&in);
	strbuf_release(&users);
	return status;
}

/* ucmig-import never writes a plan over another: the files of an
 * earlier run of this phase (a killed one, --from import, a plan made
 * again) are kept beside it as DIR.1, DIR.2, ..., never removed: they
 * may be the ones uploaded. */
static int set_aside(const char *dir)
{
	struct strbuf to = STRBUF_INIT;
	struct stat st;
	int status = 0;

	if (stat(dir, &st) != 0)
		return 0;
	for (int n = 1;; n++) {
		strbuf_reset(&to);
		strbuf_addf(&to, "%s.%d", dir, n);
		if (lstat(to.buf, &st) != 0)
			break;
	}
	if (rename(dir, to.buf) != 0)
		status = fail(UCMIG_EX_CANTCREAT, "%s: cannot keep it as %s:", dir, to.buf);
	else
		printf("# %s: the files of an earlier run kept as %s\n", dir, to.buf);
	strbuf_release(&to);
	return status;
}

static int run_import(struct batch *b, struct phase_end *end)
{
	struct strbuf in = STRBUF_INIT, out = STRBUF_INIT;
	struct command c;
	int status = 0;

	if (b->rename)
		import_contacts(b, &in);
	else if ((status = contacts_handed_on(b, PHASE_IMPORT, &in)))
		goto out;
	if (b->import != IMPORT_XMPP) {
		phase_path(b, PHASE_IMPORT, b->import == IMPORT_BAT ? "bat" : "webex", &out);
		if ((status = set_aside(out.buf)))
			goto out;
	}
	command_init(&c, "ucmig-import");
	if (b->import == IMPORT_BAT)
		add_file(&c, b, "--bat", PHASE_IMPORT, "bat");
	else if (b->import == IMPORT_WEBEX)
		add_file(&c, b, "--webex", PHASE_IMPORT, "webex");
	else if (b->dry_run)
		command_add(&c, "--dry-run");
	if (b->import == IMPORT_XMPP)
		add_file(&c, b, "--journal", PHASE_IMPORT, "journal");
	add_file(&c, b, "--rejects", PHASE_IMPORT, "rejects.csv");
	status = run_tool(b, PHASE_IMPORT, &c, "report", in.buf, end);
out:
	strbuf_release(&in);
	strbuf_release(&out);
	return status;
}

static int run_arrived(struct batch *b, struct phase_end *end)
{
	struct strbuf in = STRBUF_INIT;
	struct command c;
	int status;

	command_init(&c, "ucmig-import");
	command_add(&c, "--reconcile");
	add_file(&c, b, "--import-report", PHASE_IMPORT, "report.csv");
	add_file(&c, b, "--export-report", PHASE_EXPORT, "report.csv");
	add_file(&c, b, "--missing", PHASE_ARRIVED, "missing.csv");
	import_contacts(b, &in);
	status = run_tool(b, PHASE_ARRIVED, &c, "report", in.buf, end);
	strbuf_release(&in);
	return status;
}

static int (*const phase_fn[PHASE_COUNT])(struct batch *, struct phase_end *) = {
	[PHASE_EXPORT] = run_export,
	[PHASE_DISABLE] = run_disable,
	[PHASE_VERIFY] = run_verify,
	[PHASE_GATE] = NULL,          /* the runbook's own: run.c */
	[PHASE_DELETE] = run_delete,
	[PHASE_RENAME] = run_rename,
	[PHASE_IMPORT] = run_import,
	[PHASE_ARRIVED] = run_arrived,
};

/* Users left for phase p: 0 means no tool has anything to do. */
static int users_left(const struct batch *b, enum phase p, size_t *n)
{
	struct strbuf input = STRBUF_INIT;
	struct userlist ul;
	int status;

	userlist_init(&ul);
	phase_input(b, p, &input);
	status = userlist_load(&ul, input.buf, &(struct userlist_options){ 0 });
	*n = ul.count;
	userlist_free(&ul);
	strbuf_release(&input);
	return status;
}

int phase_run(struct batch *b, enum phase p, struct phase_end *end)
{
	size_t left;
	int status;

	*end = (struct phase_end){ 0 };
	if ((end->why = phase_left_out(b, p)))
		return end->skipped = true, 0;
	if (!phase_fn[p])
		return fail(UCMIG_EX_SOFTWARE, "phase %s has no command", phase_name(p));
	if ((status = users_left(b, p, &left)) || (status = phase_mkdir(b, p)))
		return status;
	if (!left) {
		/* The next phase reads this one's list: an empty one. */
		end->skipped = true;
		end->why = "no user is left in the batch";
		return phase_hands_on(p) ? handon_empty(b, p) : 0;
	}
	return phase_fn[p](b, end);
}
