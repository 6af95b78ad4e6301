/* fuzz-batch-state.c - ucmig-batch's DIR/state, as run, status and the
 * report read it: the journal container and its phase records. */
#include "fuzz.h"
#include "state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct batch_state st = { .journal.fd = -1, .lock_fd = -1 };

	fuzz_quiet();
	state_read(&st, fuzz_file(data, size));
	state_release(&st);
	return 0;
}
