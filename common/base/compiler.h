/*
 * compiler.h - the few compiler annotations the code uses, in one place
 * so that the lowest headers (strbuf.h, msg.h) need include nothing else.
 */
#ifndef UCMIG_COMPILER_H
#define UCMIG_COMPILER_H

/* printf-style checking of a function's format argument f and its
 * first variadic argument a. */
#define UCMIG_PRINTF(f, a) __attribute__((format(printf, f, a)))

#endif
