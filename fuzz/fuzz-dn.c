/* fuzz-dn.c - the DN grammar of user lists' DN: lines. */
#include "domain/dn.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dn_syntax_check((const char *)data, size);
	return 0;
}
