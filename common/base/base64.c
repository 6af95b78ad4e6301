/*
 * base64.c - see base64.h. Strictness matters here: export uses "is it
 * valid base64" to tell encoded names from plain-text ones.
 */
#include "base/base64.h"

static int value_of(unsigned char c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '+') return 62;
	if (c == '/') return 63;
	return -1;
}

bool base64_decode(const char *in, size_t len, struct strbuf *out)
{
	size_t start = out->len;

	if (len % 4)
		return false;
	strbuf_grow(out, len / 4 * 3);
	for (size_t i = 0; i < len; i += 4) {
		int v[4];
		int pad = 0;

		for (int k = 0; k < 4; k++) {
			unsigned char c = (unsigned char)in[i + k];
			if (c == '=' && i + 4 == len && k >= 2) {
				v[k] = 0;
				pad++;
				continue;
			}
			if (pad || (v[k] = value_of(c)) < 0)
				goto bad;
		}
		unsigned long n = ((unsigned long)v[0] << 18) | ((unsigned long)v[1] << 12) |
				  ((unsigned long)v[2] << 6) | (unsigned long)v[3];
		/* The bits under the padding must be zero (canonical form). */
		if ((pad == 1 && (n & 0xFF)) || (pad == 2 && (n & 0xFFFF)))
			goto bad;
		strbuf_addch(out, (int)(n >> 16));
		if (pad < 2)
			strbuf_addch(out, (int)(n >> 8) & 0xFF);
		if (pad < 1)
			strbuf_addch(out, (int)n & 0xFF);
	}
	return true;
bad:
	strbuf_setlen(out, start);
	return false;
}
