/*
 * cmdline.h - one typed option table per tool, from which getopt_long's
 * arrays, the parsing of every value, its error text, --help and the
 * shell completion are all made, so none of them can drift apart (tests
 * check the man pages against --help in turn).
 *
 * Rules:
 *   - A row says the option's type and where its value goes: an offset
 *     into its group's data (OPT_FIELD checks the field's type at compile
 *     time). Parsing and the error message come from the row: a number
 *     outside [min, max] is "--NAME: 'ARG' is not a number from MIN to
 *     MAX", whichever tool it is. Only OPTION_CALLBACK rows reach the
 *     group's handler, for what a row cannot say (modes that exclude
 *     each other, values checked against a grammar of their own).
 *   - A long name or a short letter means one option in a tool: one
 *     defined twice across a tool's groups (or colliding with an old
 *     spelling) is a start-up failure, 70, before anything is parsed.
 *   - An old spelling (OPTION_ALIAS) keeps working on the command line
 *     and in the tool's own ucmig.conf section, with a warning naming the
 *     new one. In the shared [ucmig] section it is skipped like any name
 *     the tool does not have: there the name may be another group's.
 *   - Options every tool has (-h, -V, -q, --progress, --no-progress,
 *     --report) are handled here into struct common_opts.
 *   - Only main() exits: cmdline_parse returns a status.
 *
 * Ownership: tables are static and constant; values stored are argv's
 * strings or ucmig.conf's (kept for the life of the process).
 */
#ifndef UCMIG_CMDLINE_H
#define UCMIG_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/progress.h"
#include "base/versions.h"

enum option_type {
	OPTION_FLAG,       /* bool = true; yes/no in ucmig.conf */
	OPTION_REPEAT,     /* int, one more each time it is given (-ZZ) */
	OPTION_NUMBER,     /* long within [min, max] */
	OPTION_DURATION,   /* long seconds within [min, max]: 4h, 90m, 1h30m, 45 */
	OPTION_FILE,       /* const char *: a file, never named by nothing */
	OPTION_DIR,        /* const char *: a directory, likewise */
	OPTION_STRING,     /* const char * */
	OPTION_CHOICE,     /* int: the argument's index among arg's "a|b|c" */
	OPTION_CALLBACK,   /* the group's handler gets (id, arg) */
	OPTION_ALIAS,      /* an old spelling of the option named by arg */
};

struct tool_option {
	const char *name;         /* long name, always present; NULL ends a table */
	int short_name;           /* 0 for none */
	enum option_type type;
	const char *arg;          /* the argument's name in --help and the page ("FILE",
				   * "N"); a choice's choices "mail|userid"; NULL for
				   * none; an alias's new name */
	const char *help;
	size_t offset;            /* where the value goes in the group's data */
	long min, max;            /* numbers and durations */
	int id;                   /* OPTION_CALLBACK: what the handler gets */
	bool optional_arg;        /* --state[=STATE] */
	enum option_type names;   /* a callback's argument names a file (OPTION_FILE) or
				   * directory (OPTION_DIR), for completion; else 0 */
};

/* The offset of field f of struct type T, which must be of type FT: a
 * row that stores a long into a bool does not compile. */
#define OPT_FIELD(T, f, FT) (offsetof(T, f) + 0 * sizeof(&((T *)0)->f - (FT *)0))

#define OPT_FLAG(n, s, h, T, f) \
	{ .name = n, .short_name = s, .type = OPTION_FLAG, .help = h, .offset = OPT_FIELD(T, f, bool) }
#define OPT_REPEAT(n, s, h, T, f) \
	{ .name = n, .short_name = s, .type = OPTION_REPEAT, .help = h, .offset = OPT_FIELD(T, f, int) }
#define OPT_NUMBER(n, s, a, h, T, f, lo, hi) \
	{ .name = n, .short_name = s, .type = OPTION_NUMBER, .arg = a, .help = h, \
	  .offset = OPT_FIELD(T, f, long), .min = lo, .max = hi }
#define OPT_DURATION(n, s, a, h, T, f, lo, hi) \
	{ .name = n, .short_name = s, .type = OPTION_DURATION, .arg = a, .help = h, \
	  .offset = OPT_FIELD(T, f, long), .min = lo, .max = hi }
