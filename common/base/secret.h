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

/* Read the first line of path. Returns 0 and sets *out (caller releases
 * with secret_free) or an exit status. */
int secret_from_file(const char *path, char **out);
/* Prompt on /dev/tty. Returns 0 or an exit status. */
int secret_from_prompt(const char *prompt, char **out);
void secret_free(char *secret);

#endif
