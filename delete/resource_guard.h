/*
 * resource_guard.h - the one thing a delete may never do: remove or
 * change a user's Resource row, or other users' Contact rows pointing at
 * it. Those rows are what keep a migrated user on the contact lists of
 * the users still on the Microsoft server (SPEC.md section 6).
 *
 * The server enforces it. Every user's transaction is wrapped so that,
 * before COMMIT, an INSERT into a temporary table whose CHECK constraint
 * holds only if the Resource row is still there with the same UserAtHost
 * and the other users' Contact rows pointing at it are as many as before;
 * otherwise SQL Server answers 547 and XACT_ABORT rolls the transaction
 * back, whatever the profile's statements did and however they were
 * written (brackets, schema names, comments, aliases, UPDATE, DROP ...).
 * The temporary tables live in the sp_executesql scope and go with it.
 *
 * A reading of the profile's text stays, for an early and clear message
 * (78 before any connection); it is a courtesy, not the protection.
 */
#ifndef UCMIG_RESOURCE_GUARD_H
#define UCMIG_RESOURCE_GUARD_H

#include <stdbool.h>

#include "base/strbuf.h"

/* The error number of a tripped guard, and the words in its message. */
#define RESOURCE_GUARD_ERROR 547
#define RESOURCE_GUARD_NAME "ucmig_resource_guard"

/* Catalog columns the guard needs, as a profile's [tables] section. */
extern const char resource_guard_tables[];

/* NULL when sql touches neither the Resource table as a target nor
 * RtcDeleteResource, else the reason ("deletes from Resource"). */
const char *resource_guard_reading(const char *sql);

/* Append the statements that open the transaction and snapshot what must
 * survive, and those that check it before the commit; @id is the user's
 * ResourceId. The caller puts its own statements between the two. */
void resource_guard_open(struct strbuf *sql);
void resource_guard_close(struct strbuf *sql);

/* Did a failed transaction fail on the guard? */
bool resource_guard_tripped(int error_number, const char *error_text);

#endif