#define OPT_FILE(n, s, a, h, T, f) \
	{ .name = n, .short_name = s, .type = OPTION_FILE, .arg = a, .help = h, \
	  .offset = OPT_FIELD(T, f, const char *) }
#define OPT_DIR(n, s, a, h, T, f) \
	{ .name = n, .short_name = s, .type = OPTION_DIR, .arg = a, .help = h, \
	  .offset = OPT_FIELD(T, f, const char *) }
#define OPT_STRING(n, s, a, h, T, f) \
	{ .name = n, .short_name = s, .type = OPTION_STRING, .arg = a, .help = h, \
	  .offset = OPT_FIELD(T, f, const char *) }
#define OPT_CHOICE(n, s, choices, h, T, f) \
	{ .name = n, .short_name = s, .type = OPTION_CHOICE, .arg = choices, .help = h, \
	  .offset = OPT_FIELD(T, f, int) }
#define OPT_CALLBACK(n, s, a, h, ident) \
	{ .name = n, .short_name = s, .type = OPTION_CALLBACK, .arg = a, .help = h, .id = ident }
/* A callback whose argument is a file or directory (a mode that takes
 * one): completion offers files or directories after it. */
#define OPT_CALLBACK_PATH(n, s, a, h, ident, kind) \
	{ .name = n, .short_name = s, .type = OPTION_CALLBACK, .arg = a, .help = h, .id = ident, \
	  .names = kind }
#define OPT_ALIAS(old, new_name) { .name = old, .type = OPTION_ALIAS, .arg = new_name }
#define OPT_END { .name = NULL }

/* Handler of a group's OPTION_CALLBACK rows: return 0 or an exit status
 * (after a message naming the option). arg is NULL for an option that
 * takes none, or an optional argument not given. */
typedef int (*tool_option_fn)(int id, const char *arg, void *data);

/* A table of options and the data its rows store into: the tool's own,
 * and shared groups such as the LDAP options (ldap_session.h). */
struct option_group {
	const char *title;                 /* "options", "LDAP options" */
	const struct tool_option *options; /* ends with OPT_END */
	tool_option_fn handle;             /* NULL if no row is a callback */
	void *data;
};

#define TOOL_MAX_GROUPS 4

struct tool_spec {
	const char *name;            /* "ucmig-export" */
	const char *synopsis;        /* "[options] [USERLIST]" */
	const char *summary;         /* one line */
	struct option_group group[TOOL_MAX_GROUPS]; /* unused ones have no options */
	/* --version's libraries, one function per part the tool links
	 * (base/versions.h); base's are always printed. */
	library_versions_fn versions[6];
};

struct common_opts {
	enum progress_mode progress;
	const char *report;
	const char *summary;         /* --summary FILE (base/run_summary.h) */
	bool exit_now;               /* --help, --version or --list-options was handled */
};

/* Parse argv (and ucmig.conf, config.h). On return *first_operand
 * indexes argv's first operand. Returns 0, 64 (message printed), 70 for
 * a table that defines a name twice, 78 for a bad ucmig.conf, or a
 * handler's status. */
int cmdline_parse(const struct tool_spec *tool, int argc, char **argv,
		  struct common_opts *common, int *first_operand);
/* 0, or 70 naming the first long name or letter the tool defines twice. */
int cmdline_check_table(const struct tool_spec *tool);
void cmdline_usage(const struct tool_spec *tool, FILE *out);
/* The hidden --list-options: a line per option, tab-separated: long
 * name, short letter or "-", type, argument or "-". Completion scripts
 * are made from it (tools/gen-completion.sh). */
void cmdline_list_options(const struct tool_spec *tool, FILE *out);
/* Did the last cmdline_parse take option `name` from argv itself (not
 * from ucmig.conf)? For an old spelling a tool must interpret. */
bool cmdline_on_command_line(const char *name);

/* An option's whole-number argument in [min, max]: 0, or UCMIG_EX_USAGE
 * with "--NAME: 'ARG' is not a number from MIN to MAX". name has no
 * dashes. */
int cmdline_number(const char *name, const char *arg, long min, long max, long *out);
/* A duration: "4h", "90m", "1h30m", "2d", "45s" or plain seconds, into
 * *out seconds within [min_s, max_s]; else 64 naming the option. */
int cmdline_duration(const char *name, const char *arg, long min_s, long max_s, long *out);

#endif
