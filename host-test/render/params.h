/* SPDX-License-Identifier: ISC */
/* The plugin's controls as the Turtle describes them, read through lilv:
 * listing them, and turning what a user typed into a checked value. */
#ifndef SOMASCAPE_PARAMS_H
#define SOMASCAPE_PARAMS_H

#include "host.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* --list-params: symbol, range, default, unit and name of every control,
 * inputs then outputs, with the labels of enumerations. */
void params_list(Host* host, FILE* out);

/* A value for the control input `symbol`: a number, or for an enumeration
 * the label of one of its scale points ("Hold").  False with a message for
 * an unknown symbol, an output, a non-number, a fraction for an integer
 * control, or a value outside the control's range. */
bool param_parse(Host* host, const char* symbol, const char* text, float* value, char* err,
                 size_t err_size);

/* Only the symbol: true if it names a control input. */
bool param_exists(Host* host, const char* symbol, char* err, size_t err_size);

#endif
