/*
 * init.c - see init.h.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/embedded_text.h"
#include "base/exitcode.h"
#include "base/msg.h"
#include "base/outfile.h"
#include "base/strbuf.h"
#include "domain/userlist.h"
#include "batch.h"
#include "init.h"

extern const struct embedded_text batch_templates[];

static const char *template_text(const char *name)
{
	for (const struct embedded_text *t = batch_templates; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t->text;
	return "";
}

static int write_file(const char *path, const char *text, size_t len)
{
	struct outfile out = { 0 };
	int status;

	if ((status = outfile_open(&out, path)))
		return status;
	fwrite(text, 1, len, out.fp);
	return outfile_commit(&out);
}

static int copy_users(const char *from, const char *to)
{
	struct userlist ul;
	struct strbuf text = STRBUF_INIT;
	int status;

	userlist_init(&ul);
	if (!(status = userlist_load(&ul, from, &(struct userlist_options){ 0 }))) {
		for (size_t i = 0; i < ul.count; i++)
			strbuf_addf(&text, "%s\n", ul.entry[i].value);
		status = write_file(to, text.buf, text.len);
	}
	strbuf_release(&text);
	userlist_free(&ul);
	return status;
}

int batch_init(const char *dir, const char *userlist)
{
	struct strbuf conf = STRBUF_INIT, users = STRBUF_INIT;
	struct stat st;
	int status = 0;

	strbuf_addf(&conf, "%s/%s", dir, BATCH_CONF);
	strbuf_addf(&users, "%s/%s", dir, BATCH_USERS);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		status = fail(UCMIG_EX_CANTCREAT, "%s: cannot create the directory:", dir);
	else if (lstat(conf.buf, &st) == 0)
		status = fail(UCMIG_EX_CANTCREAT, "%s: a batch is here already; edit its batch.conf", dir);
	else if (userlist && lstat(users.buf, &st) == 0)
		status = fail(UCMIG_EX_CANTCREAT, "%s: exists; init copies USERLIST only into a new batch", users.buf);
	else if (!(userlist && (status = copy_users(userlist, users.buf))) &&
		 !(status = write_file(conf.buf, template_text(BATCH_CONF), strlen(template_text(BATCH_CONF)))))
		printf("%s: edit %s%s, then: ucmig-batch plan %s\n", dir, conf.buf,
		       userlist ? "" : " and put the batch's users in users.txt (one SIP URI a line)", dir);
	strbuf_release(&conf);
	strbuf_release(&users);
	return status;
}
