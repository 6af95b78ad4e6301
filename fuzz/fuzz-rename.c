/*
 * fuzz-rename.c - the rename map reader and the rename filter
 * (domain/rename_map.h, domain/rename_filter.h) on any bytes: the input
 * is read as a map; then, with a fixed map, as the CSV to filter. No
 * crash, no leak; a filter run that succeeds and renames nothing must
 * give its input back byte for byte.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/rename_filter.h"
#include "domain/rename_map.h"
#include "fuzz.h"

static const char fixed_map[] = "Contact ID,New Contact ID\nbob@example.com,robert@example.net\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rename_map m;
	struct filter_stats st = { 0 };
	char *out = NULL;
	size_t out_len = 0;
	FILE *fp;
	int fd;

	fuzz_quiet();
	rename_map_init(&m);
	rename_map_load(&m, fuzz_file(data, size));
	rename_map_free(&m);

	rename_map_init(&m);
	if (rename_map_load(&m, fuzz_file((const uint8_t *)fixed_map, sizeof(fixed_map) - 1)))
		abort();
	fd = open(fuzz_file(data, size), O_RDONLY);
	fp = open_memstream(&out, &out_len);
	if (fd >= 0 && fp) {
		int status = filter_run(&m, true, fd, "fuzz", fp, &st);
		fclose(fp);
		if (!status && st.contacts_renamed == 0 && st.owners_renamed == 0 &&
		    (out_len != size || memcmp(out, data, size) != 0))
			abort();
	} else if (fp) {
		fclose(fp);
	}
	if (fd >= 0)
		close(fd);
	free(out);
	free(st.uses);
	rename_map_free(&m);
	return 0;
}
