/*
 * json.h - the JSON of an HTTP admin API (ejabberd's mod_http_api):
 * parsing its answers into a tree, and writing strings into requests.
 *
 * Strict RFC 8259: one value, nothing after it but whitespace; strings
 * must be valid UTF-8, escapes complete, surrogates paired, and "\u0000"
 * is refused (no C string could hold it). Nesting deeper than
 * JSON_MAX_DEPTH is refused, so a hostile answer cannot exhaust the
 * stack. Numbers are kept as doubles.
 *
 * Ownership: json_parse allocates the whole tree; json_free releases it.
 * Strings and keys in it are NUL-terminated UTF-8 owned by the tree.
 */
#ifndef UCMIG_JSON_H
#define UCMIG_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

#define JSON_MAX_DEPTH 64

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json_value {
	enum json_type type;
	bool boolean;
	double number;
	char *string;                /* JSON_STRING */
	char *key;                   /* the member's name, inside an object */
	struct json_value *child;    /* first element or member */
	struct json_value *next;     /* next sibling */
};

/* Parse text[0, len); NULL and *out set, or why not (a static message;
 * *at is the byte offset where it went wrong). */
const char *json_parse(const char *text, size_t len, struct json_value **out, size_t *at);
void json_free(struct json_value *v);

/* The member key of an object, or NULL. */
const struct json_value *json_member(const struct json_value *obj, const char *key);
/* The string of v if it is one, else NULL. */
const char *json_string(const struct json_value *v);

/* Append s as a JSON string literal, quotes included. */
void json_add_string(struct strbuf *out, const char *s);

#endif
