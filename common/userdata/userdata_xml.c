/*
 * userdata_xml.c - see userdata_xml.h.
 */
#include "userdata/userdata_xml.h"

#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/base64.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "base/utf8.h"

/* What differs between the two dialects, as data. */
struct dialect_spec {
	const char *root;          /* root element's local name */
	const char *user_element;  /* element that holds one user */
	const char *user_attr;     /* its attribute naming the user */
	const char *user_prefix;   /* prefix of that value for users, or NULL */
	const char *name_attr[2];  /* attributes carrying a display name */
	bool names_may_be_base64;
};

static const struct dialect_spec dialects[] = {
	[DIALECT_DOCITEMSET] = { "DocItemSet", "DocItem", "Name", "urn:lcd:",
				 { "DisplayName", NULL }, true },
	[DIALECT_DBIMPEXP] = { "HomedResources", "HomedResource", "UserAtHost", NULL,
			       { "Name", "DisplayName" }, false },
};

struct parse_state {
	XML_Parser parser;
	const struct userdata_callbacks *cb;
	const struct dialect_spec *spec;
	enum userdata_dialect dialect;
	int depth;
	int user_depth;            /* depth of the open user element, or 0 */
	const char *file;          /* for messages */
	struct contact_list list;
	struct strbuf decoded;
	struct strbuf scratch;
	int status;
	long long last_event;       /* byte offset of the last thing expat reported */
};

/* No element, attribute or other single token of a real export comes
 * near this. Debian's expat 2.5 rescans a token that spans buffers from
 * its start for every new buffer, so one huge attribute costs quadratic
 * time (1 GiB ran past 120 s): a token longer than this is refused. */
enum { XML_TOKEN_MAX = 1 << 20 };

static void saw_event(struct parse_state *st)
{
	st->last_event = (long long)XML_GetCurrentByteIndex(st->parser);
}

static void XMLCALL on_text(void *data, const char *s, int len)
{
	(void)s;
	(void)len;
	saw_event(data);
}

static void XMLCALL on_comment(void *data, const char *text)
{
	(void)text;
	saw_event(data);
}

static const char *local_name(const char *name)
{
	const char *sep = strrchr(name, '|');

	return sep ? sep + 1 : name;
}

static const char *attr(const char **atts, const char *want)
{
	if (!want)
		return NULL;
	for (; atts[0]; atts += 2)
		if (strcmp(local_name(atts[0]), want) == 0)
			return atts[1];
	return NULL;
}

static bool is_printable_utf8(const char *s, size_t len)
{
	if (!utf8_valid(s, len))
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
			return false;
	return true;
}

/* A display name as text. In DocItemSet it is base64 of UTF-8, but some
 * exports hold plain text: a value is decoded only when it is canonical
 * base64 AND decodes to printable UTF-8; otherwise it is taken as is. */
static const char *display_name(struct parse_state *st, const char *raw)
{
	if (!raw)
		return "";
	if (!st->spec->names_may_be_base64)
		return raw;
	strbuf_reset(&st->decoded);
	if (*raw && base64_decode(raw, strlen(raw), &st->decoded) &&
	    is_printable_utf8(st->decoded.buf, st->decoded.len))
		return st->decoded.buf;
	return raw;
}


static void stop(struct parse_state *st, int status)
{
	if (!st->status)
		st->status = status;
	XML_StopParser(st->parser, XML_FALSE);
}

/* Stop with "FILE:LINE:COL: message" for input that is XML but not ours. */
UCMIG_PRINTF(2, 3)
static void stop_bad_data(struct parse_state *st, const char *fmt, ...)
{
	struct strbuf text = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&text, fmt, ap);
	va_end(ap);
	stop(st, fail(UCMIG_EX_DATAERR, "%s:%lu:%lu: %s", st->file,
		      (unsigned long)XML_GetCurrentLineNumber(st->parser),
		      (unsigned long)XML_GetCurrentColumnNumber(st->parser) + 1, text.buf));
	strbuf_release(&text);
}

static bool pick_dialect(struct parse_state *st, const char *name)
{
	for (size_t i = 1; i < sizeof(dialects) / sizeof(dialects[0]); i++)
		if (strcmp(name, dialects[i].root) == 0) {
			st->dialect = (enum userdata_dialect)i;
			st->spec = &dialects[i];
			return true;
		}
	return false;
}

static void begin_user(struct parse_state *st, const char **atts)
{
	const char *who = attr(atts, st->spec->user_attr);
	const char *prefix = st->spec->user_prefix;

	if (!who) {
		stop_bad_data(st, "<%s> without %s attribute", st->spec->user_element,
			      st->spec->user_attr);
		return;
	}
	if (prefix && strncmp(who, prefix, strlen(prefix)) != 0) {
		if (st->cb->non_user)
			st->cb->non_user(who, st->cb->data);
		return;
	}
	if (prefix)
		who += strlen(prefix);
	st->user_depth = st->depth;
	contact_list_reset(&st->list, who, (unsigned long)XML_GetCurrentLineNumber(st->parser));
}

