/*
 * config.h - ucmig.conf, the settings an administrator would otherwise
 * repeat on every command line (the directory, the database, the report
 * and journal habits of a site). See ucmig.conf(5).
 *
 * Where: $UCMIG_CONF if set (it must then exist), else
 * ~/.config/ucmig/ucmig.conf, else /etc/ucmig.conf; the first that
 * exists is the only one read. No file is no error.
 *
 * Format: INI (base/ini.h, strict). A setting is an option by its long
 * name: "ldap-uri = ldaps://dc1.example.com". [ucmig] applies to every
 * tool and may name options a tool does not have (they are skipped);
 * [ucmig-export] and the like apply to one tool, where an unknown name is
 * an error (78). Options without an argument take yes/no (true/false,
 * 1/0). Other sections are other programs' business and are skipped.
 *
 * The command line wins: an option given there ignores the file's value
 * for it altogether (so a repeatable option is not added to). Likewise
 * a tool's own section wins over [ucmig]: an option set in [TOOL] takes
 * no value from [ucmig], wherever the two sections stand in the file. No option
 * takes a password, so none can stand here either: only password files.
 */
#ifndef UCMIG_CONFIG_H
#define UCMIG_CONFIG_H

#include <stdbool.h>

struct config_setting {
	const char *source;       /* the file */
	unsigned long line;
	const char *key;          /* the option's long name */
	const char *value;
	bool tool_section;        /* from [TOOL], not [ucmig] */
};

/* Return 0 or an exit status (after a message). */
typedef int (*config_fn)(const struct config_setting *cs, void *data);

/* Read the file, if any, handing tool's settings to fn in file order.
 * Returns 0, fn's status, 66 for a $UCMIG_CONF that does not exist, or
 * 78 for a malformed file. */
int config_read(const char *tool, config_fn fn, void *data);
/* Read yes/no, true/false, on/off or 1/0 (any case) into *out; false
 * for anything else. */
bool config_boolean(const char *value, bool *out);

#endif
