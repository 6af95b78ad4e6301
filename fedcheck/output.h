/*
 * output.h - the findings on standard output: an aligned table for a
 * person (VERDICT CHECK SUBJECT EVIDENCE), or with --format json one
 * array of objects {"check","subject","verdict","evidence"} for a
 * script, one object a line.
 */
#ifndef FEDCHECK_OUTPUT_H
#define FEDCHECK_OUTPUT_H

#include <stdio.h>

#include "finding.h"

void output_text(FILE *out, const struct findings *f);
void output_json(FILE *out, const struct findings *f);

#endif
