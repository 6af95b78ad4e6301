/*
 * base64.h - decoding the base64 that Export-CsUserData puts in names.
 */
#ifndef UCMIG_BASE64_H
#define UCMIG_BASE64_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

/* Decode standard base64 (RFC 4648, '=' padding required) from in into
 * out (appended). Returns false, leaving out as it was, when in is not
 * valid base64 (wrong alphabet, length not a multiple of 4, bad padding,
 * non-zero trailing bits). */
bool base64_decode(const char *in, size_t len, struct strbuf *out);

#endif