static void add_group(struct parse_state *st, const char **atts)
{
	const char *number = attr(atts, "Number");
	const char *name = attr(atts, st->spec->name_attr[0]);
	char *end;
	long n;

	if (!name)
		name = attr(atts, st->spec->name_attr[1]);
	n = number ? strtol(number, &end, 10) : 0;
	if (!number || end == number || *end) {
		stop_bad_data(st, "<ContactGroup> without a numeric Number");
		return;
	}
	bool dl = group_is_distribution_list(attr(atts, "ExternalUri"), &st->scratch);
	contact_list_add_group(&st->list, n, display_name(st, name), dl);
}

static void add_contact(struct parse_state *st, const char **atts)
{
	const char *buddy = attr(atts, "Buddy");
	const char *name = attr(atts, st->spec->name_attr[0]);
	const char *groups = attr(atts, "Groups");

	if (!name)
		name = attr(atts, st->spec->name_attr[1]);
	if (!buddy) {
		stop_bad_data(st, "<Contact> without Buddy");
		return;
	}
	contact_list_add_contact(&st->list, buddy, display_name(st, name), groups ? groups : "");
}

static void XMLCALL on_start(void *data, const char *qname, const char **atts)
{
	struct parse_state *st = data;
	const char *name = local_name(qname);

	saw_event(st);
	st->depth++;
	if (st->depth == 1) {
		if (!pick_dialect(st, name))
			stop_bad_data(st, "root element <%s> is neither DocItemSet (Export-CsUserData) nor HomedResources (dbimpexp)",
				      name);
		return;
	}
	if (!st->user_depth) {
		if (strcmp(name, st->spec->user_element) == 0)
			begin_user(st, atts);
		return;
	}
	if (strcmp(name, "ContactGroup") == 0)
		add_group(st, atts);
	else if (strcmp(name, "Contact") == 0)
		add_contact(st, atts);
}

static void XMLCALL on_end(void *data, const char *qname)
{
	struct parse_state *st = data;
	int status;

	saw_event(st);
	(void)qname;
	if (st->user_depth == st->depth) {
		st->user_depth = 0;
		if ((status = st->cb->user(&st->list, st->cb->data)))
			stop(st, status);
	}
	st->depth--;
}

static int xml_failure(struct parse_state *st, const struct userdata_source *src)
{
	if (st->status)
		return st->status;
	return fail(UCMIG_EX_DATAERR, "%s:%lu:%lu: malformed XML: %s", src->name.buf,
		    (unsigned long)XML_GetCurrentLineNumber(st->parser),
		    (unsigned long)XML_GetCurrentColumnNumber(st->parser) + 1,
		    XML_ErrorString(XML_GetErrorCode(st->parser)));
}

int userdata_parse(struct userdata_source *src, const struct userdata_callbacks *cb,
		   enum userdata_dialect *dialect)
{
	struct parse_state st = { .cb = cb, .file = src->name.buf };
	enum { CHUNK = 1 << 16 };
	long long fed = 0;         /* bytes handed to expat */
	int status = 0;

	st.parser = XML_ParserCreateNS(NULL, '|');
	if (!st.parser)
		return fail(UCMIG_EX_SOFTWARE, "cannot create the XML parser");
	XML_SetUserData(st.parser, &st);
	XML_SetElementHandler(st.parser, on_start, on_end);
	XML_SetCharacterDataHandler(st.parser, on_text);
	XML_SetCommentHandler(st.parser, on_comment);
	contact_list_init(&st.list);
	strbuf_init(&st.decoded);
	strbuf_init(&st.scratch);
	for (;;) {
		void *buf = XML_GetBuffer(st.parser, CHUNK);
		size_t n;

		if (!buf) {
			status = fail(UCMIG_EX_SOFTWARE, "out of memory in the XML parser");
			break;
		}
		if ((status = userdata_read(src, buf, CHUNK, &n)))
			break;
		if (fed - st.last_event > XML_TOKEN_MAX) {
			status = fail(UCMIG_EX_DATAERR,
				      "%s: a single XML element or value of more than %d MiB after byte %lld; no export has one: damaged or hostile file",
				      src->name.buf, XML_TOKEN_MAX >> 20, st.last_event);
			break;
		}
		fed += (long long)n;
		if (XML_ParseBuffer(st.parser, (int)n, n == 0) != XML_STATUS_OK) {
			status = xml_failure(&st, src);
			break;
		}
		if (cb->progress)
			cb->progress(src, cb->data);
		if (n == 0)
			break;
	}
	if (!status && st.dialect == DIALECT_UNKNOWN)
		status = fail(UCMIG_EX_DATAERR, "%s: no XML document in the file", src->name.buf);
	*dialect = st.dialect;
	XML_ParserFree(st.parser);
	contact_list_release(&st.list);
	strbuf_release(&st.decoded);
	strbuf_release(&st.scratch);
	return status;
}
