/*
 * batrow.h - one row of the IM and Presence BAT contact-list CSV.
 *
 *     User ID,User Domain,Contact ID,Contact Domain,Nickname,Group Name[,State]
 *
 * The field rules of SPEC.md section 3 live here and only here, as one
 * table, so export, import and rename reject exactly the same rows. Lengths
 * are counted in characters. A row that adds the owner to their own list is
 * invalid too: IM and Presence would silently drop it.
 */
#ifndef UCMIG_BATROW_H
#define UCMIG_BATROW_H

#include <stdbool.h>
#include <stdio.h>

#include "base/strbuf.h"

enum bat_field {
	BAT_USER_ID, BAT_USER_DOMAIN, BAT_CONTACT_ID, BAT_CONTACT_DOMAIN,
	BAT_NICKNAME, BAT_GROUP, BAT_STATE, BAT_NFIELDS
};

struct bat_row {
	const char *field[BAT_NFIELDS]; /* borrowed; State may be NULL */
};

/* Why a row is refused; BAT_OK when it is not. */
enum bat_problem {
	BAT_OK,
	BAT_MISSING,     /* a mandatory field is empty */
	BAT_TOO_LONG,
	BAT_BAD_DOMAIN,
	BAT_BAD_STATE,
	BAT_SELF_CONTACT,
	BAT_BAD_TEXT,    /* control characters */
};

/* The field names, which are also the header line. */
extern const char *const bat_field_name[BAT_NFIELDS];

/* Check a row. On a problem, *field says which field and detail (if not
 * NULL) gets a message fit for "FILE:LINE: <detail>". */
enum bat_problem bat_row_validate(const struct bat_row *row, enum bat_field *field,
				  struct strbuf *detail);
/* Check one field by its rules alone (lengths, text, domain syntax). */
enum bat_problem bat_field_check(enum bat_field f, const char *value, struct strbuf *detail);
/* Short token for reports and summaries ("self-contact", "too-long", ...). */
const char *bat_problem_token(enum bat_problem p);

/* Fill User ID / User Domain (or Contact ID / Domain) from an IM address
 * split at the last '@'; the strbufs hold the parts. */
bool bat_split_address(const char *addr, struct strbuf *id, struct strbuf *domain);

/* Write the row: 6 fields, or 7 when with_state. */
void bat_row_write(FILE *out, const struct bat_row *row, bool with_state);
void bat_header_write(FILE *out, bool with_state);

#endif
