/*
 * userlist.h - the lists of users that export, disable and delete act on.
 *
 * Formats (SPEC.md section 2), chosen per file by its first non-blank line:
 *  - one SIP URI per line ("sip:" optional), or "DN:<dn>" lines naming an
 *    OU whose SIP-enabled users are meant; both may be mixed; blank lines
 *    and lines starting with '#' are ignored;
 *  - IM and Presence's user assignment export, recognised by its header
 *    "UserID,Subcluster Name,Node Name": the first column with --domain
 *    gives sip:<userid>@<domain>; the node is kept for splitting imports.
 * "Everyone" is not a file format: it is a tool's explicit flag.
 *
 * The whole file is read and checked before a tool acts on any of it:
 * userlist_load fails on the first malformed line, naming file and line,
 * and a tool that got a status from it changes nothing. Duplicates (by
 * sipuri_key) are dropped and counted. Entries keep the file's order.
 */
#ifndef UCMIG_USERLIST_H
#define UCMIG_USERLIST_H

#include <stddef.h>

#include "base/report.h"
#include "base/strset.h"

enum userlist_kind { USERLIST_URI, USERLIST_DN };

struct userlist_entry {
	enum userlist_kind kind;
	char *value;        /* normalised SIP URI, or the DN as written */
	char *node;         /* user assignment's Node Name, or NULL */
	unsigned long line; /* where it was read, for messages */
};

struct userlist {
	struct userlist_entry *entry;
	size_t count, alloc;
	size_t duplicates;
	struct userlist_duplicate {
		char *value;               /* as the repeated line gave it */
		unsigned long line, first_line;
	} *dup;                            /* every repeat, for the report */
	size_t dup_alloc;
	struct strset keys;  /* sipuri_key of every URI entry; value = index */
	const char *file;    /* display name of the last file loaded */
};

struct userlist_options {
	const char *domain;  /* for the user assignment format; may be NULL */
};

void userlist_init(struct userlist *ul);
void userlist_free(struct userlist *ul);
/* Read path ("-" = stdin) into ul. Returns 0 or an exit status. */
int userlist_load(struct userlist *ul, const char *path, const struct userlist_options *opt);
/* Add a normalised URI found elsewhere (a DN: expansion); duplicates are
 * dropped and counted as in a file. */
void userlist_add_uri(struct userlist *ul, const char *uri, unsigned long line);
/* Hand from's record of repeated lines to to (a DN: expansion builds a
 * new list from an old one). */
void userlist_move_duplicates(struct userlist *to, struct userlist *from);
/* A report line per repeated user ("duplicate": line N repeats line M),
 * so the record of a batch accounts for every line of its list. */
void userlist_report_duplicates(const struct userlist *ul, struct report *r, const char *action);
/* The entry for a URI (any case), or NULL. */
struct strset_entry *userlist_find(const struct userlist *ul, const char *uri);

#endif
