/*
 * fuzz-sip-response.c - the SIP answer parser (domain/sip_message.h) on
 * any bytes, as a whole and cut at every length a read could end at: no
 * crash, no read past the text; an accepted answer has a code from
 * 100 to 699 and only printable characters in what it copied.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "domain/sip_message.h"
#include "fuzz.h"

static void check_printable(const struct strbuf *sb)
{
	for (size_t i = 0; i < sb->len; i++)
		if (!isprint((unsigned char)sb->buf[i]))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf status, server;
	char *copy = malloc(size ? size : 1);

	strbuf_init(&status);
	strbuf_init(&server);
	memcpy(copy, data, size);
	for (size_t len = size > 64 ? size - 64 : 0; len <= size; len++) {
		bool complete = false;
		unsigned code = 0;

		if (sip_response_parse(copy, len, &complete, &code, &status, &server) && complete) {
			if (code < 100 || code > 699 || status.len > 80)
				abort();
			check_printable(&status);
			check_printable(&server);
		}
	}
	free(copy);
	strbuf_release(&status);
	strbuf_release(&server);
	return 0;
}
