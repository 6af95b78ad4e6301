/*
 * init.h - `ucmig-batch init DIR [USERLIST]`: a new batch directory with
 * a commented batch.conf (the tools' own option names, a section a tool,
 * passwords by file only), and users.txt copied from USERLIST when one
 * is given (checked whole first). An existing batch.conf is never
 * overwritten (73).
 */
#ifndef UCMIG_BATCH_INIT_H
#define UCMIG_BATCH_INIT_H

int batch_init(const char *dir, const char *userlist);

#endif
