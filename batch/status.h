/*
 * status.h - `ucmig-batch status DIR`: where the batch stands, from
 * DIR/state and the phases' files only (it runs nothing and takes no
 * lock, so it can be asked while a run goes): a line per phase (not
 * started, running, done with its counts, waiting until HH:MM, failed
 * with the reason, skipped and why) and the users by where they are.
 */
#ifndef UCMIG_BATCH_STATUS_H
#define UCMIG_BATCH_STATUS_H

#include "batch.h"

int batch_status(const struct batch *b);

#endif
