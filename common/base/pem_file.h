/*
 * pem_file.h - a file of trusted certificates named by an option
 * (ucmig-fedcheck --ca, --xmpp-cacert), checked before anything is sent.
 *
 * Rules:
 *   - A file that is missing, is not a regular file, or holds no
 *     "-----BEGIN CERTIFICATE-----" line is 66, naming the option and
 *     the file. Without this check the run would connect and report a
 *     failed handshake, blaming the server for a typo on the command line.
 *   - Symbolic links are followed: the system's CA files are links.
 *   - Whether the certificates parse is the TLS library's to say; this
 *     check holds no TLS library, so the http part (libcurl) and the tls
 *     part (OpenSSL) share it.
 */
#ifndef UCMIG_PEM_FILE_H
#define UCMIG_PEM_FILE_H

/* 0, or 66 after the message "OPTION PATH: why". */
int pem_file_check(const char *option, const char *path);

#endif
