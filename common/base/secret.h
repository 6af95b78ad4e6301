/*
 * secret.h - passwords, which never come from the command line alone.
 *
 * As in signify and ldap-utils: a password is read from a file (first
 * line, without its newline), from an environment variable, or from a
 * prompt on the controlling terminal with echo off. It is held in memory
 * the tool owns and wiped with explicit_bzero when released, and no
 * message ever prints it.
 */
#ifndef UCMIG_SECRET_H
#define UCMIG_SECRET_H

#include <stdbool.h>

/* Where one server's password may come from, tried in this order: a
 * file, a terminal prompt (when asked for), an environment variable. The
 * option names are for the message that says how to give one. */
struct secret_source {
	const char *needed_by;     /* "-D", "--db-user": what needs a password */
	const char *file;          /* path, or NULL */
	const char *file_option;   /* "-y", "--db-password-file" */
	bool prompt;
	const char *prompt_option; /* "-W", "--db-password-prompt" */
	const char *prompt_text;   /* "LDAP password: " */
	const char *env;           /* "UCMIG_LDAP_PASSWORD" */
};

/* The password from the first source that has one, into *out (caller
 * releases with secret_free). Returns 0, or an exit status: 64 when no
 * source was given, 66/74/78 for a file that cannot be used. */
int secret_get(const struct secret_source *src, char **out);

/* Read the first line of path (a UTF-8 BOM is not part of it). Returns
 * 0 and sets *out (caller releases with secret_free) or an exit status:
 * 78 for an empty password, one with a NUL byte, or a UTF-16 file. */
int secret_from_file(const char *path, char **out);
/* Prompt on /dev/tty. Returns 0 or an exit status. */
int secret_from_prompt(const char *prompt, char **out);
void secret_free(char *secret);

#endif
