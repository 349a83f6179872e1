/* SPDX-License-Identifier: ISC */
/* Durations and times as people write them: "90" or "90s" (seconds),
 * "20m", "1h30m", "1.5h", "250ms", "2:30" (m:ss), "1:05:00" (h:mm:ss),
 * with decimals allowed in the last field ("0:10.5").  Never negative. */
#ifndef SOMASCAPE_DURATION_H
#define SOMASCAPE_DURATION_H

#include <stdbool.h>

/* Returns false, leaving *seconds alone, if text is not a duration. */
bool duration_parse(const char* text, double* seconds);

/* Formats seconds as h:mm:ss or m:ss, for messages and the plot. */
void duration_format(double seconds, char* out, unsigned size);

#endif
