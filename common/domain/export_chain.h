/*
 * export_chain.h - an owner's contact list from the Microsoft server to
 * the presence server in one line: what ucmig-export's report (import's
 * --export-report FILE) says of each owner, put before what a reconcile
 * found.
 *
 * From the export report's lines (key,action,result,detail), per owner
 * (the key without "sip:", compared without case):
 *   export,exported          "7 contacts, 8 rows" (or "empty contact list")
 *   export,empty-list        nothing on the server: maybe in Exchange (UCS)
 *   export,failed            contacts that could not be exported
 *   export-contact,skipped|rejected   "bob@example.com: self-contact":
 *                            a contact not exported, and why
 *   export-group,skipped     a distribution-list group
 * Other lines are passed over. Renames are not counted here: ucmig-
 * rename's report is per map entry, not per owner.
 *
 * Memory: one small record per owner of the report. Owns it all.
 */
#ifndef UCMIG_DOMAIN_EXPORT_CHAIN_H
#define UCMIG_DOMAIN_EXPORT_CHAIN_H

#include <stdbool.h>

#include "base/strbuf.h"
#include "base/strset.h"

/* Why a contact of the Microsoft list was not exported. */
enum chain_skip { CHAIN_SKIP_SELF, CHAIN_SKIP_DL, CHAIN_SKIP_NOT_USER, CHAIN_SKIP_DUPLICATE, CHAIN_SKIP_NO_ADDRESS, CHAIN_SKIP_OTHER, NCHAIN_SKIPS };

struct chain_owner {
	char *address;                   /* as the report has it, without "sip:" */
	unsigned long contacts, rows;    /* exported */
	unsigned long skipped[NCHAIN_SKIPS];
	unsigned long dl_groups;
	bool exported, empty, failed;
};

struct export_chain {
	struct strset index;             /* lower owner -> chain_owner index */
	struct chain_owner *owner;
	size_t n, alloc;
};

void export_chain_init(struct export_chain *c);
/* Read ucmig-export's --report. Returns 0, 65 naming the line of a record
 * that is not a report line, or another exit status. */
int export_chain_load(struct export_chain *c, const char *path);
/* The owner's record (address without "sip:", any case), or NULL. */
const struct chain_owner *export_chain_find(const struct export_chain *c, const char *address);
/* "on the Microsoft server 9 contacts: 7 exported in 8 rows, 2 skipped
 * (1 self-contact, 1 distribution list); " */
void export_chain_describe(const struct chain_owner *o, struct strbuf *out);
void export_chain_release(struct export_chain *c);

#endif
