/*
 * userdata_source.c - see userdata_source.h.
 */
#include "userdata/userdata_source.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "base/exitcode.h"
#include "base/infile.h"
#include "base/interrupt.h"
#include "base/msg.h"

static const char docitemset[] = "DocItemSet.xml";

/* The members whose base name is DocItemSet.xml, in any letter case:
 * how many, and the first one's index. */
static size_t find_docitemset(zip_t *zip, zip_uint64_t *index)
{
	zip_int64_t n = zip_get_num_entries(zip, 0);
	size_t found = 0;

	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(zip, (zip_uint64_t)i, 0);
		const char *base;

		if (!name)
			continue;
		base = strrchr(name, '/');
		base = base ? base + 1 : name;
		if (strcasecmp(base, docitemset) == 0 && found++ == 0)
			*index = (zip_uint64_t)i;
	}
	return found;
}

static int open_zip(struct userdata_source *src, const char *path)
{
	zip_uint64_t index = 0;
	zip_stat_t st;
	int err = 0;

	src->zip = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (!src->zip) {
		zip_error_t ze;
		int status;

		zip_error_init_with_code(&ze, err);
		status = fail(UCMIG_EX_DATAERR, "%s: not a readable ZIP archive (truncated?): %s",
			      path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return status;
	}
	size_t found = find_docitemset(src->zip, &index);
	if (found == 0)
		return fail(UCMIG_EX_DATAERR,
			    "%s: no %s in this ZIP; is it an Export-CsUserData file?", path, docitemset);
	/* Which one holds the users? Guessing could export nobody, or the
	 * wrong pool, and still look like success. */
	if (found > 1)
		return fail(UCMIG_EX_DATAERR, "%s: %zu members named %s; which one is the export is ambiguous",
			    path, found, docitemset);
	if (zip_stat_index(src->zip, index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
		src->size = st.size;
	src->member = zip_fopen_index(src->zip, index, 0);
	if (!src->member)
		return fail(UCMIG_EX_DATAERR, "%s: cannot read %s: %s", path,
			    zip_get_name(src->zip, index, 0), zip_strerror(src->zip));
	strbuf_reset(&src->name);
	strbuf_addf(&src->name, "%s:%s", path, zip_get_name(src->zip, index, 0));
	return 0;
}

int userdata_open(struct userdata_source *src, const char *path)
{
	unsigned char magic[4];
	struct stat st;
	ssize_t n;
	int fd, status;

	memset(src, 0, sizeof(*src));
	strbuf_init(&src->name);
	strbuf_addstr(&src->name, infile_display_name(path));
	src->fd = -1;
	if ((status = infile_open(path, &fd)))
		return status;
	if (infile_is_stdin(path)) {
		/* A ZIP needs seeking; stdin is taken to be XML. */
		src->fd = fd;
		return 0;
	}
	n = pread(fd, magic, sizeof(magic), 0);
	if (n == 4 && memcmp(magic, "PK\003\004", 4) == 0) {
		infile_close(fd);
		src->is_zip = 1;
		return open_zip(src, path);
	}
	if (fstat(fd, &st) == 0)
		src->size = (unsigned long long)st.st_size;
	src->fd = fd;
	return 0;
}

int userdata_read(struct userdata_source *src, void *buf, size_t n, size_t *out)
{
	ssize_t got;

	*out = 0;
	if (src->member) {
		zip_int64_t z = zip_fread(src->member, buf, n);
		if (z < 0)
			return fail(UCMIG_EX_DATAERR, "%s: damaged ZIP member: %s", src->name.buf,
				     zip_file_strerror(src->member));
		got = (ssize_t)z;
	} else {
		do
			got = read(src->fd, buf, n);
		while (got < 0 && errno == EINTR && !interrupt_requested());
		if (got < 0 && interrupt_requested())
			return interrupt_status();     /* a stop, not a read error */
		if (got < 0)
			return fail(UCMIG_EX_IOERR, "%s: read error:", src->name.buf);
	}
	src->done += (unsigned long long)got;
	*out = (size_t)got;
	return 0;
}

void userdata_close(struct userdata_source *src)
{
	if (src->member)
		zip_fclose(src->member);
	if (src->zip)
		zip_discard(src->zip);
	if (src->fd >= 0)
		infile_close(src->fd);
	strbuf_release(&src->name);
	src->member = NULL;
	src->zip = NULL;
	src->fd = -1;
}
