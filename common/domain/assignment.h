/*
 * assignment.h - which IM and Presence node each user is on, from BAT's
 * user-assignment export:
 *
 *     UserID,Subcluster Name,Node Name
 *
 * The header line is mandatory (it is how BAT writes the file, and how a
 * wrong file is told apart); extra columns are ignored. UserIDs match a
 * row's User ID without regard to case. A UserID given twice with two
 * different nodes is 65 naming both lines; nothing is guessed.
 *
 * Ownership: the assignment owns its node names and index. (ucmig-import
 * plans per node with it; userlist.c reads the same export as a plain
 * list of users.)
 */
#ifndef UCMIG_ASSIGNMENT_H
#define UCMIG_ASSIGNMENT_H

#include <stddef.h>

#include "base/strset.h"

struct assignment {
	struct strset users;         /* lower(UserID) -> node index; flags: line */
	char **node;                 /* node names, in order of first mention */
	size_t nnodes, node_alloc;
	unsigned long *line;         /* where each user was assigned */
	size_t nlines, line_alloc;
};

void assignment_init(struct assignment *a);
void assignment_free(struct assignment *a);
int assignment_load(struct assignment *a, const char *path);
/* The node of user_id, or -1. */
long assignment_node(const struct assignment *a, const char *user_id);
/* Add a node by name (for runs without an assignment); its index. */
size_t assignment_add_node(struct assignment *a, const char *name);

#endif
