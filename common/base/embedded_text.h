/*
 * embedded_text.h - text files compiled into a binary by
 * tools/embed-text.sh (data such as SQL profiles that must ship with the
 * tool yet stay readable files in the tree). A table ends with NULLs.
 */
#ifndef UCMIG_EMBEDDED_TEXT_H
#define UCMIG_EMBEDDED_TEXT_H

struct embedded_text {
	const char *name;   /* file name without directory and extension */
	const char *text;
};

#endif
