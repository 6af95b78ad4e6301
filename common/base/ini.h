/*
 * ini.h - the one reader of the INI files ucmig reads: SQL profiles, the
 * pool topology of ucmig-delete, and ucmig.conf.
 *
 * Syntax, line by line (white space around everything is ignored):
 *   [SECTION]        starts a section; "[query resolve]" is one name
 *   KEY = VALUE      a setting of the current section
 *   # ... and ; ...  comments; blank lines are skipped
 * A "raw" section (chosen by the caller, e.g. a profile's [query NAME])
 * hands its lines over trimmed but otherwise as they are, for text such
 * as T-SQL; there only '#' starts a comment.
 *
 * Strict, because these files steer what is deleted and where: a section
 * header repeated (case-insensitively) and a key repeated within one
 * section are errors naming both lines; so is a setting before the first
 * section or a line that is neither. Every error is UCMIG_EX_CONFIG with
 * "SOURCE:LINE: ...". The caller's callback sees each item once, in file
 * order; strings it is given live until it returns.
 */
#ifndef UCMIG_INI_H
#define UCMIG_INI_H

#include <stdbool.h>

enum ini_kind {
	INI_SECTION,    /* section starts: name set, key and value NULL */
	INI_SETTING,    /* key and value set */
	INI_RAW_LINE,   /* a line of a raw section: value set */
};

struct ini_item {
	enum ini_kind kind;
	const char *source;     /* file name or "built-in profile NAME" */
	unsigned long line;
	const char *section;    /* the current section's name */
	const char *key;
	const char *value;
};

/* Return 0 to go on or an exit status (after a message) to stop. */
typedef int (*ini_fn)(const struct ini_item *item, void *data);

struct ini_syntax {
	/* Is this section's body raw text? NULL: none is. */
	bool (*raw_section)(const char *name);
};

/* Parse text (NUL-terminated, '\n' lines) from source. Returns 0, the
 * callback's status, or UCMIG_EX_CONFIG after a message. */
int ini_parse(const char *text, const char *source, const struct ini_syntax *syntax,
	      ini_fn fn, void *data);
/* The same for a file, read as textin reads text (BOM, UTF-16, CRLF). */
int ini_load(const char *path, const struct ini_syntax *syntax, ini_fn fn, void *data);

#endif
