/*
 * settings.h - what one ucmig-import run was asked to do, from the
 * command line and ucmig.conf; read-only once the run starts.
 */
#ifndef UCMIG_IMPORT_SETTINGS_H
#define UCMIG_IMPORT_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/domain_list.h"

enum import_mode { MODE_NONE, MODE_BAT, MODE_WEBEX, MODE_XMPP };

/* Webex Control Hub's personal-contact migration (SPEC.md section 3). */
#define WEBEX_MAX_CONTACTS_PER_USER 500
#define WEBEX_MAX_ROWS_PER_FILE 10000
/* IM and Presence drops contacts over this by default (SPEC.md 3). */
#define BAT_DEFAULT_MAX_CONTACTS 200

struct import_settings {
	enum import_mode mode;
	const char *dir;             /* --bat DIR / --webex DIR */
	const char *url;             /* --xmpp URL */
	bool dry_run;
	const char *journal;
	long max_contacts;           /* -1: not given; 0: unlimited */
	bool keep_over_limit;
	struct domain_list domains;  /* --domains a,b (none: not checked) */
	const char *assignment;      /* --assignment FILE */
	long rate;                   /* contacts/s per node; 0: not known */
	long ova;                    /* 2000, 5000, 15000; 0: not given */
	long window_s;               /* 0: no window */
	bool ha;
	bool header;
	const char *rejects;
	bool excel_safe;             /* --excel-safe: the report and plan.csv */
	/* --reconcile: what arrived (reconcile.h) */
	bool reconcile;
	const char *missing;         /* --missing FILE: the rows not there, BAT CSV */
	const char *import_report;   /* --import-report FILE: what the import left out */
	const char *export_report;   /* --export-report FILE: the chain from Microsoft */
	bool compare_state;
};

#endif
