/*
 * fuzz-assignment.c - BAT's user-assignment export (domain/assignment.h)
 * from any bytes: no crash, no leak; a file it accepts maps every UserID
 * it holds to a node it named.
 */
#include <stdlib.h>

#include "domain/assignment.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct assignment a;

	fuzz_quiet();
	assignment_init(&a);
	if (!assignment_load(&a, fuzz_file(data, size))) {
		size_t pos = 0;
		struct strset_entry *e;

		while ((e = strset_next(&a.users, &pos)))
			if (e->value >= a.nnodes || assignment_node(&a, e->key) != (long)e->value)
				abort();
	}
	assignment_free(&a);
	return 0;
}
