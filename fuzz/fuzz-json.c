/*
 * fuzz-json.c - the JSON parser (base/json.h) on any bytes: it must not
 * crash, leak or recurse without bound, and what it accepts must hold
 * only valid UTF-8 strings.
 */
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/utf8.h"
#include "fuzz.h"

static void check(const struct json_value *v)
{
	for (; v; v = v->next) {
		if (v->string && !utf8_valid(v->string, strlen(v->string)))
			abort();
		if (v->key && !utf8_valid(v->key, strlen(v->key)))
			abort();
		check(v->child);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_value *v;

	fuzz_quiet();
	if (!json_parse((const char *)data, size, &v, NULL)) {
		check(v);
		json_free(v);
	}
	return 0;
}
