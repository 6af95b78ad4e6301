/* fuzz-journal.c - disable's journal records, as resume, undo and
 * delete's interlock read them. */
#include "domain/disable_journal.h"
#include "fuzz.h"

static int count(const struct disable_record *rec, unsigned long line, void *data)
{
	(void)rec;
	(void)line;
	++*(size_t *)data;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0;
	const char *path;

	fuzz_quiet();
	path = fuzz_file(data, size);
	/* Both kinds: the first line decides which one reads records. */
	disable_journal_replay(path, JOURNAL_OF_ENABLED, count, &n);
	disable_journal_replay(path, JOURNAL_OF_ADDRESS, count, &n);
	return 0;
}
