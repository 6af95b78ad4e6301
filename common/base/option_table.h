/*
 * option_table.h - a tool's option rows gathered into one array, for
 * cmdline.c (parsing) and cmdline_help.c (--help, --list-options): what
 * both need to agree on, and nothing a tool calls.
 *
 * Rules: an entry's index is its identity; getopt_long returns
 * OPTION_INDEX_BASE + index for every long option, so no row needs an id
 * of its own. The common options (-q, --report, ...) are the last group.
 *
 * Ownership: option_table_build allocates the entries; the rows and
 * groups are the tool's (static), borrowed.
 */
#ifndef UCMIG_OPTION_TABLE_H
#define UCMIG_OPTION_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/cmdline.h"

enum { OPTION_INDEX_BASE = 0x1000 };

struct option_entry {
	const struct tool_option *row;
	const struct option_group *group;
	bool hidden;              /* not in --help or the completion */
};

struct option_table {
	struct option_entry *entry;
	size_t n;
	struct option_group common;   /* the common options, bound to a struct common_opts */
};

/* Every row of tool's groups, then the common options bound to common. */
void option_table_build(struct option_table *t, const struct tool_spec *tool,
			struct common_opts *common);
void option_table_release(struct option_table *t);
/* 0, or 70 naming a long name or letter defined twice, or an alias
 * whose new name the tool does not have. */
int option_table_check(const struct option_table *t, const char *tool_name);
/* The entry of a long name, or NULL. */
const struct option_entry *option_table_find(const struct option_table *t, const char *name);
/* The entry getopt_long's return value c names, or NULL. */
const struct option_entry *option_table_by_getopt(const struct option_table *t, int c);
/* For an alias, the entry it stands for; else e itself. */
const struct option_entry *option_table_resolve(const struct option_table *t,
						const struct option_entry *e);
/* Store arg (NULL for none) as the row says: 0, or 64 naming the option
 * (callbacks: the handler's status). */
int option_store(const struct option_entry *e, const char *arg);

#endif
