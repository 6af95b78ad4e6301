/*
 * fuzz.h - what every fuzz target shares.
 *
 * A target is one file fuzz/fuzz-NAME.c defining LLVMFuzzerTestOneInput
 * for one parser. `make fuzz` links it with libFuzzer (clang, ASan,
 * UBSan) and runs it for FUZZ_SECONDS; `make check` links it with
 * replay.c and runs it over every input kept in fuzz/corpus/NAME/ (the
 * seeds, and every input that once crashed: a crash's input is a
 * regression test forever).
 *
 * Parsers that read files get the input through fuzz_file(): a file of
 * the process's own, rewritten for each input.
 */
#ifndef UCMIG_FUZZ_H
#define UCMIG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Write data to this process's scratch file and return its path. */
const char *fuzz_file(const uint8_t *data, size_t size);

struct bat_row;
/* Write a valid BAT row (nfields 6 or 7) with bat_row_write, read it back
 * with the CSV reader, and abort() unless it comes back field for field. */
void fuzz_bat_round_trip(const struct bat_row *row, size_t nfields);

/* Silence the tools' messages: the fuzzer's output is what matters. */
void fuzz_quiet(void);

#endif
