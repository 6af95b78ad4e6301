/* fuzz-userlist.c - user lists in all their formats and encodings. */
#include "domain/userlist.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct userlist ul;
	struct userlist_options opt = { .domain = "example.com" };

	fuzz_quiet();
	userlist_init(&ul);
	userlist_load(&ul, fuzz_file(data, size), &opt);
	userlist_free(&ul);
	return 0;
}
