/* SPDX-License-Identifier: ISC */
/* A progress bar on stderr, only when stderr is a terminal (never in logs
 * or pipes), redrawn at most ten times a second. */
#ifndef SOMASCAPE_PROGRESS_H
#define SOMASCAPE_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
	bool shown;
	const char* label;
	int64_t total;
	double rate;
	double last_draw; /* monotonic seconds */
} Progress;

void progress_start(Progress* progress, const char* label, int64_t total_frames, double rate);
void progress_update(Progress* progress, int64_t frames_done);

/* Clears the line (after success or failure alike). */
void progress_finish(Progress* progress);

#endif
