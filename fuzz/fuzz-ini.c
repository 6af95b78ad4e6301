/* fuzz-ini.c - the INI reader under profiles, topologies and ucmig.conf. */
#include <stdlib.h>
#include <string.h>

#include "base/ini.h"
#include "fuzz.h"

static int count(const struct ini_item *it, void *data)
{
	(void)it;
	++*(size_t *)data;
	return 0;
}

static bool raw(const char *section)
{
	return strncmp(section, "query ", 6) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ini_syntax syntax = { raw };
	char *text = malloc(size + 1);
	size_t n = 0;

	fuzz_quiet();
	memcpy(text, data, size);
	text[size] = '\0';
	ini_parse(text, "fuzz", &syntax, count, &n);
	ini_load(fuzz_file(data, size), NULL, count, &n);
	free(text);
	return 0;
}
