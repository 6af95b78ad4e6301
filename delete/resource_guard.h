/*
 * resource_guard.h - the one thing a delete may never do: remove or
 * change a user's Resource row, or other users' Contact rows pointing at
 * it. Those rows are what keep a migrated user on the contact lists of
 * the users still on the Microsoft server (SPEC.md section 6).
 *
 * The server enforces it, in the user's own transaction and with no
 * table made for it (DDL in every transaction is most of what a real
 * server charges for one): at the start, variables take the number of
 * other users' Contact rows pointing at the user, the sum of their
 * owners' ids, and the Resource row's UserAtHost; after the profile's
 * statements they are read again, and if anything differs the
 * transaction is rolled back and RAISERROR names the guard (50000),
 * whatever the statements did and however they were written (brackets,
 * schema names, comments, aliases, UPDATE, DROP ...).
 *
 * The first reading is WITH (HOLDLOCK): the rows read, and the key range
 * they lie in, stay locked until COMMIT. At READ COMMITTED, SQL Server's
 * default, another connection could otherwise commit in between (a batch
 * colleague's transaction deleting its own contact row pointing at this
 * user, or a user still on the Microsoft server editing a list) and the
 * check would fire on a profile that did nothing wrong. Held, such a
 * change waits until this transaction ends, and a difference can only be
 * the profile's own doing. Two users on each other's lists would then
 * wait for each other if run at once: neighbours.h keeps them apart.
 *
 * A reading of the profile's text stays, for an early and clear message
 * (78 before any connection); it is a courtesy, not the protection.
 */
#ifndef UCMIG_RESOURCE_GUARD_H
#define UCMIG_RESOURCE_GUARD_H

#include <stdbool.h>

#include "base/strbuf.h"

/* The error number of a tripped guard (RAISERROR with a message), and
 * the words its message starts with. */
#define RESOURCE_GUARD_ERROR 50000
#define RESOURCE_GUARD_NAME "ucmig_resource_guard"

/* Catalog columns the guard needs, as a profile's [tables] section. */
extern const char resource_guard_tables[];

/* NULL when sql touches neither the Resource table as a target nor
 * RtcDeleteResource, else the reason ("deletes from Resource"). */
const char *resource_guard_reading(const char *sql);

/* Append the statements that open the transaction and read, holding it,
 * what must survive, and those that check it and commit; @id is the
 * user's ResourceId. The caller puts its own statements between the two. */
void resource_guard_open(struct strbuf *sql);
void resource_guard_close(struct strbuf *sql);

/* Did a failed transaction fail on the guard? */
bool resource_guard_tripped(int error_number, const char *error_text);

#endif
