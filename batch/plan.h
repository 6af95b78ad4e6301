/*
 * plan.h - `ucmig-batch plan DIR`: every check that changes nothing, and
 * a go/no-go.
 *
 * The checks are the tools' own dry runs, into DIR/00-plan: federation
 * (ucmig-fedcheck, when batch.conf says fedcheck = yes), a backup of every
 * user (the Export-CsUserData file of [batch] backup, read by
 * ucmig-export: a user it does not find has none), the export of
 * every user's list (found, empty lists, over the limit), ucmig-disable
 * -n (in AD, enabled), ucmig-delete -n (every database answers, the
 * export holds each user's backup), the IM and Presence address each
 * user will have (ucmig-rename --map-from-ldap, where batch.conf gives
 * im-address: does the batch need a rename?) and import's plan (BAT
 * files per node and window, or ucmig-import -n on the live server).
 *
 * Verdict: no-go when a check failed or a user would stop in any phase
 * for a reason that is a failure (result.h); a user who would stop for a
 * reason that is not (an empty list: not exported, may be in Exchange)
 * is a warning. Printed as a table, and written to 00-plan/plan.txt and
 * 00-plan/plan.json. Exit 0 go, 1 no-go.
 */
#ifndef UCMIG_BATCH_PLAN_H
#define UCMIG_BATCH_PLAN_H

#include "batch.h"

int batch_plan(struct batch *b);

#endif
