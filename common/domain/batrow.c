/*
 * batrow.c - see batrow.h.
 */
#include "domain/batrow.h"

#include <string.h>
#include <strings.h>

#include "base/csvout.h"
#include "domain/sipuri.h"
#include "base/utf8.h"

const char *const bat_field_name[BAT_NFIELDS] = {
	"User ID", "User Domain", "Contact ID", "Contact Domain",
	"Nickname", "Group Name", "State",
};

/* SPEC.md section 3. max 0 = no limit; domain = domain syntax rules. */
static const struct {
	size_t max;
	bool mandatory, domain;
} rules[BAT_NFIELDS] = {
	[BAT_USER_ID]        = { 132, true,  false },
	[BAT_USER_DOMAIN]    = { 128, true,  true  },
	[BAT_CONTACT_ID]     = { 132, true,  false },
	[BAT_CONTACT_DOMAIN] = { 128, true,  true  },
	[BAT_NICKNAME]       = { 255, false, false },
	[BAT_GROUP]          = { 255, true,  false },
	[BAT_STATE]          = { 16,  false, false },
};

/* ASSUMPTION (SPEC.md section 3): IM&P 12.5(1)SU4's State column takes a
 * roster subscription state; these are XMPP's (RFC 6121) names. */
static const char *const states[] = { "none", "to", "from", "both", NULL };

const char *bat_problem_token(enum bat_problem p)
{
	switch (p) {
	case BAT_OK: return "ok";
	case BAT_MISSING: return "missing-field";
	case BAT_TOO_LONG: return "too-long";
	case BAT_BAD_DOMAIN: return "invalid-domain";
	case BAT_BAD_STATE: return "invalid-state";
	case BAT_SELF_CONTACT: return "self-contact";
	case BAT_BAD_TEXT: return "control-character";
	}
	return "unknown";
}

static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return true;
	return false;
}

enum bat_problem bat_field_check(enum bat_field f, const char *v, struct strbuf *detail)
{
	size_t len;
	const char *why;

	v = v ? v : "";
	len = strlen(v);
	if (rules[f].mandatory && len == 0) {
		if (detail)
			strbuf_addf(detail, "%s is empty", bat_field_name[f]);
		return BAT_MISSING;
	}
	if (has_control(v)) {
		if (detail)
			strbuf_addf(detail, "%s holds a control character", bat_field_name[f]);
		return BAT_BAD_TEXT;
	}
	/* A CSV reader drops a U+FEFF that starts its input, and BAT cannot
	 * take bytes that are not UTF-8: either would change the row on its
	 * way in. */
	if (!utf8_valid(v, len)) {
		if (detail)
			strbuf_addf(detail, "%s is not valid UTF-8", bat_field_name[f]);
		return BAT_BAD_TEXT;
	}
	if (strstr(v, "\xEF\xBB\xBF")) {
		if (detail)
			strbuf_addf(detail, "%s holds a byte order mark (U+FEFF)", bat_field_name[f]);
		return BAT_BAD_TEXT;
	}
	if (rules[f].max && utf8_length(v, len) > rules[f].max) {
		if (detail)
			strbuf_addf(detail, "%s longer than %zu characters", bat_field_name[f], rules[f].max);
		return BAT_TOO_LONG;
	}
	if (rules[f].domain && (why = domain_check(v, len))) {
		if (detail)
			strbuf_addf(detail, "%s '%s': %s", bat_field_name[f], v, why);
		return BAT_BAD_DOMAIN;
	}
	return BAT_OK;
}

enum bat_problem bat_row_validate(const struct bat_row *row, enum bat_field *where,
				  struct strbuf *detail)
{
	for (int f = 0; f < BAT_NFIELDS; f++) {
		enum bat_problem p;

		*where = (enum bat_field)f;
		if ((p = bat_field_check((enum bat_field)f, row->field[f], detail)) != BAT_OK)
			return p;
	}
	if (row->field[BAT_STATE] && *row->field[BAT_STATE]) {
		int i;
		for (i = 0; states[i]; i++)
			if (strcasecmp(states[i], row->field[BAT_STATE]) == 0)
				break;
		if (!states[i]) {
			*where = BAT_STATE;
			if (detail)
				strbuf_addf(detail, "State '%s' is not none, to, from or both",
					    row->field[BAT_STATE]);
			return BAT_BAD_STATE;
		}
	}
	if (strcasecmp(row->field[BAT_USER_ID], row->field[BAT_CONTACT_ID]) == 0 &&
	    strcasecmp(row->field[BAT_USER_DOMAIN], row->field[BAT_CONTACT_DOMAIN]) == 0) {
		*where = BAT_CONTACT_ID;
		if (detail)
			strbuf_addf(detail, "%s@%s is on their own contact list",
				    row->field[BAT_USER_ID], row->field[BAT_USER_DOMAIN]);
		return BAT_SELF_CONTACT;
	}
	return BAT_OK;
}

bool bat_split_address(const char *addr, struct strbuf *id, struct strbuf *domain)
{
	size_t ulen, dlen;
	const char *d;

	if (!imaddr_split(addr, strlen(addr), &ulen, &d, &dlen))
		return false;
	strbuf_reset(id);
	strbuf_add(id, addr, ulen);
	strbuf_reset(domain);
	strbuf_add(domain, d, dlen);
	return true;
}

void bat_row_write(FILE *out, const struct bat_row *row, bool with_state)
{
	const char *f[BAT_NFIELDS];

	for (int i = 0; i < BAT_NFIELDS; i++)
		f[i] = row->field[i] ? row->field[i] : "";
	csv_write_record(out, f, with_state ? 7 : 6);
}

void bat_header_write(FILE *out, bool with_state)
{
	csv_write_record(out, bat_field_name, with_state ? 7 : 6);
}
