/*
 * handon.h - who goes on to the next phase, as files the next tool reads.
 *
 * A user who fails a phase does not go on. After a tool's phase the
 * runbook writes NN-phase/handed-on.txt: the users of the phase's input
 * list whose verdict in its report (results.h) is not a failure, one SIP
 * URI a line, in the input's order. export's own --exported-users is its
 * list (empty lists are not exported, as Cisco advises); the gate and
 * rename hand everyone on. Import reads the export's contact rows of the
 * users handed on, as a file of its own: rows are copied, never changed.
 *
 * Every file is written through outfile (0600, in place only when whole).
 */
#ifndef UCMIG_BATCH_HANDON_H
#define UCMIG_BATCH_HANDON_H

#include "base/strbuf.h"
#include "batch.h"

#define HANDED_ON "handed-on.txt"
#define EXPORTED_USERS "exported-users.txt"

/* The list of users phase p hands on ("20-disable/handed-on.txt"), or
 * that of the nearest phase before it that has one and runs in this
 * batch (phase_needed); users.txt before export. */
void handon_path(const struct batch *b, enum phase p, struct strbuf *out);
/* The list phase p acts on: handon_path of the phase before it. */
void phase_input(const struct batch *b, enum phase p, struct strbuf *out);
/* Does phase p write a list of its own? */
bool phase_hands_on(enum phase p);

/* Write p's handed-on.txt from its input list and report. *kept and
 * *stopped count the users. Returns 0 or an exit status. */
int handon_write(const struct batch *b, enum phase p, unsigned long *kept, unsigned long *stopped);
/* Write p's handed-on.txt with no user in it (nobody was left for p). */
int handon_empty(const struct batch *b, enum phase p);
/* Count the users phase p handed on (its list) and those of its input it
 * did not. Returns 0 or an exit status. */
int handon_count(const struct batch *b, enum phase p, unsigned long *kept, unsigned long *stopped);
/* Copy the rows of contacts (BAT CSV) whose owner is on the list users
 * to out. Returns 0 or an exit status. */
int contacts_of_users(const char *contacts, const char *users, const char *out, unsigned long *rows);

#endif
