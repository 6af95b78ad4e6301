/*
 * rtc_schema.h - which Microsoft server version a user store database
 * is, read from its catalog (SPEC.md section 6): Resource, Endpoint,
 * Container and HomedResource make a user store; CertificateStore means
 * Lync 2010 or later; ForestDirectory Lync 2013 or later.
 */
#ifndef UCMIG_RTC_SCHEMA_H
#define UCMIG_RTC_SCHEMA_H

#include "mssql/db_session.h"

/* Sets *version to 2007, 2010 or 2013. Returns 0, UCMIG_EX_CONFIG when
 * the database is not a user store, or the query's status. */
int rtc_detect_version(struct db_session *db, int *version);
const char *rtc_version_name(int version);

#endif
