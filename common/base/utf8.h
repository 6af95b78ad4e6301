/*
 * utf8.h - UTF-8 checks and UTF-16 to UTF-8 conversion.
 *
 * Field limits in SPEC.md are in characters, so lengths are counted in
 * code points, not bytes. Validation is strict (RFC 3629): no overlong
 * forms, no surrogates, nothing above U+10FFFF.
 */
#ifndef UCMIG_UTF8_H
#define UCMIG_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Offset of the first byte that is not part of valid UTF-8, or len. */
size_t utf8_invalid_at(const char *s, size_t len);
bool utf8_valid(const char *s, size_t len);
/* Code points in valid UTF-8 s. */
size_t utf8_length(const char *s, size_t len);
/* Append code point cp as UTF-8 to out (room for 4 bytes); returns bytes. */
size_t utf8_encode(uint32_t cp, char *out);

#endif
