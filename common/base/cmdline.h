/*
 * cmdline.h - one option table per tool, from which both getopt_long's
 * arrays and --help are made, so the two cannot drift apart (tests check
 * the man pages against --help in turn).
 *
 * Options every tool has (-h, -V, -q, --progress, --no-progress,
 * --report) are handled here into struct common_opts; each group's
 * handler gets its own. Option ids must be unique across a tool's groups.
 * Only main() exits: cmdline_parse returns a status.
 */
#ifndef UCMIG_CMDLINE_H
#define UCMIG_CMDLINE_H

#include <stdbool.h>
#include <stdio.h>

#include "base/progress.h"

struct tool_option {
	const char *name;    /* long name, always present */
	int short_name;      /* 0 for none */
	int has_arg;         /* no_argument, required_argument */
	const char *arg;     /* argument name for --help, e.g. "FILE" */
	const char *help;
	int id;              /* what the handler is called with */
};

/* Handler for a tool's own options: return 0 or an exit status. */
typedef int (*tool_option_fn)(int id, const char *arg, void *data);

/* A table of options with the handler that takes them: the tool's own,
 * and shared groups such as the LDAP options (ldap_session.h). */
struct option_group {
	const char *title;                 /* "options", "LDAP options" */
	const struct tool_option *options; /* ends with { NULL } */
	tool_option_fn handle;
	void *data;
};

#define TOOL_MAX_GROUPS 4

struct tool_spec {
	const char *name;            /* "ucmig-export" */
	const char *synopsis;        /* "[options] [USERLIST]" */
	const char *summary;         /* one line */
	struct option_group group[TOOL_MAX_GROUPS]; /* unused ones have no options */
};

struct common_opts {
	enum progress_mode progress;
	const char *report;
	bool exit_now;               /* --help or --version was handled */
};

/* Parse argv. On return *first_operand indexes argv's first operand.
 * Returns 0, or UCMIG_EX_USAGE (message printed) or a handler's status. */
int cmdline_parse(const struct tool_spec *tool, int argc, char **argv,
		  struct common_opts *common, int *first_operand);
void cmdline_usage(const struct tool_spec *tool, FILE *out);
/* An option's whole-number argument in [min, max]: 0, or UCMIG_EX_USAGE
 * with "--NAME: 'ARG' is not a number from MIN to MAX". */
int cmdline_number(const char *name, const char *arg, long min, long max, long *out);
/* A duration: "4h", "90m", "1h30m", "2d", "45s" or plain seconds, into
 * *out seconds within [min_s, max_s]; else 64 naming the option. */
int cmdline_duration(const char *name, const char *arg, long min_s, long max_s, long *out);

#endif
